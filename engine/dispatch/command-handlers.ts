// The command handlers of MarketDispatcher: each mutates the market state, appends events and may name a
// plan trigger. Kept apart from the planning loop so each stays readable.
import { InputError } from '../errors.js';
import type { DispatchCommand, DispatchEvent, DispatchOrder, CourierPosition, PlanReason } from './dispatch-types.js';
import { codDueRp, freeForOffer, freeWithNoWork, newCourierState, type DispatchCourierState, type OfferState, type DispatchOrderState } from './dispatch-state.js';
import type { DispatchConfig } from './dispatch-config.js';
import { haversineM } from '../geo.js';
import { maxEtaShiftMs, refreshEtas } from './eta.js';
import { MarketMutations } from './market-mutations.js';
import type { OfferAnswerTimes } from './offer-ttl.js';
import { OfferCommands } from './offer-commands.js';
import { OverrideCommands } from './override-commands.js';
import { reviewCalls } from './staging.js';
import { courierResumed } from './courier-resume.js';
import { toldEtaChanged } from './told-eta.js';

/** What the handlers need from MarketDispatcher. */
export interface DispatcherCore {
  readonly marketId: string;
  readonly lon: number;
  readonly lat: number;
  readonly config: DispatchConfig;
  readonly orders: Map<string, DispatchOrderState>;
  readonly couriers: Map<string, DispatchCourierState>;
  readonly offers: Map<string, OfferState>;
  /** How fast the market's couriers answer offers, per fleet: the offer TTL follows it. */
  readonly answerTimes: OfferAnswerTimes;
  now(): number;
  order(orderId: string): DispatchOrderState;
  courier(courierId: string): DispatchCourierState;
}

export class CommandHandlers {
  /** Shared state changes (also used by MarketDispatcher for offer expiry). */
  readonly mutations: MarketMutations;
  private readonly offers: OfferCommands;
  private readonly overrides: OverrideCommands;

  constructor(private readonly core: DispatcherCore) {
    this.mutations = new MarketMutations(core);
    this.offers = new OfferCommands(core, this.mutations);
    this.overrides = new OverrideCommands(core, this.mutations);
  }

  /** Runs `command`, appending to `events`; returns the plan trigger it fires, if any. */
  run(command: DispatchCommand, events: DispatchEvent[]): PlanReason | null {
    const nowMs = this.core.now();
    return this.dispatch(command, nowMs, events);
  }

  private dispatch(command: DispatchCommand, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    switch (command.type) {
      case 'orderAdded': return this.orderAdded(command.order, nowMs, events);
      case 'orderCancelled': return this.orderCancelled(command.orderId, nowMs, events);
      case 'courierAvailable': return this.courierAvailable(command, nowMs, events);
      case 'courierResumed': return courierResumed(this.core, command, nowMs, events);
      case 'toldEtaChanged': return toldEtaChanged(this.core, command, nowMs, events);
      case 'courierPosition': return this.courierPosition(command.courierId, command.position, nowMs, events);
      case 'courierPaused': return this.courierPaused(command.courierId, command.paused, nowMs, events);
      case 'courierOffline': return this.courierOffline(command.courierId, nowMs, events);
      case 'offerAccepted': return this.offers.offerAccepted(command.offerId, command.courierId, nowMs, events);
      case 'offerDeclined': return this.offers.offerDeclined(command.offerId, command.courierId, nowMs, events);
      case 'offerExpired': return this.offers.offerExpired(command.offerId, nowMs, events);
      case 'offerWithdrawn': {
        if (!this.core.offers.has(command.offerId)) return null;
        return this.mutations.withdrawOffer(command.offerId, command.reason, nowMs, events);
      }
      case 'stopCompleted': return this.stopCompleted(command, nowMs, events);
      case 'forceAssign': return this.overrides.forceAssign(command.orderId, command.courierId, nowMs, events);
      case 'unassign': return this.overrides.unassign(command.orderId, nowMs, events);
      case 'pin': return this.overrides.pin(command.orderId, command.courierId, nowMs, events);
      case 'replanNow': return 'manual';
      case 'tick': return this.tick(nowMs, events);
    }
  }

  private orderAdded(order: DispatchOrder, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    // A cancelled order may come back with new data (the customer moved it to another hour): it starts afresh.
    if (this.core.orders.has(order.id) && this.core.orders.get(order.id)!.status !== 'cancelled') throw new InputError('order_exists', `order ${order.id} was already added`, 'orderId');
    if (order.pickups.length === 0) throw new InputError('order_without_pickup', `order ${order.id} has no pickup`, 'pickups');
    this.core.orders.set(order.id, {
      order, status: 'pending', addedAtMs: nowMs, pendingSinceMs: nowMs, planAttempts: 0,
      donePickupIds: new Set(), excludedCourierIds: new Set(),
    });
    this.mutations.ev(events, nowMs, { type: 'order.pending', orderId: order.id });
    this.mutations.stage(nowMs, events);
    if (!this.core.config.planOnIdleCourier) return null;
    if (this.someoneIdle(nowMs)) return 'courier_idle';
    return this.core.config.offerToBusyCouriers && this.someoneAtStalls(nowMs) ? 'courier_at_market' : null;
  }

  /**
   * true when a courier is still collecting at the stalls (its next stop is a pickup) and free to take an offer: a new
   * order planned now can ride in the same bag, one planned after it leaves waits for its whole trip.
   */
  private someoneAtStalls(nowMs: number): boolean {
    for (const c of this.core.couriers.values()) {
      if (freeForOffer(c, nowMs) && c.route[0]?.kind === 'pickup') return true;
    }
    return false;
  }

  /** true when a courier waits with no work and no offer: a new order need not wait for the batch. */
  private someoneIdle(nowMs: number): boolean {
    for (const c of this.core.couriers.values()) {
      if (freeWithNoWork(c, nowMs)) return true;
    }
    return false;
  }

  private orderCancelled(orderId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const s = this.core.order(orderId);
    if (s.status === 'delivered' || s.status === 'failed' || s.status === 'cancelled') {
      throw new InputError('order_closed', `order ${orderId} is already ${s.status}`, 'orderId');
    }
    let trigger: PlanReason | null = null;
    if (s.status === 'offered') trigger = this.mutations.withdrawOffer(s.offerId!, 'order_cancelled', nowMs, events);
    const courier = s.status === 'assigned' ? this.core.couriers.get(s.courierId!) : undefined;
    if (courier) this.mutations.dropFromRoute(s, nowMs, events);
    s.status = 'cancelled';
    s.courierId = undefined;
    this.mutations.ev(events, nowMs, { type: 'order.cancelled', orderId });
    return (courier ? this.mutations.idleCheck(courier, nowMs, events) : null) ?? trigger;
  }

  private courierAvailable(command: Extract<DispatchCommand, { type: 'courierAvailable' }>, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const { courier, position } = command;
    const known = this.core.couriers.get(courier.id);
    const dist = command.distanceM ?? haversineM(position.lon, position.lat, this.core.lon, this.core.lat);
    if (known) {
      Object.assign(known, { courier, position, distanceM: dist, status: 'available', staleFlagged: false });
      // Whoever enrols it knows its whole day (the store counts every market and starts each day at zero; a market that
      // lends it counts what it brought plus what it earned there), so that count replaces the one kept here.
      if (command.earnedRp !== undefined) known.earnedRp = command.earnedRp;
    } else {
      this.core.couriers.set(courier.id, newCourierState(courier, position, dist, command.earnedRp));
    }
    return this.mutations.idleCheck(this.core.courier(courier.id), nowMs, events);
  }

  private courierPosition(courierId: string, position: CourierPosition, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const c = this.core.courier(courierId);
    if (position.atMs < c.position.atMs) return null; // out-of-order sample
    c.position = position;
    c.distanceM = haversineM(position.lon, position.lat, this.core.lon, this.core.lat);
    c.staleFlagged = false;
    this.mutations.ev(events, nowMs, { type: 'courier.position', courierId, lon: position.lon, lat: position.lat, positionAtMs: position.atMs });
    if (c.route.length === 0) return null;
    const refreshed = refreshEtas(c.route, position, Math.max(nowMs, position.atMs), this.core.config);
    if (maxEtaShiftMs(c.route, refreshed) >= this.core.config.etaThresholdMs) {
      c.route = refreshed;
      this.mutations.ev(events, nowMs, { type: 'eta.updated', courierId, stops: refreshed.map((s) => ({ stopId: s.stopId, etaMs: s.etaMs })) });
    }
    return null;
  }

  private courierPaused(courierId: string, paused: boolean, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const c = this.core.courier(courierId);
    if (c.status === 'offline') throw new InputError('courier_offline', `courier ${courierId} is offline`, 'courierId');
    c.status = paused ? 'paused' : 'available';
    if (paused && c.offerId) return this.mutations.withdrawOffer(c.offerId, 'courier_paused', nowMs, events);
    return paused ? null : this.mutations.idleCheck(c, nowMs, events);
  }

  private courierOffline(courierId: string, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const c = this.core.courier(courierId);
    c.status = 'offline';
    let trigger: PlanReason | null = c.offerId ? this.mutations.withdrawOffer(c.offerId, 'courier_offline', nowMs, events) : null;
    for (const orderId of new Set(c.route.map((s) => s.orderId))) {
      const s = this.core.orders.get(orderId)!;
      if (s.donePickupIds.size > 0) continue; // goods on board stay with the courier
      this.mutations.dropFromRoute(s, nowMs, events);
      this.mutations.toPending(s, courierId, 'courier_offline', nowMs, events);
      trigger = 'replan';
    }
    return trigger;
  }

  private stopCompleted(cmd: Extract<DispatchCommand, { type: 'stopCompleted' }>, nowMs: number, events: DispatchEvent[]): PlanReason | null {
    const c = this.core.courier(cmd.courierId);
    const at = c.route.findIndex((st) => st.stopId === cmd.stopId);
    if (at < 0) throw new InputError('stop_not_on_route', `stop ${cmd.stopId} is not on the route of courier ${cmd.courierId}`, 'stopId');
    const stop = c.route[at];
    const s = this.core.orders.get(stop.orderId)!;
    c.route.splice(at, 1);
    if (stop.kind === 'pickup') {
      s.donePickupIds.add(stop.stopId);
      this.mutations.ev(events, nowMs, { type: 'order.picked_up', orderId: s.order.id, courierId: cmd.courierId, stopId: stop.stopId });
    } else if (cmd.outcome === 'done') {
      s.status = 'delivered';
      s.codCollectedRp = cmd.codCollectedRp ?? s.order.delivery.codRp;
      c.codCollectedRp += s.codCollectedRp;
      c.earnedRp = (c.earnedRp ?? 0) + (s.feeRp ?? 0);
      this.mutations.ev(events, nowMs, { type: 'order.delivered', orderId: s.order.id, courierId: cmd.courierId, codCollectedRp: s.codCollectedRp });
    } else {
      s.status = 'failed';
      this.mutations.ev(events, nowMs, { type: 'order.failed', orderId: s.order.id, courierId: cmd.courierId, stopId: stop.stopId });
    }
    this.mutations.ev(events, nowMs, { type: 'route.updated', courierId: cmd.courierId, stops: c.route, codDueRp: codDueRp(c.route, this.core.orders) });
    return this.mutations.idleCheck(c, nowMs, events);
  }

  private tick(nowMs: number, events: DispatchEvent[]): PlanReason | null {
    for (const c of this.core.couriers.values()) {
      const ageMs = nowMs - c.position.atMs;
      if (c.status !== 'offline' && !c.staleFlagged && ageMs > this.core.config.pool.stalePositionMs) {
        c.staleFlagged = true;
        this.mutations.ev(events, nowMs, { type: 'courier.stale', courierId: c.courier.id, positionAgeMs: ageMs });
      }
    }
    // A called courier that is not coming: someone else may wait at the market instead.
    const staging = this.core.config.staging;
    if (staging && reviewCalls(this.core.couriers.values(), nowMs, staging)) this.mutations.stage(nowMs, events);
    return null;
  }
}
