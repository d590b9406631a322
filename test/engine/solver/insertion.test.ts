// The O(1)-per-pair insertion evaluator agrees with a brute-force linear re-evaluation of every position pair.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import { placeLockedOrders, regretInsertion } from '../../../engine/solver/construct/regret-insertion.js';
import { bestInsertion, exactInsertionDelta, minInsertPosition, newInsertion } from '../../../engine/solver/insertion.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { randomProblem, type RandomProblemOptions } from './random-problem.js';

const VARIANTS: [string, RandomProblemOptions][] = [
  ['loose windows', {}],
  ['tight windows', { windowS: 900 }],
  ['time in bag', { maxInBagS: 2000 }],
  ['soft windows', { windowS: 600, softTimeWindows: true }],
];

describe('bestInsertion', () => {
  it.each(VARIANTS)('finds the cheapest feasible position pair (%s)', (_label, opts) => {
    let compared = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const p = compileProblem(randomProblem(seed, { orders: 10, couriers: 3, ...opts }));
      const ctx = new SearchContext(p, seed);
      const s = new SolutionState(p);
      placeLockedOrders(ctx, s);
      regretInsertion(ctx, s);
      // Take each order out in turn and price its re-insertion into every route both ways.
      for (let o = 0; o < p.orderCount; o++) {
        if (s.orderRoute[o] < 0) continue;
        const home = s.orderRoute[o];
        s.removeOrder(o);
        for (const r of s.routes) {
          const fast = newInsertion();
          bestInsertion(p, r, o, fast, ctx.scratch, null, 0);
          let brute = Infinity;
          for (let i = minInsertPosition(p, r); i <= r.len; i++) {
            for (let j = i; j <= r.len; j++) brute = Math.min(brute, exactInsertionDelta(p, r, o, i, j, ctx.scratch));
          }
          if (brute === Infinity) expect(fast.delta).toBe(Infinity);
          else {
            expect(fast.delta).toBeCloseTo(brute, 6);
            expect(exactInsertionDelta(p, r, o, fast.i, fast.j, ctx.scratch)).toBeCloseTo(fast.delta, 6);
            compared++;
          }
        }
        const back = newInsertion();
        bestInsertion(p, s.routes[home], o, back, ctx.scratch, null, 0);
        s.insertOrder(o, home, back.i, back.j);
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
