// Insertion stops scanning at a missed window only when no detour arrives sooner than going direct (up to the
// shortest service time); its exactness on Euclidean travel is also checked against brute force in insertion.test.ts.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { placeLockedOrders, regretInsertion } from '../../../engine/solver/construct/regret-insertion.js';
import { bestInsertion, exactInsertionDelta, minInsertPosition, newInsertion } from '../../../engine/solver/insertion.js';
import { travelTimesAreMetric } from '../../../engine/solver/metric-times.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { randomProblem } from './random-problem.js';

/** `input` with every third direct leg three times slower: detours often arrive sooner. */
function detourFaster(input: ProblemInput): ProblemInput {
  const durationS = Array.from(input.matrix!.durationS);
  for (let k = 0; k < durationS.length; k += 3) durationS[k] *= 3;
  return { ...input, matrix: { ...input.matrix!, durationS } };
}

/** `input` with travel times rounded up or down to whole minutes: the triangle inequality fails by up to 90 s. */
function roundedToMinutes(input: ProblemInput): ProblemInput {
  const durationS = Array.from(input.matrix!.durationS, (d) => Math.round(d / 60) * 60);
  return { ...input, matrix: { ...input.matrix!, durationS } };
}

describe('travelTimesAreMetric', () => {
  it('accepts Euclidean travel times and rejects a matrix where a detour is faster', () => {
    const input = randomProblem(3, { orders: 10, couriers: 3 });
    expect(travelTimesAreMetric(compileProblem(input))).toBe(true);
    expect(travelTimesAreMetric(compileProblem(detourFaster(input)))).toBe(false);
    expect(new SearchContext(compileProblem(detourFaster(input)), 1).scratch.metricTimes).toBe(false);
  });

  it('tolerates rounding up to the shortest service time, and insertion then still matches brute force', () => {
    let compared = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const p = compileProblem(roundedToMinutes(randomProblem(seed, { orders: 10, couriers: 3, windowS: 900 })));
      const ctx = new SearchContext(p, seed);
      expect(ctx.scratch.metricTimes).toBe(true);
      const s = new SolutionState(p);
      placeLockedOrders(ctx, s);
      regretInsertion(ctx, s);
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
