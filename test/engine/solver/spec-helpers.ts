// Helpers shared by the solver tests: a constructed plan, an independent total-cost recomputation and checker
// validation of a state.
import { expect } from 'vitest';
import { checkSolution } from '../../../engine/checker/index.js';
import type { CompiledProblem } from '../../../engine/model/compiled-problem.js';
import { evaluateRoute, RouteEvalScratch } from '../../../engine/solver/route-eval.js';
import { placeLockedOrders, regretInsertion } from '../../../engine/solver/construct/regret-insertion.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { toSolution } from '../../../engine/solver/to-solution.js';

/** A search context on `p` with `seed` and a plan built by regret insertion (locked orders placed first). */
export function regretPlan(p: CompiledProblem, seed: number): { ctx: SearchContext; s: SolutionState } {
  const ctx = new SearchContext(p, seed);
  const s = new SolutionState(p);
  placeLockedOrders(ctx, s);
  regretInsertion(ctx, s);
  return { ctx, s };
}

/** Total objective of `s` recomputed from its stop sequences alone (no caches); Infinity when a route breaks a rule. */
export function recomputedTotal(p: CompiledProblem, s: SolutionState): number {
  const scratch = new RouteEvalScratch(p);
  const out = { feasible: true, cost: 0, distanceM: 0, endS: 0, lateS: 0 };
  let total = 0;
  for (const r of s.routes) total += evaluateRoute(p, r.courier, r.stops, r.len, scratch, out).cost;
  for (let o = 0; o < p.orderCount; o++) {
    const c = s.orderRoute[o];
    if (c < 0) total += p.orderUnassignedCost[o];
    const prev = p.orderPreviousCourier[o];
    if (prev >= 0 && prev !== c) total += p.stabilityCost;
  }
  return total;
}

/** Asserts the independent checker accepts the state's plan and agrees on its cost. */
export function expectCheckerAccepts(ctx: SearchContext, s: SolutionState): void {
  const solution = toSolution(ctx.p, s, ctx.feasibility.reason);
  const check = checkSolution(ctx.p.input, solution);
  expect(check.violations).toEqual([]);
  expect(check.cost.total).toBeCloseTo(solution.cost.total, 3);
}

/** Same stops on every route and same assignment. */
export function snapshot(s: SolutionState): string {
  return s.routes.map((r) => Array.from(r.stops.subarray(0, r.len)).join(',')).join('|') + '#' + Array.from(s.orderRoute).join(',');
}
