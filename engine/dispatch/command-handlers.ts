// The command handlers of MarketDispatcher: each mutates the market state, appends events and may name a
// plan trigger. Kept apart from the planning loop so each stays readable.
import { InputError } from '../errors.js';
import type { DispatchCommand, DispatchCourier, DispatchEvent, DispatchOrder, CourierPosition, PlanReason } from './dispatch-types.js';
import { codDueRp, orderStops, stopOpen, type CourierState, type OfferState, type OrderState } from './dispatch-state.js';
import type { DispatchConfig } from './dispatch-config.js';
import { haversineM } from './geo.js';
import { estimateRideS, maxEtaShiftMs, refreshEtas } from './eta.js';
import { orderFeeRp } from './tariff.js';

/** What the handlers need from MarketDispatcher. */
export interface DispatcherCore {
  readonly marketId: string;
  readonly lon: number;
  readonly lat: number;
  readonly config: DispatchConfig;
  readonly orders: Map<string, OrderState>;
  readonly couriers: Map<string, CourierState>;
  readonly offers: Map<string, OfferState>;
  now(): number;
  order(orderId: string): OrderState;
  courier(courierId: string): CourierState;
}

export class CommandHandlers {
  constructor(private readonly m: DispatcherCore) {}

  /** Runs `command`, appending to `events`; returns the plan trigger it fires, if any. */
  run(command: DispatchCommand, events: DispatchEvent[]): PlanReason | null {
    const nowMs = this.m.now();
    return this.dispatch(command, nowMs, events);
  }

  private dispatch(command: DispatchCommand, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    switch (command.type) {
      case 'orderAdded': return this.orderAdded(command.order, nowMs, events);
      case 'orderCancelled': return this.orderCancelled(command.orderId, nowMs, events);
      case 'courierAvailable': return this.courierAvailable(command.courier, command.position, command.distanceM, nowMs, events);
      case 'courierPosition': return this.courierPosition(command.courierId, command.position, nowMs, events);
      case 'courierPaused': return this.courierPaused(command.courierId, command.paused, nowMs, events);
      case 'courierOffline': return this.courierOffline(command.courierId, nowMs, events);
      case 'offerAccepted': return this.offerAccepted(command.offerId, command.courierId, nowMs, events);
      case 'offerDeclined': return this.offerDeclined(command.offerId, command.courierId, nowMs, events);
      case 'offerExpired': return this.offerExpired(command.offerId, nowMs, events);
      case 'offerWithdrawn': {
        if (!this.m.offers.has(command.offerId)) return null;
        return this.withdrawOffer(command.offerId, command.reason, nowMs, events);
      }
      case 'stopCompleted': return this.stopCompleted(command, nowMs, events);
      case 'forceAssign': return this.forceAssign(command.orderId, command.courierId, nowMs, events);
      case 'unassign': return this.unassign(command.orderId, nowMs, events);
      case 'pin': return this.pin(command.orderId, command.courierId, nowMs, events);
      case 'replanNow': return 'manual';
      case 'tick': return this.tick(nowMs, events);
    }
  }

  private ev(events: DispatchEvent[], nowMs: number, body: DistributiveOmit<DispatchEvent, 'marketId' | 'atMs'>): void {
    events.push({ ...body, marketId: this.m.marketId, atMs: nowMs } as DispatchEvent);
  }

  private orderAdded(order: DispatchOrder, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    if (this.m.orders.has(order.id)) throw new InputError('order_exists', `order ${order.id} was already added`, 'orderId');
    if (order.pickups.length === 0) throw new InputError('order_without_pickup', `order ${order.id} has no pickup`, 'pickups');
    this.m.orders.set(order.id, {
      order, status: 'pending', addedAtMs: nowMs, pendingSinceMs: nowMs, planAttempts: 0,
      donePickupIds: new Set(), excludedCourierIds: new Set(),
    });
    this.ev(events, nowMs, { type: 'order.pending', orderId: order.id });
    return null;
  }

  private orderCancelled(orderId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const s = this.m.order(orderId);
    if (s.status === 'delivered' || s.status === 'failed' || s.status === 'cancelled') {
      throw new InputError('order_closed', `order ${orderId} is already ${s.status}`, 'orderId');
    }
    let trigger: PlanReason | null = null;
    if (s.status === 'offered') trigger = this.withdrawOffer(s.offerId!, 'order_cancelled', nowMs, events);
    const courier = s.status === 'assigned' ? this.m.couriers.get(s.courierId!) : undefined;
    if (courier) this.dropFromRoute(s, nowMs, events);
    s.status = 'cancelled';
    s.courierId = undefined;
    this.ev(events, nowMs, { type: 'order.cancelled', orderId });
    return (courier ? this.idleCheck(courier, nowMs, events) : null) ?? trigger;
  }

  private courierAvailable(courier: DispatchCourier, position: CourierPosition, distanceM: number | undefined, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const known = this.m.couriers.get(courier.id);
    const dist = distanceM ?? haversineM(position.lon, position.lat, this.m.lon, this.m.lat);
    if (known) {
      Object.assign(known, { courier, position, distanceM: dist, status: 'available', staleFlagged: false });
    } else {
      this.m.couriers.set(courier.id, { courier, position, distanceM: dist, status: 'available', route: [], cooldownUntilMs: 0, staleFlagged: false, codCollectedRp: 0 });
    }
    return this.idleCheck(this.m.courier(courier.id), nowMs, events);
  }

  private courierPosition(courierId: string, position: CourierPosition, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const c = this.m.courier(courierId);
    if (position.atMs < c.position.atMs) return null; // out-of-order sample
    c.position = position;
    c.distanceM = haversineM(position.lon, position.lat, this.m.lon, this.m.lat);
    c.staleFlagged = false;
    this.ev(events, nowMs, { type: 'courier.position', courierId, lon: position.lon, lat: position.lat, positionAtMs: position.atMs });
    if (c.route.length === 0) return null;
    const refreshed = refreshEtas(c.route, position, Math.max(nowMs, position.atMs), this.m.config);
    if (maxEtaShiftMs(c.route, refreshed) >= this.m.config.etaThresholdMs) {
      c.route = refreshed;
      this.ev(events, nowMs, { type: 'eta.updated', courierId, stops: refreshed.map((s) => ({ stopId: s.stopId, etaMs: s.etaMs })) });
    }
    return null;
  }

  private courierPaused(courierId: string, paused: boolean, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const c = this.m.courier(courierId);
    if (c.status === 'offline') throw new InputError('courier_offline', `courier ${courierId} is offline`, 'courierId');
    c.status = paused ? 'paused' : 'available';
    if (paused && c.offerId) return this.withdrawOffer(c.offerId, 'courier_paused', nowMs, events);
    return paused ? null : this.idleCheck(c, nowMs, events);
  }

  private courierOffline(courierId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const c = this.m.courier(courierId);
    c.status = 'offline';
    let trigger: PlanReason | null = c.offerId ? this.withdrawOffer(c.offerId, 'courier_offline', nowMs, events) : null;
    for (const orderId of new Set(c.route.map((s) => s.orderId))) {
      const s = this.m.orders.get(orderId)!;
      if (s.donePickupIds.size > 0) continue; // goods on board stay with the courier
      this.dropFromRoute(s, nowMs, events);
      this.toPending(s, courierId, 'courier_offline', nowMs, events);
      trigger = 'replan';
    }
    return trigger;
  }

  private offerAccepted(offerId: string, courierId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const offer = this.openOffer(offerId, courierId);
    this.m.offers.delete(offerId);
    const c = this.m.courier(courierId);
    c.offerId = undefined;
    const won: string[] = [];
    for (const orderId of offer.orderIds) {
      const s = this.m.orders.get(orderId);
      if (!s || s.status !== 'offered' || s.offerId !== offerId) continue; // never assign an order twice
      s.status = 'assigned';
      s.courierId = courierId;
      s.offerId = undefined;
      s.feeRp = offer.feesRp[orderId];
      won.push(orderId);
    }
    const accepted = new Set(won);
    const route = offer.stops.filter((st) => {
      const s = this.m.orders.get(st.orderId);
      return stopOpen(st, s) && (accepted.has(st.orderId) || (s!.status === 'assigned' && s!.courierId === courierId));
    });
    for (const st of c.route) if (stopOpen(st, this.m.orders.get(st.orderId)) && !route.some((r) => r.stopId === st.stopId)) route.push(st);
    c.route = route;
    this.ev(events, nowMs, { type: 'offer.accepted', offerId, courierId, orderIds: won });
    for (const orderId of won) this.ev(events, nowMs, { type: 'order.assigned', orderId, courierId, feeRp: offer.feesRp[orderId], forced: false });
    this.ev(events, nowMs, { type: 'route.updated', courierId, stops: c.route, codDueRp: codDueRp(c.route, this.m.orders) });
    return null;
  }

  private offerDeclined(offerId: string, courierId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const offer = this.openOffer(offerId, courierId);
    this.closeOffer(offer, true, nowMs, events);
    this.ev(events, nowMs, { type: 'offer.declined', offerId, courierId, orderIds: offer.orderIds });
    return 'replan';
  }

  private stopCompleted(cmd: Extract<DispatchCommand, { type: 'stopCompleted' }>, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const c = this.m.courier(cmd.courierId);
    const at = c.route.findIndex((st) => st.stopId === cmd.stopId);
    if (at < 0) throw new InputError('stop_not_on_route', `stop ${cmd.stopId} is not on the route of courier ${cmd.courierId}`, 'stopId');
    const stop = c.route[at];
    const s = this.m.orders.get(stop.orderId)!;
    c.route.splice(at, 1);
    if (stop.kind === 'pickup') {
      s.donePickupIds.add(stop.stopId);
      this.ev(events, nowMs, { type: 'order.picked_up', orderId: s.order.id, courierId: cmd.courierId, stopId: stop.stopId });
    } else if (cmd.outcome === 'done') {
      s.status = 'delivered';
      s.codCollectedRp = cmd.codCollectedRp ?? s.order.delivery.codRp;
      c.codCollectedRp += s.codCollectedRp;
      this.ev(events, nowMs, { type: 'order.delivered', orderId: s.order.id, courierId: cmd.courierId, codCollectedRp: s.codCollectedRp });
    } else {
      s.status = 'failed';
      this.ev(events, nowMs, { type: 'order.failed', orderId: s.order.id, courierId: cmd.courierId, stopId: stop.stopId });
    }
    this.ev(events, nowMs, { type: 'route.updated', courierId: cmd.courierId, stops: c.route, codDueRp: codDueRp(c.route, this.m.orders) });
    return this.idleCheck(c, nowMs, events);
  }

  private forceAssign(orderId: string, courierId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const s = this.m.order(orderId);
    const c = this.m.courier(courierId);
    if (c.status === 'offline') throw new InputError('courier_offline', `courier ${courierId} is offline`, 'courierId');
    if (s.status === 'assigned' && s.courierId === courierId) return null;
    if (s.status === 'delivered' || s.status === 'failed' || s.status === 'cancelled') throw new InputError('order_closed', `order ${orderId} is already ${s.status}`, 'orderId');
    if (s.status === 'assigned' && s.donePickupIds.size > 0) throw new InputError('goods_on_board', `order ${orderId} is on board of courier ${s.courierId}`, 'orderId');
    let trigger: PlanReason | null = null;
    if (s.status === 'offered') trigger = this.withdrawOffer(s.offerId!, 'force_assigned', nowMs, events);
    if (s.status === 'assigned') {
      const from = s.courierId!;
      this.dropFromRoute(s, nowMs, events);
      this.ev(events, nowMs, { type: 'order.unassigned', orderId, courierId: from, reason: 'force_assigned' });
    }
    const last = c.route.length > 0 ? c.route[c.route.length - 1] : { lon: c.position.lon, lat: c.position.lat, etaMs: nowMs };
    const stops = orderStops(s.order, last.etaMs + Math.round(estimateRideS(last.lon, last.lat, s.order.pickups[0].lon, s.order.pickups[0].lat, this.m.config) * 1000));
    c.route.push(...stops);
    const first = s.order.pickups[0];
    const legM = haversineM(first.lon, first.lat, s.order.delivery.lon, s.order.delivery.lat) * this.m.config.etaDetourFactor;
    Object.assign(s, { status: 'assigned', courierId, offerId: undefined, pinnedCourierId: courierId, feeRp: orderFeeRp(legM, this.m.config.tariff) });
    this.ev(events, nowMs, { type: 'order.assigned', orderId, courierId, feeRp: s.feeRp!, forced: true });
    this.ev(events, nowMs, { type: 'route.updated', courierId, stops: c.route, codDueRp: codDueRp(c.route, this.m.orders) });
    return trigger;
  }

  private unassign(orderId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const s = this.m.order(orderId);
    if (s.status === 'offered') return this.withdrawOffer(s.offerId!, 'unassigned', nowMs, events);
    if (s.status !== 'assigned') throw new InputError('order_not_assigned', `order ${orderId} is ${s.status}`, 'orderId');
    if (s.donePickupIds.size > 0) throw new InputError('goods_on_board', `order ${orderId} is on board of courier ${s.courierId}`, 'orderId');
    const from = s.courierId!;
    this.dropFromRoute(s, nowMs, events);
    this.toPending(s, from, 'unassigned', nowMs, events);
    this.idleCheck(this.m.courier(from), nowMs, events);
    return 'replan';
  }

  private pin(orderId: string, courierId: string | null, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const s = this.m.order(orderId);
    if (courierId !== null) {
      this.m.courier(courierId);
      s.excludedCourierIds.delete(courierId);
    }
    s.pinnedCourierId = courierId ?? undefined;
    this.ev(events, nowMs, { type: 'order.pinned', orderId, courierId });
    return null;
  }

  private tick(nowMs: number, events: DispatchEvent[]): PlanReason | null {
    for (const c of this.m.couriers.values()) {
      const ageMs = nowMs - c.position.atMs;
      if (c.status !== 'offline' && !c.staleFlagged && ageMs > this.m.config.pool.stalePositionMs) {
        c.staleFlagged = true;
        this.ev(events, nowMs, { type: 'courier.stale', courierId: c.courier.id, positionAgeMs: ageMs });
      }
    }
    return null;
  }

  /** Expires every offer past its TTL: its orders return to the pool without that courier, who cools down. */
  expireOffers(nowMs: number, events: DispatchEvent[]): boolean {
    let expired = false;
    for (const offer of [...this.m.offers.values()]) {
      if (offer.expiresAtMs > nowMs) continue;
      this.expire(offer, nowMs, events);
      expired = true;
    }
    return expired;
  }

  private offerExpired(offerId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const offer = this.m.offers.get(offerId);
    if (!offer) return null; // already closed here
    this.expire(offer, nowMs, events);
    return 'replan';
  }

  private expire(offer: OfferState, nowMs: number, events: DispatchEvent[]): void {
    this.closeOffer(offer, true, nowMs, events);
    this.m.courier(offer.courierId).cooldownUntilMs = nowMs + this.m.config.offerCooldownMs;
    this.ev(events, nowMs, { type: 'offer.expired', offerId: offer.id, courierId: offer.courierId, orderIds: offer.orderIds });
  }

  private openOffer(offerId: string, courierId: string): OfferState {
    const offer = this.m.offers.get(offerId);
    if (!offer) throw new InputError('offer_not_open', `offer ${offerId} is not open (expired, answered or withdrawn)`, 'offerId');
    if (offer.courierId !== courierId) throw new InputError('offer_not_yours', `offer ${offerId} is not for courier ${courierId}`, 'courierId');
    return offer;
  }

  private closeOffer(offer: OfferState, exclude: boolean, nowMs: number, events: DispatchEvent[]): void {
    this.m.offers.delete(offer.id);
    const c = this.m.couriers.get(offer.courierId);
    if (c && c.offerId === offer.id) c.offerId = undefined;
    for (const orderId of offer.orderIds) {
      const s = this.m.orders.get(orderId);
      if (!s || s.status !== 'offered' || s.offerId !== offer.id) continue;
      this.toPending(s, exclude ? offer.courierId : undefined, undefined, nowMs, events);
    }
  }

  private withdrawOffer(offerId: string, reason: string, nowMs: number, events: DispatchEvent[]): PlanReason {
    const offer = this.m.offers.get(offerId)!;
    this.closeOffer(offer, false, nowMs, events);
    this.ev(events, nowMs, { type: 'offer.withdrawn', offerId, courierId: offer.courierId, orderIds: offer.orderIds, reason });
    return 'replan';
  }

  private toPending(s: OrderState, fromCourierId: string | undefined, reason: string | undefined, nowMs: number, events: DispatchEvent[]): void {
    if (fromCourierId !== undefined) s.excludedCourierIds.add(fromCourierId);
    if (reason !== undefined && fromCourierId !== undefined) this.ev(events, nowMs, { type: 'order.unassigned', orderId: s.order.id, courierId: fromCourierId, reason });
    Object.assign(s, { status: 'pending', courierId: undefined, offerId: undefined, plannedCourierId: undefined, pendingSinceMs: nowMs });
    this.ev(events, nowMs, { type: 'order.pending', orderId: s.order.id });
  }

  private dropFromRoute(s: OrderState, nowMs: number, events: DispatchEvent[]): void {
    const c = this.m.couriers.get(s.courierId ?? '');
    if (!c) return;
    c.route = c.route.filter((st) => st.orderId !== s.order.id);
    this.ev(events, nowMs, { type: 'route.updated', courierId: c.courier.id, stops: c.route, codDueRp: codDueRp(c.route, this.m.orders) });
  }

  private idleCheck(c: CourierState, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    if (c.status !== 'available' || c.route.length > 0 || c.offerId !== undefined) return null;
    this.ev(events, nowMs, { type: 'courier.idle', courierId: c.courier.id });
    return 'courier_idle';
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
