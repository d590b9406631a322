// Test helper: every order of a constructed plan taken out and re-priced into every route by bestInsertion and by brute force.
import { expect } from 'vitest';
import type { CompiledProblem } from '../../../engine/model/compile.js';
import { placeLockedOrders, regretInsertion } from '../../../engine/solver/construct/regret-insertion.js';
import { costModelOf } from '../../../engine/solver/cost/cost-model.js';
import { exactInsertionDelta } from '../../../engine/solver/exact-splice.js';
import { bestInsertion, minInsertPosition, newInsertion } from '../../../engine/solver/insertion.js';
import { evaluateRoute, RouteEvalScratch } from '../../../engine/solver/route-eval.js';
import type { RouteState } from '../../../engine/solver/route-state.js';
import type { SearchContext } from '../../../engine/solver/search-context.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';

/** Route-cost change of inserting `o` at (i, j), from a full re-evaluation of the written sequence; Infinity when infeasible. */
export function fullInsertionDelta(p: CompiledProblem, r: RouteState, o: number, i: number, j: number, scratch: RouteEvalScratch): number {
  const first = p.orderFirstStop[o];
  const k = p.orderStopCount[o] - 1;
  const seq = new Int32Array(r.len + k + 1);
  let w = 0;
  for (let q = 0; q <= r.len; q++) {
    if (q === i) for (let g = 0; g < k; g++) seq[w++] = first + g;
    if (q === j) seq[w++] = first + k;
    if (q < r.len) seq[w++] = r.stops[q];
  }
  const e = evaluateRoute(p, r.courier, seq, w, scratch, { feasible: true, cost: 0, distanceM: 0, endS: 0, lateS: 0 });
  return e.feasible ? e.cost - r.cost : Infinity;
}

/**
 * Builds a plan by regret insertion, then removes each order in turn and checks that bestInsertion's delta for every
 * route equals the cheapest of all position pairs evaluated by a full re-evaluation (and that its chosen pair prices to
 * that delta), and that exactInsertionDelta gives every pair's full re-evaluation to the bit.
 * Returns how many finite deltas were compared.
 */
export function compareInsertionWithBruteForce(p: CompiledProblem, ctx: SearchContext): number {
  let compared = 0;
  const full = new RouteEvalScratch(p);
  const cost = costModelOf(p);
  const s = new SolutionState(p);
  placeLockedOrders(ctx, s);
  regretInsertion(ctx, s);
  for (let o = 0; o < p.orderCount; o++) {
    if (s.orderRoute[o] < 0) continue;
    const home = s.orderRoute[o];
    const homeStops = s.routes[home].stops.slice(0, s.routes[home].len);
    s.removeOrder(o);
    for (const r of s.routes) {
      const fast = newInsertion();
      bestInsertion(p, r, o, fast, ctx.scratch, null, 0);
      let brute = Infinity;
      for (let i = minInsertPosition(p, r); i <= r.len; i++) {
        for (let j = i; j <= r.len; j++) {
          const reference = fullInsertionDelta(p, r, o, i, j, full);
          expect(exactInsertionDelta(p, cost, r, o, i, j, ctx.scratch.exact)).toBe(reference);
          brute = Math.min(brute, reference);
        }
      }
      if (brute === Infinity) expect(fast.delta).toBe(Infinity);
      else {
        expect(fast.delta).toBeCloseTo(brute, 6);
        expect(fullInsertionDelta(p, r, o, fast.i, fast.j, full)).toBeCloseTo(fast.delta, 6);
        compared++;
      }
    }
    s.setRoute(home, homeStops, homeStops.length); // the plan as it was, whatever the scan found for the order
  }
  return compared;
}
