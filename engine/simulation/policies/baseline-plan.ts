// Shared machinery of the baseline policies: the batch's travel table and problem (as production builds them),
// free couriers, fit checks, and a Solution from fixed stop sequences that the dispatcher applies like a solver's.
import { buildProblem, planLocations, type BuiltProblem } from '../../dispatch/build-problem.js';
import type { DispatchConfig } from '../../dispatch/dispatch-config.js';
import type { DispatchOrder, PlanRequest, SnapshotCourier } from '../../dispatch/dispatch-types.js';
import type { MarketDispatcher } from '../../dispatch/market-dispatcher.js';
import type { DispatchResult } from '../../dispatch/dispatch-types.js';
import type { PlannedRoute, PlannedStop, Solution, UnassignedReason } from '../../model/problem-input.js';
import type { RoutingProvider } from '../../routing/routing-provider.js';

export interface BaselineBatch {
  readonly request: PlanRequest;
  readonly built: BuiltProblem;
  /** Pending, unlocked orders in arrival order. */
  readonly pending: readonly DispatchOrder[];
  /** Couriers with no accepted stops. */
  readonly free: readonly SnapshotCourier[];
  /** Row-major travel seconds over the problem's locations. */
  readonly durationS: ArrayLike<number>;
  readonly distanceM: ArrayLike<number>;
  readonly n: number;
  locationIndex(locationId: string): number;
}

export async function baselineBatch(request: PlanRequest, config: DispatchConfig, routing: RoutingProvider): Promise<BaselineBatch> {
  const pending = request.snapshot.orders.filter((o) => o.lockedCourierId === undefined).map((o) => o.order);
  const free = request.snapshot.couriers.filter((c) => c.routeStopIds.length === 0);
  const points = planLocations(request.snapshot).points;
  // Nobody free: nothing will be assigned, so no table is needed (the orders simply wait).
  const table = free.length > 0 ? await routing.table({ sources: points }) : idleTable(points.length);
  const built = buildProblem(request.snapshot, table, config);
  return {
    request, built, pending, free, durationS: table.durationS, distanceM: table.distanceM, n: table.sourceCount,
    locationIndex: (id) => Number(id.slice(1)),
  };
}

function idleTable(n: number): { sourceCount: number; durationS: Float64Array; distanceM: Float64Array } {
  return { sourceCount: n, durationS: new Float64Array(n * n), distanceM: new Float64Array(n * n) }; // [i * n + j], unused
}

/** The courier may take the order: not excluded (declined, cooling down, busy) and the goods and cash fit. */
export function mayTake(batch: BaselineBatch, courier: SnapshotCourier, orders: readonly DispatchOrder[]): boolean {
  const id = courier.courier.id;
  let kg = 0;
  let rp = 0;
  for (const o of orders) {
    if ((batch.request.snapshot.exclusions[o.id] ?? []).includes(id)) return false;
    for (const p of o.pickups) { kg += p.weightKg; rp += p.valueRp; }
  }
  return kg <= courier.courier.capacityKg && rp <= courier.courier.cashFloatRp;
}

/** Seconds from the courier's position to the order's first stall. */
export function secondsToOrder(batch: BaselineBatch, courier: SnapshotCourier, order: DispatchOrder): number {
  const from = batch.built.problem.couriers.find((c) => c.id === courier.courier.id)!.startLocationId;
  const to = batch.built.problem.orders.find((o) => o.id === order.id)!.pickups[0].locationId;
  return Number(batch.durationS[batch.locationIndex(from) * batch.n + batch.locationIndex(to)]);
}

/** A route visiting `stopIds` in the given order, timed on the batch's matrix (problem clock: seconds since the snapshot). */
export function sequencedRoute(batch: BaselineBatch, courierId: string, stopIds: readonly string[]): PlannedRoute {
  const problem = batch.built.problem;
  const courier = problem.couriers.find((c) => c.id === courierId)!;
  const stops = new Map<string, { orderId: string; kind: 'pickup' | 'delivery'; locationId: string; serviceS: number }>();
  for (const o of problem.orders) {
    for (const p of o.pickups) stops.set(p.id, { orderId: o.id, kind: 'pickup', locationId: p.locationId, serviceS: p.serviceS });
    stops.set(o.delivery.id, { orderId: o.id, kind: 'delivery', locationId: o.delivery.locationId, serviceS: o.delivery.serviceS });
  }
  let at = batch.locationIndex(courier.startLocationId);
  let timeS = 0;
  let distanceM = 0;
  const planned: PlannedStop[] = stopIds.map((stopId) => {
    const s = stops.get(stopId)!;
    const to = batch.locationIndex(s.locationId);
    timeS += Number(batch.durationS[at * batch.n + to]);
    distanceM += Number(batch.distanceM[at * batch.n + to]);
    at = to;
    const arrivalS = timeS;
    timeS += s.serviceS;
    return { stopId, orderId: s.orderId, kind: s.kind, locationId: s.locationId, arrivalS, serviceStartS: arrivalS, departureS: timeS, lateS: 0, loadAfter: [] };
  });
  return { courierId, stops: planned, startS: 0, endS: timeS, durationS: timeS, distanceM };
}

/** Pickups of every order in the given order, then their deliveries in the same order. */
export function pickupsThenDeliveries(orders: readonly DispatchOrder[]): string[] {
  return [...orders.flatMap((o) => o.pickups.map((p) => p.id)), ...orders.map((o) => o.delivery.id)];
}

/** Feeds the baseline's routes back through the production dispatcher (offers, fees, events). */
export function applyBaseline(dispatcher: MarketDispatcher, batch: BaselineBatch, routes: readonly PlannedRoute[], reason: UnassignedReason): DispatchResult {
  const given = new Set(routes.flatMap((r) => r.stops.map((s) => s.orderId)));
  const unassigned = batch.pending.filter((o) => !given.has(o.id)).map((o) => ({ orderId: o.id, reason }));
  const cost = { unassigned: 0, lateness: 0, fixed: 0, duration: 0, distance: 0, stability: 0, total: 0 };
  const solution: Solution = { routes, unassigned, cost };
  return dispatcher.planReady(batch.request.planId, solution, batch.built.deliveryLegM);
}

/** Free couriers first pangkalan (when asked), then by a key; ties on id. */
export function ordered(couriers: readonly SnapshotCourier[], pangkalanFirst: boolean, key: (c: SnapshotCourier) => number): SnapshotCourier[] {
  const rank = (c: SnapshotCourier): number => (pangkalanFirst && c.courier.fleet === 'pangkalan' ? 0 : 1);
  return [...couriers].sort((a, b) => rank(a) - rank(b) || key(a) - key(b) || (a.courier.id < b.courier.id ? -1 : 1));
}
