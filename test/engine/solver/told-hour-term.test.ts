// The told-hour term: a delivery later than the hour its customer was told, by more than the slack, is priced; the
// independent checker recomputes it.
import { describe, expect, it } from 'vitest';
import { checkSolution, solve, type ProblemInput } from '../../../engine/index.js';
import type { ToldHourInput } from '../../../engine/model/problem-input.js';
import { twoHomes } from './two-homes.js';

/** Order o1 was told 660 s (its stall, then straight to its door); o2 is new. */
const toldAndNew = (toldHour?: ToldHourInput): ProblemInput => twoHomes({ softTimeWindows: true, ...(toldHour ? { toldHour } : {}) }, (n) => (n === 1 ? { toldArrivalS: 660 } : {}));

describe('told-hour term', () => {
  it('courier time alone puts the new order on the same bike; keeping the told hour sends another, unless the slack covers the delay', async () => {
    const cheap = (await solve(toldAndNew(), { seed: 1, maxIterations: 200 })).solution;
    expect(cheap.routes.length).toBe(1);
    expect(cheap.cost.service).toBeUndefined();
    const kept = (await solve(toldAndNew({ slackS: 0, costPerS: 100 }), { seed: 1, maxIterations: 200 })).solution;
    expect(kept.routes.length).toBe(2);
    expect(kept.cost.service).toBe(0);
    const slack = (await solve(toldAndNew({ slackS: 120, costPerS: 100 }), { seed: 1, maxIterations: 200 })).solution;
    expect(slack.routes.length).toBe(1); // the second stall costs o1 60 s, within the slack
  });

  it('the independent checker recomputes it and agrees', async () => {
    const problem = toldAndNew({ slackS: 30, costPerS: 2 });
    const { solution } = await solve(problem, { seed: 3, maxIterations: 300 });
    const checked = checkSolution(problem, solution);
    expect(checked.violations).toEqual([]);
    const d1 = solution.routes.flatMap((r) => r.stops).find((s) => s.stopId === 'd1')!;
    expect(solution.cost.service).toBeCloseTo(2 * Math.max(0, d1.serviceStartS - 690), 6);
    expect(checked.cost.service).toBeCloseTo(solution.cost.service!, 6);
    const tampered = { ...solution, cost: { ...solution.cost, service: solution.cost.service! + 100 } };
    expect(checkSolution(problem, tampered).violations.map((v) => v.code)).toContain('cost_mismatch');
  });

  it('refuses a told hour that is not a number', async () => {
    const problem = toldAndNew({ slackS: 0, costPerS: 1 });
    const bad = { ...problem, orders: [{ ...problem.orders[0], toldArrivalS: Number.NaN }, problem.orders[1]] };
    await expect(async () => solve(bad, { seed: 1, maxIterations: 10 })).rejects.toMatchObject({ code: 'not_finite', message: expect.stringContaining('orders[0].toldArrivalS') });
  });
});
