// Test fixtures for the dispatch core: a tiny market around Pasar Senen, a haversine matrix and a greedy
// reference planner that honours locks, skills and next stops (enough to drive the state machine).
import type { PlannedRoute, PlannedStop, ProblemInput, Solution } from '../../../engine/model/problem-input.js';
import { buildProblem, planLocations, haversineM, MarketDispatcher, type DispatchConfigInput, type DispatchCourier, type DispatchOrder, type PlanRequest } from '../../../engine/dispatch/index.js';

export const MARKET = { lon: 106.8442, lat: -6.1737 };

/** A mutable clock for injection. */
export function testClock(startMs = 1_700_000_000_000) {
  const clock = { nowMs: startMs, now: () => clock.nowMs, advance: (ms: number) => { clock.nowMs += ms; } };
  return clock;
}

/** A dispatcher that plans on its batch triggers only (no plan on arrival for an idle courier) unless `config` says so. */
export function makeDispatcher(clock: { now: () => number }, config: DispatchConfigInput = {}): MarketDispatcher {
  return new MarketDispatcher({ marketId: 'mkt_senen', ...MARKET, config: { planOnIdleCourier: false, ...config }, now: clock.now });
}

/** Order `n`: one or two stalls east of the market, a customer `n` hundred metres north. */
export function order(n: number, stalls = 1, codRp = 50_000): DispatchOrder {
  const pickups = Array.from({ length: stalls }, (_, k) => ({
    id: `o${n}_p${k}`, lon: MARKET.lon + 0.0005 * (k + 1), lat: MARKET.lat, serviceS: 120, weightKg: 2, valueRp: 20_000,
  }));
  return { id: `o${n}`, pickups, delivery: { id: `o${n}_d`, lon: MARKET.lon, lat: MARKET.lat + 0.001 * n, serviceS: 60, codRp } };
}

export function courier(id: string, fleet: 'ojol' | 'pangkalan' = 'pangkalan'): DispatchCourier {
  return { id, fleet, capacityKg: 40, cashFloatRp: 500_000, homeMarket: fleet === 'pangkalan' };
}

/** Haversine metres and 5 m/s seconds over the plan's locations. */
export function haversineMatrix(points: readonly (readonly [number, number])[]) {
  const n = points.length;
  const distanceM = new Float64Array(n * n); // [i * n + j] metres from point i to point j
  const durationS = new Float64Array(n * n); // [i * n + j] seconds from point i to point j
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    distanceM[i * n + j] = Math.round(haversineM(points[i][0], points[i][1], points[j][0], points[j][1]));
    durationS[i * n + j] = Math.round(distanceM[i * n + j] / 5);
  }
  return { distanceM, durationS };
}

/** Greedy reference planner: locked orders on their courier, others round-robin over couriers with the skills. */
export function greedySolve(problem: ProblemInput): Solution {
  const locIndex = new Map(problem.locations.map((l, i) => [l.id, i]));
  const n = problem.locations.length;
  const seq = new Map<string, { stopId: string; orderId: string; kind: 'pickup' | 'delivery'; locationId: string }[]>();
  for (const c of problem.couriers) seq.set(c.id, []);
  const unassigned: Solution['unassigned'][number][] = [];
  let turn = 0;
  for (const o of problem.orders) {
    const fits = problem.couriers.filter((c) => (o.skills ?? []).every((s) => (c.skills ?? []).includes(s)));
    const chosen = o.onBoardCourierId ?? (fits.length > 0 ? fits[turn++ % fits.length].id : undefined);
    if (chosen === undefined || !seq.has(chosen)) { unassigned.push({ orderId: o.id, reason: 'skills' }); continue; }
    const done = new Set(o.donePickupIds ?? []);
    for (const p of o.pickups) if (!done.has(p.id)) seq.get(chosen)!.push({ stopId: p.id, orderId: o.id, kind: 'pickup', locationId: p.locationId });
    seq.get(chosen)!.push({ stopId: o.delivery.id, orderId: o.id, kind: 'delivery', locationId: o.delivery.locationId });
  }
  const routes: PlannedRoute[] = [];
  for (const c of problem.couriers) {
    let stops = seq.get(c.id)!;
    const next = stops.findIndex((s) => s.stopId === c.nextStopId);
    if (next > 0) stops = [stops[next], ...stops.slice(0, next), ...stops.slice(next + 1)];
    if (stops.length === 0) continue;
    let at = locIndex.get(c.startLocationId)!;
    let t = c.startS;
    const planned: PlannedStop[] = stops.map((s) => {
      const to = locIndex.get(s.locationId)!;
      t += Number(problem.matrix.durationS[at * n + to]);
      at = to;
      const stop = { ...s, arrivalS: t, serviceStartS: t, departureS: t + 60, lateS: 0, loadAfter: [0, 0] };
      t += 60;
      return stop;
    });
    routes.push({ courierId: c.id, stops: planned, startS: c.startS, endS: t, durationS: t - c.startS, distanceM: 0 });
  }
  const cost = { unassigned: 0, lateness: 0, fixed: 0, duration: 0, distance: 0, stability: 0, total: 0 };
  return { routes, unassigned, cost };
}

/** Builds and solves a plan request with the greedy planner and feeds the answer back. */
export function solveWith(d: MarketDispatcher, request: PlanRequest, solve: (p: ProblemInput) => Solution = greedySolve) {
  const built = buildProblem(request.snapshot, haversineMatrix(planLocations(request.snapshot).points), d.config);
  return { built, result: d.planReady(request.planId, solve(built.problem), built.deliveryLegM) };
}
