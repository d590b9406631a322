// The splice evaluator (a window of a route replaced) agrees with a full re-evaluation of the spliced route: closely in
// O(1), to the bit where time terms or time in bag make it walk the route.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import { placeLockedOrders, regretInsertion } from '../../../engine/solver/construct/regret-insertion.js';
import { evaluateRoute, RouteEvalScratch } from '../../../engine/solver/route-eval.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { spliceNeedsExact, splicedCost, splicedDistanceM, SpliceScratch, writeSplice } from '../../../engine/solver/splice.js';
import { randomProblem } from './random-problem.js';

describe('splicedCost', () => {
  it.each([
    ['hard windows', {}], ['tight windows', { windowS: 900 }], ['time in bag', { maxInBagS: 2400 }],
    ['service terms, soft windows, time in bag', { serviceTerms: true, softTimeWindows: true, windowS: 600, maxInBagS: 2400 }],
    ['a walked market, service terms', { market: true, serviceTerms: true, maxInBagS: 3000 }],
  ] as const)('equals the full evaluation of every reversed and rotated window (%s)', (_label, opts) => {
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
            // The window [from, to) reversed, then rotated at each stop (a segment moved later): same stops, so the
            // net load before `to` is unchanged.
            for (let rotate = -1; rotate < to - from; rotate++) {
              let w = 0;
              if (rotate < 0) for (let q = to - 1; q >= from; q--) win[w++] = r.stops[q];
              else for (let q = 0; q < to - from; q++) win[w++] = r.stops[from + ((q + rotate) % (to - from))];
              const k = writeSplice(r, from, to, win, w, seq);
              const full = evaluateRoute(p, r.courier, seq, k, scratch, out);
              const fast = splicedCost(p, r, from, to, win, w, sc);
              if (spliceNeedsExact(p)) expect(fast).toBe(full.cost);
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
    }
    expect(feasible).toBeGreaterThan(10);
    expect(infeasible + feasible).toBeGreaterThan(50);
  });
});
