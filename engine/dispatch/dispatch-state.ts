// Mutable per-market state held by MarketDispatcher: orders, couriers and open offers, with small helpers.
import type { CourierPosition, DispatchCourier, DispatchOrder, HeldForLater, RouteStop } from './dispatch-types.js';

/** When the customer placed the order (its own time, else when the dispatcher got it): click-to-door counts from here. */
export const placedAtMs = (s: Pick<DispatchOrderState, 'order' | 'addedAtMs'>): number => s.order.placedAtMs ?? s.addedAtMs;

export type OrderStatus = 'pending' | 'offered' | 'assigned' | 'delivered' | 'failed' | 'cancelled';

export interface DispatchOrderState {
  readonly order: DispatchOrder;
  status: OrderStatus;
  /** When the order was added (ms). */
  readonly addedAtMs: number;
  /** When the order (re)entered the pending pool (ms). */
  pendingSinceMs: number;
  /** Plans that included it while pending; a batch fills up only with orders never planned. */
  planAttempts: number;
  courierId?: string;
  offerId?: string;
  pinnedCourierId?: string;
  /** Courier of the latest plan that included it (stability term). */
  plannedCourierId?: string;
  readonly donePickupIds: Set<string>;
  /** Couriers that declined it, let its offer expire, or were unassigned from it. */
  readonly excludedCourierIds: Set<string>;
  feeRp?: number;
  /**
   * The hour the customer was last told (ms): when its courier was to reach the door by the route it accepted, then
   * any later hour the customer was told (`toldEtaChanged`).
   */
  toldEtaMs?: number;
  codCollectedRp?: number;
  /** The latest plan gave it to a courier but kept it back (commit horizon, goods not ready): for whom and when. */
  heldFor?: HeldForLater;
  /** Why the latest plan left it out; `order.unplanned` is emitted only when this changes. */
  unplannedReason?: string;
}

export type CourierStatus = 'available' | 'paused' | 'offline';

export interface DispatchCourierState {
  courier: DispatchCourier;
  position: CourierPosition;
  /** Distance to the market (metres). */
  distanceM: number;
  status: CourierStatus;
  /** Accepted remaining stops, in order; the first is the one being driven to. */
  route: RouteStop[];
  offerId?: string;
  /** No new offer before this time (ms) after an expired offer. */
  cooldownUntilMs: number;
  staleFlagged: boolean;
  codCollectedRp: number;
  /** Since when the courier has waited with no work (ms): the pangkalan queue; undefined while it has work. */
  idleSinceMs?: number;
  /** When it was last asked to wait at the market in this idle spell (staging); undefined once it has work. */
  stagedAtMs?: number;
  /** Its distance to the market when it was called (metres). */
  stagedFromM?: number;
  /** It was called in this idle spell and its positions showed it was not coming. */
  callIgnored?: boolean;
  /** Fees of the orders it delivered today, rupiah (earnings balance). */
  earnedRp?: number;
}

export interface OfferState {
  readonly id: string;
  readonly planId: string;
  readonly courierId: string;
  readonly orderIds: readonly string[];
  /** The courier's whole proposed route (accepted stops merged with the new ones). */
  readonly stops: readonly RouteStop[];
  readonly offeredAtMs: number;
  readonly expiresAtMs: number;
  readonly feesRp: Readonly<Record<string, number>>;
}

/** A courier joining the market: available with no route, no offer and no cash collected yet. */
export function newCourierState(courier: DispatchCourier, position: CourierPosition, distanceM: number, earnedRp?: number): DispatchCourierState {
  return {
    courier, position, distanceM, status: 'available', route: [], cooldownUntilMs: 0, staleFlagged: false, codCollectedRp: 0,
    ...(earnedRp !== undefined ? { earnedRp } : {}),
  };
}

/** Every stop of an order, pickups first then the delivery, as route stops with a given ETA. */
export function orderStops(order: DispatchOrder, etaMs: number): RouteStop[] {
  const stops: RouteStop[] = order.pickups.map((p) => ({ stopId: p.id, orderId: order.id, kind: 'pickup', lon: p.lon, lat: p.lat, etaMs }));
  stops.push({ stopId: order.delivery.id, orderId: order.id, kind: 'delivery', lon: order.delivery.lon, lat: order.delivery.lat, etaMs });
  return stops;
}

/** true when the courier can be offered work now: available, no offer open, not cooling down after an expired one. */
export function freeForOffer(c: DispatchCourierState, nowMs: number): boolean {
  return c.status === 'available' && c.offerId === undefined && c.cooldownUntilMs <= nowMs;
}

/** true when the courier has no work and could take an offer now (an idle courier). */
export function freeWithNoWork(c: DispatchCourierState, nowMs: number): boolean {
  return freeForOffer(c, nowMs) && c.route.length === 0;
}

/** true when the stop still has to be served. */
export function stopOpen(stop: RouteStop, state: DispatchOrderState | undefined): boolean {
  if (!state || state.status === 'cancelled' || state.status === 'delivered' || state.status === 'failed') return false;
  return stop.kind === 'delivery' || !state.donePickupIds.has(stop.stopId);
}

/** Cash the courier still has to collect on its accepted route (rupiah). */
export function codDueRp(route: readonly RouteStop[], orders: ReadonlyMap<string, DispatchOrderState>): number {
  let dueRp = 0;
  for (const stop of route) if (stop.kind === 'delivery') dueRp += orders.get(stop.orderId)?.order.delivery.codRp ?? 0;
  return dueRp;
}
