// The O(1)-per-pair insertion evaluator agrees with a brute-force linear re-evaluation of every position pair.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import { costModelOf } from '../../../engine/solver/cost/cost-model.js';
import { distanceChangeBase } from '../../../engine/solver/insertion.js';
import { Prng } from '../../../engine/random/prng.js';
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

describe('distanceChangeBase', () => {
  it('prices distance-only changes as routeCostChange does, to the bit', () => {
    const p = compileProblem(randomProblem(1, { orders: 4, couriers: 3, fixedCost: 25000 }));
    const cost = costModelOf(p);
    const rng = new Prng(7);
    for (let trial = 0; trial < 2000; trial++) {
      const c = rng.int(p.courierCount);
      // Any per-courier prices (the model's arrays are set here directly), any change of distance.
      cost.fixedCost[c] = rng.next() < 0.3 ? 0 : rng.next() * 1e6;
      cost.costPerS[c] = rng.next() < 0.5 ? 0 : rng.next() * 3;
      cost.costPerM[c] = rng.next() * 2;
      const opens = rng.next() < 0.5;
      const x = (rng.next() - 0.2) * 10 ** rng.int(7);
      expect(Object.is(distanceChangeBase(cost, c, opens) + cost.costPerM[c] * x, cost.routeCostChange(c, opens, 0, x))).toBe(true);
    }
  });
});
