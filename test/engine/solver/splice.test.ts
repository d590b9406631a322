// The splice evaluator (a window of a route replaced) agrees with a full re-evaluation of the spliced route.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import { placeLockedOrders, regretInsertion } from '../../../engine/solver/construct/regret-insertion.js';
import { evaluateRoute, RouteEvalScratch } from '../../../engine/solver/route-eval.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { splicedCost, splicedDistanceM, SpliceScratch, writeSplice } from '../../../engine/solver/splice.js';
import { randomProblem } from './random-problem.js';

describe('splicedCost', () => {
  it.each([['hard windows', {}], ['tight windows', { windowS: 900 }], ['time in bag', { maxInBagS: 2400 }]] as const)('equals the full evaluation of every reversed window (%s)', (_label, opts) => {
    let feasible = 0, infeasible = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const p = compileProblem(randomProblem(seed, { orders: 10, couriers: 2, ...opts }));
      const ctx = new SearchContext(p, seed);
      const s = new SolutionState(p);
      placeLockedOrders(ctx, s);
      regretInsertion(ctx, s);
      const sc = new SpliceScratch(p);
      const scratch = new RouteEvalScratch(p);
      const out = { feasible: true, cost: 0, distanceM: 0, endS: 0, lateS: 0 };
      const win = new Int32Array(p.stopCount);
      const seq = new Int32Array(p.stopCount);
      for (const r of s.routes) {
        for (let from = 0; from < r.len; from++) {
          for (let to = from + 1; to <= Math.min(r.len, from + 6); to++) {
            // The window [from, to) reversed: same stops, so the net load before `to` is unchanged.
            let w = 0;
            for (let q = to - 1; q >= from; q--) win[w++] = r.stops[q];
            const k = writeSplice(r, from, to, win, w, seq);
            const full = evaluateRoute(p, r.courier, seq, k, scratch, out);
            const fast = splicedCost(p, r, from, to, win, w, sc);
            if (full.cost === Infinity) {
              expect(fast).toBe(Infinity);
              infeasible++;
            } else {
              expect(fast).toBeCloseTo(full.cost, 6);
              expect(splicedDistanceM(p, r, from, to, win, w)).toBeCloseTo(full.distanceM, 6);
              feasible++;
            }
          }
        }
      }
    }
    expect(feasible).toBeGreaterThan(10);
    expect(infeasible + feasible).toBeGreaterThan(50);
  });
});
