// WorkerSolveRunner: solves on worker threads, queues beyond its size, carries engine errors back, survives a crashed worker.
import { afterAll, describe, expect, it } from 'vitest';
import { buildProblem, planLocations, WorkerSolveRunner, solve, EngineError, DISPATCH_DEFAULTS, type PlanSnapshot } from '../../../engine/index.js';
import { courier, haversineMatrix, MARKET, order } from '../dispatch/tiny-market.js';

const NOW = 1_700_000_000_000;
const snapshot: PlanSnapshot = {
  planId: 'plan_1', marketId: 'mkt', nowMs: NOW, reason: 'manual',
  orders: [1, 2, 3].map((n) => ({ order: order(n, 2), donePickupIds: [] })),
  couriers: ['c1', 'c2'].map((id) => ({ courier: courier(id), position: { ...MARKET, atMs: NOW }, stale: false, routeStopIds: [] })),
  previousAssignment: {}, exclusions: {},
};
const built = buildProblem(snapshot, haversineMatrix(planLocations(snapshot).points), DISPATCH_DEFAULTS);

describe('WorkerSolveRunner', () => {
  const runner = new WorkerSolveRunner({ size: 1 });
  afterAll(() => runner.close());

  it('solves on a worker thread with the same answer as in-process for a fixed seed and iteration bound', async () => {
    const options = { maxIterations: 200, seed: 3 };
    const [a, b] = await Promise.all([runner.solve(built.problem, options), runner.solve(built.problem, options)]);
    const local = solve(built.problem, options).solution;
    expect(a.solution.routes).toEqual(local.routes);
    expect(b.solution.cost.total).toBe(local.cost.total);
    expect(a.solution.unassigned).toEqual([]);
  });

  it('keeps the event loop free while it solves (an in-process solve would let no timer fire)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    await runner.solve(built.problem, { timeLimitMs: 600, seed: 1 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThanOrEqual(2);
  });

  it('returns engine errors with their code', async () => {
    const bad = { ...built.problem, orders: [{ ...built.problem.orders[0], pickups: [] }] };
    await expect(runner.solve(bad, { maxIterations: 10 })).rejects.toBeInstanceOf(EngineError);
  });
});
