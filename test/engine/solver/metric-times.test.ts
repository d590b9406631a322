// Insertion stops scanning at a missed window only when no detour arrives sooner than going direct (up to the
// shortest service time); its exactness on Euclidean travel is also checked against brute force in insertion.test.ts.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { travelTimesAreMetric } from '../../../engine/solver/metric-times.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { compareInsertionWithBruteForce } from './insertion-brute-force.js';
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
      compared += compareInsertionWithBruteForce(p, ctx);
    }
    expect(compared).toBeGreaterThan(20);
  });
});
