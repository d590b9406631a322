// Offer commands: accept (never assigning an order twice), decline and store-driven expiry.
import type { DispatchEvent, PlanReason } from './dispatch-types.js';
import { codDueRp, stopOpen } from './dispatch-state.js';
import type { DispatcherCore } from './command-handlers.js';
import type { MarketMutations } from './market-mutations.js';

export class OfferCommands {
  constructor(private readonly core: DispatcherCore, private readonly mutations: MarketMutations) {}

  offerAccepted(offerId: string, courierId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const offer = this.mutations.openOffer(offerId, courierId);
    this.core.offers.delete(offerId);
    const c = this.core.courier(courierId);
    c.offerId = undefined;
    this.mutations.recordAnswer(offer, nowMs);
    const won: string[] = [];
    for (const orderId of offer.orderIds) {
      const s = this.core.orders.get(orderId);
      if (!s || s.status !== 'offered' || s.offerId !== offerId) continue; // never assign an order twice
      s.status = 'assigned';
      s.courierId = courierId;
      s.offerId = undefined;
      s.feeRp = offer.feesRp[orderId];
      s.toldEtaMs = offer.stops.find((st) => st.stopId === s.order.delivery.id)?.etaMs;
      won.push(orderId);
    }
    const accepted = new Set(won);
    const route = offer.stops.filter((st) => {
      const s = this.core.orders.get(st.orderId);
      return stopOpen(st, s) && (accepted.has(st.orderId) || (s!.status === 'assigned' && s!.courierId === courierId));
    });
    for (const st of c.route) if (stopOpen(st, this.core.orders.get(st.orderId)) && !route.some((r) => r.stopId === st.stopId)) route.push(st);
    c.route = route;
    if (route.length > 0) c.idleSinceMs = undefined;
    this.mutations.ev(events, nowMs, { type: 'offer.accepted', offerId, courierId, orderIds: won });
    for (const orderId of won) this.mutations.ev(events, nowMs, { type: 'order.assigned', orderId, courierId, feeRp: offer.feesRp[orderId], forced: false });
    this.mutations.ev(events, nowMs, { type: 'route.updated', courierId, stops: c.route, codDueRp: codDueRp(c.route, this.core.orders) });
    return null;
  }

  offerDeclined(offerId: string, courierId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const offer = this.mutations.openOffer(offerId, courierId);
    this.mutations.recordAnswer(offer, nowMs);
    this.mutations.closeOffer(offer, true, nowMs, events);
    this.mutations.ev(events, nowMs, { type: 'offer.declined', offerId, courierId, orderIds: offer.orderIds });
    return 'replan';
  }

  offerExpired(offerId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const offer = this.core.offers.get(offerId);
    if (!offer) return null; // already closed here
    this.mutations.expire(offer, nowMs, events);
    return 'replan';
  }
}
