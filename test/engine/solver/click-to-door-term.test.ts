import { describe, expect, it } from 'vitest';
import { checkSolution, solve, type ProblemInput } from '../../../engine/index.js';
import type { ClickToDoorInput } from '../../../engine/model/problem-input.js';
import { twoHomes } from './two-homes.js';

/** Two orders placed 300 s before the plan. */
const twoOrders = (clickToDoor?: ClickToDoorInput): ProblemInput => twoHomes({ softTimeWindows: true, ...(clickToDoor ? { clickToDoor } : {}) }, () => ({ createdS: -300 }));

describe('click-to-door term', () => {
  it('courier time alone puts both orders on one bike; pricing the customers\' wait past a target splits them', async () => {
    const cheap = (await solve(twoOrders(), { seed: 1, maxIterations: 200 })).solution;
    expect(cheap.routes.length).toBe(1);
    expect(cheap.cost.service).toBeUndefined();
    const served = (await solve(twoOrders({ costPerS: 0, targetS: 900, overTargetCostPerS: 10 }), { seed: 1, maxIterations: 200 })).solution;
    expect(served.routes.length).toBe(2);
    // Each delivery starts 660 s into the plan, 960 s after its order: 60 s past the target, at 10 per second.
    expect(served.cost.service).toBeCloseTo(2 * 60 * 10, 6);
  });

  it('the independent checker recomputes the service term and agrees', async () => {
    const problem = twoOrders({ costPerS: 0.5, targetS: 600, overTargetCostPerS: 3 });
    const { solution } = await solve(problem, { seed: 3, maxIterations: 300 });
    const checked = checkSolution(problem, solution);
    expect(checked.violations).toEqual([]);
    expect(checked.cost.service).toBeCloseTo(solution.cost.service!, 6);
    expect(solution.cost.total).toBeCloseTo(solution.cost.duration + solution.cost.service!, 6);
    const tampered = { ...solution, cost: { ...solution.cost, service: solution.cost.service! + 100 } };
    expect(checkSolution(problem, tampered).violations.map((v) => v.code)).toContain('cost_mismatch');
  });
});
