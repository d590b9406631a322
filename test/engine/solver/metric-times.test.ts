// Insertion stops scanning at a missed window only when travel obeys the triangle inequality (its exactness on
// metric travel is checked against brute force in insertion.test.ts).
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { travelTimesAreMetric } from '../../../engine/solver/metric-times.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { randomProblem } from './random-problem.js';

/** `input` with every third direct leg three times slower: detours often arrive sooner. */
function detourFaster(input: ProblemInput): ProblemInput {
  const durationS = Array.from(input.matrix!.durationS);
  for (let k = 0; k < durationS.length; k += 3) durationS[k] *= 3;
  return { ...input, matrix: { ...input.matrix!, durationS } };
}

describe('travelTimesAreMetric', () => {
  it('accepts Euclidean travel times and rejects a matrix where a detour is faster', () => {
    const input = randomProblem(3, { orders: 10, couriers: 3 });
    expect(travelTimesAreMetric(compileProblem(input))).toBe(true);
    expect(travelTimesAreMetric(compileProblem(detourFaster(input)))).toBe(false);
    expect(new SearchContext(compileProblem(detourFaster(input)), 1).scratch.metricTimes).toBe(false);
  });
});
