// The O(1)-per-pair insertion evaluator agrees with a brute-force linear re-evaluation of every position pair.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { compareInsertionWithBruteForce } from './insertion-brute-force.js';
import { randomProblem, type RandomProblemOptions } from './random-problem.js';

const VARIANTS: [string, RandomProblemOptions][] = [
  ['loose windows', {}],
  ['tight windows', { windowS: 900 }],
  ['time in bag', { maxInBagS: 2000 }],
  ['soft windows', { windowS: 600, softTimeWindows: true }],
  ['service terms, time in bag, soft windows', { windowS: 600, softTimeWindows: true, maxInBagS: 2400, serviceTerms: true }],
  ['a walked market, service terms', { market: true, serviceTerms: true, maxInBagS: 3000 }],
];

describe('bestInsertion', () => {
  it.each(VARIANTS)('finds the cheapest feasible position pair (%s)', (_label, opts) => {
    let compared = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const p = compileProblem(randomProblem(seed, { orders: 10, couriers: 3, ...opts }));
      // Take each order out in turn and price its re-insertion into every route both ways.
      compared += compareInsertionWithBruteForce(p, new SearchContext(p, seed));
    }
    expect(compared).toBeGreaterThan(20);
  });
});
