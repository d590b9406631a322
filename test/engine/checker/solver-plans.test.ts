// The checker against the engine's solver: plans for generated pasar batches, a Li & Lim instance and a re-planning
// state with goods on board must all pass, reported times and costs included.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../../engine/checker/index.js';
import { generateMarketBatch, parseLilim } from '../../../engine/instances/index.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { solve } from '../../../engine/solver/index.js';

describe('solver plans pass the independent checker', () => {
  it('on generated pasar batches', () => {
    for (const seed of [1, 2, 3]) {
      const { problem } = generateMarketBatch({ seed, orderCount: 25, courierCount: 6 });
      const { solution } = solve(problem, { maxIterations: 200, seed });
      const check = checkSolution(problem, solution);
      expect(check.violations, `seed ${seed}`).toEqual([]);
      expect(solution.routes.length).toBeGreaterThan(0);
    }
  });

  it('on Li & Lim lc101', () => {
    const problem = parseLilim(readFileSync(new URL('../../../fixtures/lilim/pdp_100/lc101.txt', import.meta.url), 'utf8'));
    const { solution } = solve(problem, { maxIterations: 100, seed: 1 });
    expect(checkSolution(problem, solution).violations).toEqual([]);
    expect(solution.unassigned).toEqual([]);
  });

  it('when re-planning with goods on board and a next stop fixed', () => {
    const { problem } = generateMarketBatch({ seed: 4, orderCount: 20, courierCount: 6 });
    const first = solve(problem, { maxIterations: 100, seed: 4 }).solution;
    // On the first route with a two-stall order, the first stall is done and the courier drives to its second stall.
    const route = first.routes.find((r) => problem.orders.find((o) => o.id === r.stops[0].orderId)!.pickups.length >= 2)!;
    expect(route).toBeDefined();
    const orderId = route.stops[0].orderId;
    const order = problem.orders.find((o) => o.id === orderId)!;
    const replanned: ProblemInput = {
      ...problem,
      orders: problem.orders.map((o) => (o.id === orderId ? { ...o, donePickupIds: [o.pickups[0].id], onBoardCourierId: route.courierId } : o)),
      couriers: problem.couriers.map((c) => (c.id === route.courierId ? { ...c, nextStopId: order.pickups[1].id } : c)),
      objective: { previousAssignment: Object.fromEntries(first.routes.flatMap((r) => r.stops.map((s) => [s.orderId, r.courierId]))) },
    };
    const { solution } = solve(replanned, { maxIterations: 100, seed: 4, initial: first });
    const check = checkSolution(replanned, solution);
    expect(check.violations).toEqual([]);
    const onBoard = solution.routes.find((r) => r.courierId === route.courierId)!;
    expect(onBoard.stops[0].stopId).toBe(order.pickups[1].id);
    expect(onBoard.stops.some((s) => s.stopId === order.pickups[0].id)).toBe(false);
  });
});
