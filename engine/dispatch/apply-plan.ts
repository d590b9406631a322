// Turns a solved plan into offers: each courier whose route gained pending orders gets one offer (its whole
// proposed route, TTL), a courier whose accepted route was only reordered gets `route.updated`. Orders that
// changed state while the solver ran are skipped; accepted stops are never dropped.
import type { Solution } from '../model/problem-input.js';
import type { DispatchConfig } from './dispatch-config.js';
import type { DispatchEvent, HeldForLater, PlanSnapshot, RouteStop } from './dispatch-types.js';
import { codDueRp, stopOpen, type DispatchCourierState, type OfferState, type DispatchOrderState } from './dispatch-state.js';
import { orderFeeRp } from './tariff.js';
import { capRouteOrders } from './route-cap.js';
import { holdLateOrders } from './commit-horizon.js';
import { readyLaterThan } from './goods-ready.js';
import type { OfferAnswerTimes } from './offer-ttl.js';

export interface PlanContext {
  readonly marketId: string;
  readonly nowMs: number;
  readonly config: DispatchConfig;
  readonly orders: Map<string, DispatchOrderState>;
  readonly couriers: Map<string, DispatchCourierState>;
  readonly offers: Map<string, OfferState>;
  readonly answerTimes: OfferAnswerTimes;
  newId(prefix: string): string;
}

/** The reason a courier sees when an accepted order moves to another courier. */
export const MOVED_REASON = 'moved_to_serve_customer_sooner';

/**
 * Accepted, not picked-up orders the plan puts on another courier who is free and can take an offer now: order id →
 * that courier.
 * The courier driving to one of the order's stops keeps it; so does one whose goods are on board.
 */
function movesOf(ctx: PlanContext, solution: Solution): Map<string, string> {
  const moves = new Map<string, string>();
  if (!ctx.config.moveAcceptedOrders) return moves;
  for (const route of solution.routes) {
    const to = ctx.couriers.get(route.courierId);
    // Only to a courier with no work of its own: moving orders between busy couriers churns more than it serves.
    if (!to || to.offerId !== undefined || to.status !== 'available' || to.route.length > 0) continue;
    for (const stop of route.stops) {
      const s = ctx.orders.get(stop.orderId);
      if (!s || s.status !== 'assigned' || s.courierId === route.courierId || s.donePickupIds.size > 0 || s.pinnedCourierId !== undefined) continue;
      const from = ctx.couriers.get(s.courierId!);
      if (from && from.route[0]?.orderId === s.order.id) continue; // on its way there
      moves.set(s.order.id, route.courierId);
    }
  }
  // A courier takes moved orders only when its plan keeps every accepted stop it has (or moves it on in turn).
  for (let changed = true; changed;) {
    changed = false;
    for (const route of solution.routes) {
      if (![...moves.values()].includes(route.courierId)) continue;
      const planned = new Set(route.stops.map((st) => st.stopId));
      const keeps = ctx.couriers.get(route.courierId)!.route.every((st) => !stopOpen(st, ctx.orders.get(st.orderId)) || planned.has(st.stopId) || moves.has(st.orderId));
      if (keeps) continue;
      for (const [id, to] of moves) if (to === route.courierId) moves.delete(id);
      changed = true;
    }
  }
  return moves;
}

/** Takes a moved order off the route of the courier who accepted it, telling it why. */
function releaseMoved(ctx: PlanContext, orderId: string, events: DispatchEvent[]): void {
  const s = ctx.orders.get(orderId)!;
  const from = ctx.couriers.get(s.courierId!);
  if (from) {
    from.route = from.route.filter((st) => st.orderId !== orderId);
    events.push({ type: 'order.unassigned', marketId: ctx.marketId, atMs: ctx.nowMs, orderId, courierId: from.courier.id, reason: MOVED_REASON });
    events.push({ type: 'route.updated', marketId: ctx.marketId, atMs: ctx.nowMs, courierId: from.courier.id, stops: from.route, codDueRp: codDueRp(from.route, ctx.orders) });
    if (from.route.length === 0) from.idleSinceMs ??= ctx.nowMs;
  }
  Object.assign(s, { status: 'pending', courierId: undefined, feeRp: undefined });
}

const sameStops = (a: readonly RouteStop[], b: readonly RouteStop[]): boolean =>
  a.length === b.length && a.every((s, i) => s.stopId === b[i].stopId);

/** Applies `solution` (planned on `snapshot`) to the market state and returns the events. */
export function applyPlan(ctx: PlanContext, snapshot: PlanSnapshot, solution: Solution, deliveryLegM: Readonly<Record<string, number>>): DispatchEvent[] {
  const { orders, couriers, marketId, nowMs } = ctx;
  const events: DispatchEvent[] = [];
  const planned: { courierId: string; stops: RouteStop[] }[] = [];
  const heldOrders: HeldForLater[] = [];
  const stopById = new Map<string, RouteStop>();
  for (const { order } of snapshot.orders) {
    for (const p of order.pickups) stopById.set(p.id, { stopId: p.id, orderId: order.id, kind: 'pickup', lon: p.lon, lat: p.lat, etaMs: 0 });
    const d = order.delivery;
    stopById.set(d.id, { stopId: d.id, orderId: order.id, kind: 'delivery', lon: d.lon, lat: d.lat, etaMs: 0 });
  }
  for (const { order } of snapshot.orders) {
    const state = orders.get(order.id);
    if (state) state.heldFor = undefined; // this plan says again which it keeps back
  }
  const unplanned = new Set(solution.unassigned.map((u) => u.orderId));
  const overCap = new Set<string>();
  const moves = movesOf(ctx, solution);

  for (const route of solution.routes) {
    const courier = couriers.get(route.courierId);
    const open: RouteStop[] = [];
    for (const s of route.stops) {
      const base = stopById.get(s.stopId);
      const state = base && orders.get(base.orderId);
      if (!base || !stopOpen(base, state)) continue;
      const mine = state!.status === 'assigned' && state!.courierId === route.courierId;
      const movingIn = moves.get(base.orderId) === route.courierId;
      if (!mine && !movingIn && state!.status !== 'pending') continue;
      open.push({ ...base, etaMs: snapshot.nowMs + Math.round(s.arrivalS * 1000) });
    }
    const isNew = (id: string): boolean => orders.get(id)!.status === 'pending' || moves.get(id) === route.courierId;
    // A moved order is never left out for the bag cap (its courier has already let it go in this plan).
    const capped = capRouteOrders(open, ctx.config.maxOrdersPerRoute, (id) => orders.get(id)!.status === 'pending');
    for (const id of capped.dropped) overCap.add(id);
    // A courier with accepted work is offered only the new orders it will reach within the commit horizon, any courier
    // only those whose goods are ready soon; the others stay pending with no planned courier, so no stability cost ties
    // them to it in the next plan.
    const busy = courier !== undefined && courier.route.some((s) => stopOpen(s, orders.get(s.orderId)));
    const { commitHorizonMs, offerBeforeReadyMs } = ctx.config;
    const late = (first: RouteStop): boolean =>
      (busy && first.etaMs > nowMs + commitHorizonMs) || readyLaterThan(orders.get(first.orderId)!.order, nowMs, offerBeforeReadyMs);
    const { stops: proposed, held } = holdLateOrders(capped.stops, isNew, late);
    for (const first of held) {
      const state = orders.get(first.orderId)!;
      state.plannedCourierId = undefined;
      const reason = readyLaterThan(state.order, nowMs, offerBeforeReadyMs) ? 'goods_not_ready' : 'commit_horizon';
      const readyAtMs = state.order.pickups.find((p) => p.id === first.stopId)?.readyAtMs ?? 0;
      state.heldFor = { orderId: first.orderId, courierId: route.courierId, reason, firstStopEtaMs: Math.max(first.etaMs, readyAtMs) };
      heldOrders.push(state.heldFor);
    }
    planned.push({ courierId: route.courierId, stops: proposed });
    const newOrderIds = [...new Set(proposed.filter((s) => isNew(s.orderId)).map((s) => s.orderId))];
    const usable = courier && courier.offerId === undefined && courier.status !== 'offline';
    const keepsAccepted = courier !== undefined && courier.route.every((s) => !stopOpen(s, orders.get(s.orderId)) || proposed.some((p) => p.stopId === s.stopId) || moves.has(s.orderId));
    for (const s of proposed) orders.get(s.orderId)!.plannedCourierId = route.courierId;
    if (!usable || !keepsAccepted) {
      for (const id of newOrderIds) unplanned.add(id);
      continue;
    }
    if (newOrderIds.length === 0) {
      if (!sameStops(courier.route, proposed)) {
        courier.route = proposed;
        events.push({ type: 'route.updated', marketId, atMs: nowMs, courierId: courier.courier.id, stops: proposed, codDueRp: codDueRp(proposed, orders) });
      }
      continue;
    }
    // Moved in: the courier who accepted it lets it go first (it sees why), then it is offered here.
    for (const id of newOrderIds) if (moves.get(id) === route.courierId) releaseMoved(ctx, id, events);
    const feesRp: Record<string, number> = {};
    for (const id of newOrderIds) feesRp[id] = orderFeeRp(deliveryLegM[id] ?? Number.POSITIVE_INFINITY, ctx.config.tariff);
    const offer: OfferState = {
      id: ctx.newId('off'), planId: snapshot.planId, courierId: courier.courier.id, orderIds: newOrderIds, stops: proposed,
      offeredAtMs: nowMs, expiresAtMs: nowMs + ctx.answerTimes.ttlMs(courier.courier.fleet, ctx.config), feesRp,
    };
    ctx.offers.set(offer.id, offer);
    courier.offerId = offer.id;
    for (const id of newOrderIds) {
      const state = orders.get(id)!;
      state.unplannedReason = undefined;
      state.status = 'offered';
      state.offerId = offer.id;
    }
    events.push({ type: 'offer.created', marketId, atMs: nowMs, offerId: offer.id, courierId: offer.courierId, orderIds: offer.orderIds, stops: offer.stops, expiresAtMs: offer.expiresAtMs, feesRp });
  }

  for (const id of overCap) unplanned.add(id);
  const unassignedOrderIds: string[] = [];
  for (const id of unplanned) {
    const state = orders.get(id);
    if (!state || state.status !== 'pending') continue;
    unassignedOrderIds.push(id);
    const reason = solution.unassigned.find((u) => u.orderId === id)?.reason ?? (overCap.has(id) ? 'route_cap' : 'courier_unavailable');
    if (state.unplannedReason === reason) continue;
    state.unplannedReason = reason;
    events.push({ type: 'order.unplanned', marketId, atMs: nowMs, orderId: id, reason });
  }
  events.unshift({ type: 'plan.updated', marketId, atMs: nowMs, planId: snapshot.planId, routes: planned, unassignedOrderIds, heldOrders });
  return events;
}
