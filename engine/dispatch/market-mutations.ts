// Shared state changes of a market's dispatch core: events out, offers closed or expired, orders back to the pool,
// stops dropped from routes, couriers turning idle. Used by every command handler.
import { InputError } from '../errors.js';
import type { DispatchEvent, PlanReason } from './dispatch-types.js';
import { codDueRp, type DispatchCourierState, type OfferState, type DispatchOrderState } from './dispatch-state.js';
import type { DispatcherCore } from './command-handlers.js';
import { stagingCalls } from './staging.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventBody = DistributiveOmit<DispatchEvent, 'marketId' | 'atMs'>;

export class MarketMutations {
  constructor(private readonly core: DispatcherCore) {}

  ev(events: DispatchEvent[], nowMs: number, body: EventBody): void {
    events.push({ ...body, marketId: this.core.marketId, atMs: nowMs } as DispatchEvent);
  }

  /** Expires every offer past its TTL: its orders return to the pool without that courier, who cools down. */
  expireOffers(nowMs: number, events: DispatchEvent[]): boolean {
    let expired = false;
    for (const offer of [...this.core.offers.values()]) {
      if (offer.expiresAtMs > nowMs) continue;
      this.expire(offer, nowMs, events);
      expired = true;
    }
    return expired;
  }

  expire(offer: OfferState, nowMs: number, events: DispatchEvent[]): void {
    this.closeOffer(offer, true, nowMs, events);
    this.core.courier(offer.courierId).cooldownUntilMs = nowMs + this.core.config.offerCooldownMs;
    // Unanswered, it took at least the whole TTL: the next offers to this fleet wait longer (up to the maximum).
    this.recordAnswer(offer, offer.expiresAtMs);
    this.ev(events, nowMs, { type: 'offer.expired', offerId: offer.id, courierId: offer.courierId, orderIds: offer.orderIds });
  }

  /** Remembers how long the offer's courier took to answer it (at `answeredAtMs`), for the TTL of its fleet's next offers. */
  recordAnswer(offer: OfferState, answeredAtMs: number): void {
    this.core.answerTimes.record(this.core.courier(offer.courierId).courier.fleet, answeredAtMs - offer.offeredAtMs);
  }

  openOffer(offerId: string, courierId: string): OfferState {
    const offer = this.core.offers.get(offerId);
    if (!offer) throw new InputError('offer_not_open', `offer ${offerId} is not open (expired, answered or withdrawn)`, 'offerId');
    if (offer.courierId !== courierId) throw new InputError('offer_not_yours', `offer ${offerId} is not for courier ${courierId}`, 'courierId');
    return offer;
  }

  closeOffer(offer: OfferState, exclude: boolean, nowMs: number, events: DispatchEvent[]): void {
    this.core.offers.delete(offer.id);
    const c = this.core.couriers.get(offer.courierId);
    if (c && c.offerId === offer.id) c.offerId = undefined;
    for (const orderId of offer.orderIds) {
      const s = this.core.orders.get(orderId);
      if (!s || s.status !== 'offered' || s.offerId !== offer.id) continue;
      this.toPending(s, exclude ? offer.courierId : undefined, undefined, nowMs, events);
    }
  }

  withdrawOffer(offerId: string, reason: string, nowMs: number, events: DispatchEvent[]): PlanReason {
    const offer = this.core.offers.get(offerId)!;
    this.closeOffer(offer, false, nowMs, events);
    this.ev(events, nowMs, { type: 'offer.withdrawn', offerId, courierId: offer.courierId, orderIds: offer.orderIds, reason });
    return 'replan';
  }

  toPending(s: DispatchOrderState, fromCourierId: string | undefined, reason: string | undefined, nowMs: number, events: DispatchEvent[]): void {
    if (fromCourierId !== undefined) s.excludedCourierIds.add(fromCourierId);
    if (reason !== undefined && fromCourierId !== undefined) this.ev(events, nowMs, { type: 'order.unassigned', orderId: s.order.id, courierId: fromCourierId, reason });
    Object.assign(s, { status: 'pending', courierId: undefined, offerId: undefined, plannedCourierId: undefined, pendingSinceMs: nowMs });
    this.ev(events, nowMs, { type: 'order.pending', orderId: s.order.id });
  }

  dropFromRoute(s: DispatchOrderState, nowMs: number, events: DispatchEvent[]): void {
    const c = this.core.couriers.get(s.courierId ?? '');
    if (!c) return;
    c.route = c.route.filter((st) => st.orderId !== s.order.id);
    this.ev(events, nowMs, { type: 'route.updated', courierId: c.courier.id, stops: c.route, codDueRp: codDueRp(c.route, this.core.orders) });
  }

  idleCheck(c: DispatchCourierState, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    if (c.route.length === 0 && c.idleSinceMs === undefined) {
      c.idleSinceMs = nowMs;
      // A new idle spell: it may be asked to wait at the market again.
      c.stagedAtMs = undefined;
      c.stagedFromM = undefined;
      c.callIgnored = undefined;
    }
    if (c.status !== 'available' || c.route.length > 0 || c.offerId !== undefined) return null;
    this.ev(events, nowMs, { type: 'courier.idle', courierId: c.courier.id });
    this.stage(nowMs, events);
    return 'courier_idle';
  }

  /** Asks the idle couriers the market will need soon to wait near it (`courier.staging`), when staging is on. */
  stage(nowMs: number, events: DispatchEvent[]): void {
    const policy = this.core.config.staging;
    if (!policy) return;
    for (const id of stagingCalls(this.core.couriers.values(), this.core.orders.values(), nowMs, policy)) {
      const c = this.core.courier(id);
      c.stagedAtMs = nowMs;
      c.stagedFromM = c.distanceM;
      c.callIgnored = undefined;
      this.ev(events, nowMs, { type: 'courier.staging', courierId: id, lon: this.core.lon, lat: this.core.lat });
    }
  }
}
