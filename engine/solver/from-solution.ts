// Warm start: loads a given Solution's routes into a search state, keeping only what is still valid.
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { Solution } from '../model/problem-input.js';
import { evaluateRoute, RouteEvalScratch } from './route-eval.js';
import type { SearchContext } from './search-context.js';
import type { SolutionState } from './solution-state.js';

/**
 * Copies each route of `initial` onto its courier: stops of unknown or already placed orders are dropped, every order
 * must appear whole (remaining pickups before the delivery). A route that breaks a rule is left out (its orders are
 * re-inserted by the construction).
 */
export function loadSolution(ctx: SearchContext, s: SolutionState, initial: Solution): void {
  const p: CompiledProblem = ctx.p;
  const courierIndex = new Map(p.courierIds.map((id, c) => [id, c] as const));
  const stopIndex = new Map(p.stopIds.map((id, k) => [id, k] as const));
  const scratch = new RouteEvalScratch(p);
  const evaluation = { feasible: true, cost: 0, distanceM: 0, endS: 0, lateS: 0 };
  for (const route of initial.routes ?? []) {
    const c = courierIndex.get(route.courierId);
    if (c === undefined || s.routes[c].len > 0) continue;
    const seq: number[] = [];
    const seen = new Map<number, number>();
    for (const stop of route.stops) {
      const k = stopIndex.get(stop.stopId);
      if (k === undefined) continue;
      const o = p.stopOrder[k];
      if (s.orderRoute[o] >= 0 || !ctx.feasibility.compatible[o * p.courierCount + c]) continue;
      seq.push(k);
      seen.set(o, (seen.get(o) ?? 0) + 1);
    }
    // Keep orders that appear whole with the delivery last among their stops.
    const kept = seq.filter((k) => seen.get(p.stopOrder[k]) === p.orderStopCount[p.stopOrder[k]]);
    const lastPos = new Map<number, number>();
    kept.forEach((k, pos) => lastPos.set(p.stopOrder[k], pos));
    const ordered = kept.filter((k) => !p.stopIsDelivery[k] || lastPos.get(p.stopOrder[k]) === kept.indexOf(k));
    if (ordered.length !== kept.length) continue;
    const stops = Int32Array.from(ordered);
    if (p.courierNextStop[c] >= 0 && stops[0] !== p.courierNextStop[c]) continue;
    if (!evaluateRoute(p, c, stops, stops.length, scratch, evaluation).feasible) continue;
    const r = s.routes[c];
    r.stops.set(stops);
    r.len = stops.length;
    r.refresh(p);
    for (const k of ordered) s.orderRoute[p.stopOrder[k]] = c;
  }
}
