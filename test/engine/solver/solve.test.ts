// solve(): plans validated by the independent checker, deterministic per seed, warm-startable, frozen state kept,
// unassigned orders explained.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../../engine/checker/index.js';
import { generateMarketBatch, parseLilim } from '../../../engine/instances/index.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { solve, solveParallel } from '../../../engine/solver/index.js';
import { randomProblem } from './random-problem.js';

function expectValid(input: ProblemInput, solution: ReturnType<typeof solve>['solution']): void {
  const check = checkSolution(input, solution);
  expect(check.violations).toEqual([]);
  expect(check.cost.total).toBeCloseTo(solution.cost.total, 3);
}

/** One courier at the market M on a line M—A—B (1 km steps, 100 s each), room for the reason tests. */
function reasonProblem(): ProblemInput {
  const distanceM = [0, 1000, 2000, 1000, 0, 1000, 2000, 1000, 0];
  const base = { serviceS: 60, codRp: 0 };
  const order = (id: string, extra: object = {}, pickupExtra: object = {}, deliveryExtra: object = {}) => ({
    id, pickups: [{ id: `${id}p`, locationId: 'M', serviceS: 60, load: [1], ...pickupExtra }],
    delivery: { id: `${id}d`, locationId: 'B', ...base, ...deliveryExtra }, ...extra,
  });
  return {
    loadDimensions: ['kg'],
    locations: [{ id: 'M' }, { id: 'A' }, { id: 'B' }],
    matrix: { distanceM, durationS: distanceM.map((d) => d / 10) },
    orders: [
      order('ok'),
      order('cold', { skills: ['cold_box'] }),
      order('heavy', {}, { load: [50] }),
      order('late', {}, {}, { window: { earliestS: 0, latestS: 100 } }),
      order('stale', { maxInBagS: 60 }),
      order('overtime', {}, {}, { serviceS: 40000 }),
    ],
    couriers: [{ id: 'k', fleet: 'pangkalan', startLocationId: 'M', startS: 0, shift: { earliestS: 0, latestS: 30000 }, capacity: [10] }],
  };
}

describe('solve', () => {
  it.each([
    ['loose windows', {}],
    ['tight windows', { windowS: 1200 }],
    ['time in bag', { maxInBagS: 2400 }],
    ['soft windows', { windowS: 600, softTimeWindows: true }],
    ['fixed costs', { fixedCost: 20000, couriers: 5 }],
  ])('returns plans the checker accepts (%s)', (_label, opts) => {
    for (let seed = 1; seed <= 4; seed++) {
      const input = randomProblem(seed, { orders: 12, couriers: 4, ...opts });
      const { solution, stats } = solve(input, { maxIterations: 300, seed });
      expectValid(input, solution);
      expect(solution.cost.total).toBeLessThanOrEqual(stats.initialCost + 1e-6);
      expect(stats.iterations).toBeGreaterThan(0);
    }
  });

  it('plans a generated market batch that the checker accepts', () => {
    const input = generateMarketBatch({ seed: 4, orderCount: 20, courierCount: 6 }).problem;
    const { solution } = solve(input, { maxIterations: 300, seed: 2 });
    expectValid(input, solution);
    expect(solution.routes.length).toBeGreaterThan(0);
  });

  it('is deterministic for a seed when bounded by iterations', () => {
    const input = randomProblem(7, { orders: 15, couriers: 4, maxInBagS: 3000 });
    const a = solve(input, { maxIterations: 400, seed: 11 });
    const b = solve(input, { maxIterations: 400, seed: 11 });
    expect(JSON.stringify(a.solution)).toBe(JSON.stringify(b.solution));
  });

  it('warm-starts from a given plan and never returns anything worse', () => {
    const input = randomProblem(3, { orders: 14, couriers: 4 });
    const first = solve(input, { maxIterations: 300, seed: 1 });
    const again = solve(input, { maxIterations: 1, seed: 99, initial: first.solution });
    expectValid(input, again.solution);
    expect(again.solution.cost.total).toBeLessThanOrEqual(first.solution.cost.total + 1e-6);
  });

  it('keeps goods on board with their courier and the next stop first', () => {
    const input = randomProblem(5, { orders: 8, couriers: 3 });
    const orders = input.orders.map((o, i) =>
      i === 0 ? { ...o, onBoardCourierId: 'c1', donePickupIds: [o.pickups[0].id] } : o,
    );
    const target = orders[1].pickups[0].id;
    const couriers = input.couriers.map((c) => (c.id === 'c2' ? { ...c, nextStopId: target } : c));
    const frozen: ProblemInput = { ...input, orders, couriers };
    const { solution } = solve(frozen, { maxIterations: 300, seed: 3 });
    expectValid(frozen, solution);
    const c1 = solution.routes.find((r) => r.courierId === 'c1')!;
    expect(c1.stops.some((s) => s.orderId === orders[0].id && s.kind === 'delivery')).toBe(true);
    const c2 = solution.routes.find((r) => r.courierId === 'c2')!;
    expect(c2.stops[0].stopId).toBe(target);
  });

  it('prefers the previous courier when moving an order costs stability', () => {
    const input = randomProblem(9, { orders: 6, couriers: 3 });
    const free = solve(input, { maxIterations: 200, seed: 1 }).solution;
    const previous: Record<string, string> = {};
    for (const r of free.routes) for (const s of r.stops) previous[s.orderId] = r.courierId === 'c0' ? 'c1' : 'c0';
    const sticky: ProblemInput = { ...input, objective: { previousAssignment: previous, stabilityCost: 1e7 } };
    const { solution } = solve(sticky, { maxIterations: 200, seed: 1 });
    expectValid(sticky, solution);
    expect(solution.cost.stability).toBe(0);
  });

  it('names why each unservable order is unassigned', () => {
    const input = reasonProblem();
    const { solution } = solve(input, { maxIterations: 50 });
    expectValid(input, solution);
    const reasons = Object.fromEntries(solution.unassigned.map((u) => [u.orderId, u.reason]));
    expect(reasons).toEqual({ cold: 'skills', heavy: 'capacity', late: 'time_window', stale: 'max_in_bag', overtime: 'shift' });
  });

  it('reports no_courier without couriers and not_inserted when couriers are busy', () => {
    const none = { ...reasonProblem(), couriers: [] };
    expect(solve(none, { maxIterations: 5 }).solution.unassigned.every((u) => u.reason === 'no_courier')).toBe(true);
    const busy = reasonProblem();
    // Two orders that each fit alone but not together: both deliveries due at 330 s at B.
    const twin = (id: string) => ({ ...busy.orders[0], id, pickups: [{ ...busy.orders[0].pickups[0], id: `${id}p` }], delivery: { ...busy.orders[0].delivery, id: `${id}d`, window: { earliestS: 0, latestS: 330 } } });
    const input = { ...busy, orders: [twin('u'), twin('v')] };
    const { solution } = solve(input, { maxIterations: 50 });
    expectValid(input, solution);
    expect(solution.unassigned).toEqual([{ orderId: expect.any(String), reason: 'not_inserted' }]);
  });

  it('matches the best known vehicle count on Li & Lim lc101', () => {
    const input = parseLilim(readFileSync(new URL('../../../fixtures/lilim/pdp_100/lc101.txt', import.meta.url), 'utf8'));
    const { solution } = solve(input, { maxIterations: 200, seed: 1 });
    expectValid(input, solution);
    expect(solution.unassigned).toEqual([]);
    expect(solution.routes.length).toBe(10);
  });

  it('races seeds on worker threads and keeps the cheapest plan', async () => {
    const input = randomProblem(2, { orders: 12, couriers: 4 });
    const result = await solveParallel(input, { threads: 2, maxIterations: 200, seed: 5 });
    expect(result.runs.map((r) => r.seed)).toEqual([5, 6]);
    expect(result.solution.cost.total).toBe(Math.min(...result.runs.map((r) => r.cost)));
    expectValid(input, result.solution);
    const single = solve(input, { maxIterations: 200, seed: 5 });
    expect(result.runs[0].cost).toBeCloseTo(single.solution.cost.total, 6);
  });
});
