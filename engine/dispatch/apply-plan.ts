// Turns a solved plan into offers: each courier whose route gained pending orders gets one offer (its whole
// proposed route, TTL), a courier whose accepted route was only reordered gets `route.updated`. Orders that
// changed state while the solver ran are skipped; accepted stops are never dropped.
import type { Solution } from '../model/problem-input.js';
import type { DispatchConfig } from './dispatch-config.js';
import type { DispatchEvent, PlanSnapshot, RouteStop } from './dispatch-types.js';
import { codDueRp, stopOpen, type DispatchCourierState, type OfferState, type DispatchOrderState } from './dispatch-state.js';
import { orderFeeRp } from './tariff.js';
import { capRouteOrders } from './route-cap.js';

export interface PlanContext {
  readonly marketId: string;
  readonly nowMs: number;
  readonly config: DispatchConfig;
  readonly orders: Map<string, DispatchOrderState>;
  readonly couriers: Map<string, DispatchCourierState>;
  readonly offers: Map<string, OfferState>;
  newId(prefix: string): string;
}

const sameStops = (a: readonly RouteStop[], b: readonly RouteStop[]): boolean =>
  a.length === b.length && a.every((s, i) => s.stopId === b[i].stopId);

/** Applies `solution` (planned on `snapshot`) to the market state and returns the events. */
export function applyPlan(ctx: PlanContext, snapshot: PlanSnapshot, solution: Solution, deliveryLegM: Readonly<Record<string, number>>): DispatchEvent[] {
  const { orders, couriers, marketId, nowMs } = ctx;
  const events: DispatchEvent[] = [];
  const planned: { courierId: string; stops: RouteStop[] }[] = [];
  const stopById = new Map<string, RouteStop>();
  for (const { order } of snapshot.orders) {
    for (const p of order.pickups) stopById.set(p.id, { stopId: p.id, orderId: order.id, kind: 'pickup', lon: p.lon, lat: p.lat, etaMs: 0 });
    const d = order.delivery;
    stopById.set(d.id, { stopId: d.id, orderId: order.id, kind: 'delivery', lon: d.lon, lat: d.lat, etaMs: 0 });
  }
  const unplanned = new Set(solution.unassigned.map((u) => u.orderId));
  const overCap = new Set<string>();

  for (const route of solution.routes) {
    const courier = couriers.get(route.courierId);
    const open: RouteStop[] = [];
    for (const s of route.stops) {
      const base = stopById.get(s.stopId);
      const state = base && orders.get(base.orderId);
      if (!base || !stopOpen(base, state)) continue;
      const mine = state!.status === 'assigned' && state!.courierId === route.courierId;
      if (!mine && state!.status !== 'pending') continue;
      open.push({ ...base, etaMs: snapshot.nowMs + Math.round(s.arrivalS * 1000) });
    }
    const capped = capRouteOrders(open, ctx.config.maxOrdersPerRoute, (id) => orders.get(id)!.status === 'pending');
    const proposed = capped.stops;
    for (const id of capped.dropped) overCap.add(id);
    planned.push({ courierId: route.courierId, stops: proposed });
    const newOrderIds = [...new Set(proposed.filter((s) => orders.get(s.orderId)!.status === 'pending').map((s) => s.orderId))];
    const usable = courier && courier.offerId === undefined && courier.status !== 'offline';
    const keepsAccepted = courier !== undefined && courier.route.every((s) => !stopOpen(s, orders.get(s.orderId)) || proposed.some((p) => p.stopId === s.stopId));
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
    const feesRp: Record<string, number> = {};
    for (const id of newOrderIds) feesRp[id] = orderFeeRp(deliveryLegM[id] ?? Number.POSITIVE_INFINITY, ctx.config.tariff);
    const offer: OfferState = {
      id: ctx.newId('off'), planId: snapshot.planId, courierId: courier.courier.id, orderIds: newOrderIds, stops: proposed,
      expiresAtMs: nowMs + ctx.config.offerTtlMs, feesRp,
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
  events.unshift({ type: 'plan.updated', marketId, atMs: nowMs, planId: snapshot.planId, routes: planned, unassignedOrderIds });
  return events;
}
