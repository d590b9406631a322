// Every stop term is convex and its slope is its right derivative: the insertion bounds rest on both.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import { costModelOf } from '../../../engine/solver/cost/cost-model.js';
import { Prng } from '../../../engine/random/prng.js';
import { randomProblem } from './random-problem.js';

describe('stop term slopes', () => {
  it('bound each term from below after any delay and match its growth just after the start', () => {
    const p = compileProblem(randomProblem(5, { orders: 12, serviceTerms: true, softTimeWindows: true, windowS: 900 }));
    const cost = costModelOf(p);
    expect(cost.deliveryTerms.map((t) => t.name)).toEqual(['click_to_door', 'told_hour']);
    const rng = new Prng(11);
    let growing = 0;
    for (let s = 0; s < p.stopCount; s++) {
      // Around each breakpoint (the window's end, the target, the told hour) and at random times of the day.
      const o = p.stopOrder[s];
      const marks = [p.stopLatestS[s], p.orderCreatedS[o], p.orderCreatedS[o] + 1800, p.orderToldArrivalS[o] + 300].filter(Number.isFinite);
      const times = [...marks.flatMap((m) => [m - 1, m, m + 1]), ...Array.from({ length: 20 }, () => 7 * 3600 + rng.int(6 * 3600))];
      for (const t of times) {
        const slope = cost.stopTermSlope(s, t);
        if (slope > 0) growing++;
        for (const d of [0.5, 7, 60, 900, 4000]) expect(cost.stopTermCost(s, t + d)).toBeGreaterThanOrEqual(cost.stopTermCost(s, t) + slope * d - 1e-9);
        // Right derivative: the growth over a short step after t.
        expect((cost.stopTermCost(s, t + 1e-3) - cost.stopTermCost(s, t)) / 1e-3).toBeCloseTo(slope, 3);
      }
    }
    expect(growing).toBeGreaterThan(100);
  });
});
