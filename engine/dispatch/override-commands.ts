// Dispatcher overrides: force-assign (appended to the courier's route, no offer), unassign (back to the pool,
// that courier excluded), pin (the next plans keep the order on a courier).
import { InputError } from '../errors.js';
import type { DispatchEvent, PlanReason } from './dispatch-types.js';
import { codDueRp, orderStops } from './dispatch-state.js';
import type { DispatcherCore } from './command-handlers.js';
import { estimateRideS } from './eta.js';
import { haversineM } from '../geo.js';
import type { MarketMutations } from './market-mutations.js';
import { orderFeeRp } from './tariff.js';

export class OverrideCommands {
  constructor(private readonly core: DispatcherCore, private readonly mutations: MarketMutations) {}

  forceAssign(orderId: string, courierId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const s = this.core.order(orderId);
    const c = this.core.courier(courierId);
    if (c.status === 'offline') throw new InputError('courier_offline', `courier ${courierId} is offline`, 'courierId');
    if (s.status === 'assigned' && s.courierId === courierId) return null;
    if (s.status === 'delivered' || s.status === 'failed' || s.status === 'cancelled') throw new InputError('order_closed', `order ${orderId} is already ${s.status}`, 'orderId');
    if (s.status === 'assigned' && s.donePickupIds.size > 0) throw new InputError('goods_on_board', `order ${orderId} is on board of courier ${s.courierId}`, 'orderId');
    let trigger: PlanReason | null = null;
    if (s.status === 'offered') trigger = this.mutations.withdrawOffer(s.offerId!, 'force_assigned', nowMs, events);
    if (s.status === 'assigned') {
      const from = s.courierId!;
      this.mutations.dropFromRoute(s, nowMs, events);
      this.mutations.ev(events, nowMs, { type: 'order.unassigned', orderId, courierId: from, reason: 'force_assigned' });
    }
    const last = c.route.length > 0 ? c.route[c.route.length - 1] : { lon: c.position.lon, lat: c.position.lat, etaMs: nowMs };
    const stops = orderStops(s.order, last.etaMs + Math.round(estimateRideS(last.lon, last.lat, s.order.pickups[0].lon, s.order.pickups[0].lat, this.core.config) * 1000));
    c.route.push(...stops);
    const first = s.order.pickups[0];
    const legM = haversineM(first.lon, first.lat, s.order.delivery.lon, s.order.delivery.lat) * this.core.config.etaDetourFactor;
    Object.assign(s, { status: 'assigned', courierId, offerId: undefined, pinnedCourierId: courierId, feeRp: orderFeeRp(legM, this.core.config.tariff) });
    this.mutations.ev(events, nowMs, { type: 'order.assigned', orderId, courierId, feeRp: s.feeRp!, forced: true });
    this.mutations.ev(events, nowMs, { type: 'route.updated', courierId, stops: c.route, codDueRp: codDueRp(c.route, this.core.orders) });
    return trigger;
  }

  unassign(orderId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const s = this.core.order(orderId);
    if (s.status === 'offered') return this.mutations.withdrawOffer(s.offerId!, 'unassigned', nowMs, events);
    if (s.status !== 'assigned') throw new InputError('order_not_assigned', `order ${orderId} is ${s.status}`, 'orderId');
    if (s.donePickupIds.size > 0) throw new InputError('goods_on_board', `order ${orderId} is on board of courier ${s.courierId}`, 'orderId');
    const from = s.courierId!;
    this.mutations.dropFromRoute(s, nowMs, events);
    this.mutations.toPending(s, from, 'unassigned', nowMs, events);
    this.mutations.idleCheck(this.core.courier(from), nowMs, events);
    return 'replan';
  }

  pin(orderId: string, courierId: string | null, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const s = this.core.order(orderId);
    if (courierId !== null) {
      this.core.courier(courierId);
      s.excludedCourierIds.delete(courierId);
    }
    s.pinnedCourierId = courierId ?? undefined;
    this.mutations.ev(events, nowMs, { type: 'order.pinned', orderId, courierId });
    return null;
  }
}
