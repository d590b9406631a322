import { describe, expect, it } from 'vitest';
import { solve, type DispatchEvent, type DispatchResult, type ProblemInput } from '../../../engine/index.js';
import { courier, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const realSolve = (problem: ProblemInput) => solve(problem, { maxIterations: 300, seed: 7 }).solution;
const all = <T extends DispatchEvent['type']>(r: DispatchResult, type: T) => r.events.filter((e) => e.type === type) as Extract<DispatchEvent, { type: T }>[];

function market(courierIds: string[]) {
  const clock = testClock();
  const d = makeDispatcher(clock, { batchMaxOrders: 2 });
  for (const id of courierIds) d.handle({ type: 'courierAvailable', courier: courier(id), position: { ...MARKET, atMs: clock.nowMs } });
  return d;
}

describe('MarketDispatcher driven by the real solver', () => {
  it('keeps goods on board with their courier and the next stop first when new orders arrive', () => {
    const d = market(['c1']);
    d.handle({ type: 'orderAdded', order: order(1, 2) });
    const first = all(solveWith(d, d.handle({ type: 'orderAdded', order: order(2) }).planRequest!, realSolve).result, 'offer.created');
    expect(first.map((o) => [o.courierId, [...o.orderIds].sort()])).toEqual([['c1', ['o1', 'o2']]]);
    d.handle({ type: 'offerAccepted', offerId: first[0].offerId, courierId: 'c1' });
    const pickedStop = d.couriers.get('c1')!.route[0];
    d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: pickedStop.stopId, outcome: 'done' });
    const driving = d.couriers.get('c1')!.route[0].stopId;

    // A courier coming free may take accepted orders not picked up yet: that plan runs first.
    const moves = d.handle({ type: 'courierAvailable', courier: courier('c2'), position: { ...MARKET, atMs: d.now() } }).planRequest;
    if (moves) solveWith(d, moves, realSolve);
    d.handle({ type: 'orderAdded', order: order(3) });
    const request = d.handle({ type: 'orderAdded', order: order(4) }).planRequest!;
    const result = solveWith(d, request, realSolve).result;
    const plan = all(result, 'plan.updated')[0];
    const c1 = plan.routes.find((r) => r.courierId === 'c1')!;
    expect(c1.stops[0].stopId).toBe(driving);
    expect(c1.stops.some((s) => s.orderId === pickedStop.orderId)).toBe(true);
    expect(plan.routes.filter((r) => r.courierId !== 'c1').flatMap((r) => r.stops).some((s) => s.orderId === pickedStop.orderId)).toBe(false);
    expect(plan.unassignedOrderIds).toEqual([]);
  });

  it('re-plans a declined order onto another courier', () => {
    const d = market(['c1', 'c2']);
    d.handle({ type: 'orderAdded', order: order(1) });
    const [offer] = all(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!, realSolve).result, 'offer.created');
    const replan = d.handle({ type: 'offerDeclined', offerId: offer.offerId, courierId: offer.courierId }).planRequest!;
    const [next] = all(solveWith(d, replan, realSolve).result, 'offer.created');
    expect(next.orderIds).toEqual(['o1']);
    expect(next.courierId).not.toBe(offer.courierId);
  });
});

describe('executePlan', () => {
  it('runs table, problem, solve and apply for a synthetic batch and offers every order', async () => {
    const { executePlan, HaversineProvider, SyntheticMarket, MarketDispatcher } = await import('../../../engine/dispatch/index.js');
    const d = new MarketDispatcher({ marketId: 'syn', ...MARKET, config: { batchMaxOrders: 12, solveTimeLimitMs: 200, planOnIdleCourier: false } });
    const synthetic = new SyntheticMarket({ marketId: 'syn', ...MARKET, seed: 5 });
    for (const c of synthetic.fleet(6, 2, d.now())) d.handle({ type: 'courierAvailable', ...c });
    let request;
    for (let i = 0; i < 12; i++) request = d.handle({ type: 'orderAdded', order: synthetic.nextOrder() }).planRequest ?? request;
    const run = await executePlan(d, request!, new HaversineProvider(), (p, o) => solve(p, { ...o, timeLimitMs: undefined, maxIterations: 300 }));
    expect(run.error).toBeUndefined();
    const offered = run.result.events.flatMap((e) => (e.type === 'offer.created' ? e.orderIds : []));
    const unplanned = run.result.events.filter((e) => e.type === 'order.unplanned').length;
    expect(offered.length + unplanned).toBe(12);
    expect(offered.length).toBeGreaterThanOrEqual(10);
  });

  it('turns a routing failure into plan.failed and keeps the orders pending', async () => {
    const { executePlan, MarketDispatcher } = await import('../../../engine/dispatch/index.js');
    const d = new MarketDispatcher({ marketId: 'f', ...MARKET, config: { planOnIdleCourier: false } });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: d.now() } });
    d.handle({ type: 'orderAdded', order: order(1) });
    const request = d.handle({ type: 'replanNow' }).planRequest!;
    const failing = { name: 'down', table: async () => { throw new Error('router down'); }, route: async () => { throw new Error(); }, nearest: async () => [] };
    const run = await executePlan(d, request, failing, (p) => solve(p, { maxIterations: 50 }));
    expect(run.result.events.map((e) => e.type)).toContain('plan.failed');
    expect(d.orders.get('o1')!.status).toBe('pending');
    expect(d.planInFlight).toBeNull();
  });
});

describe('adaptiveSolveBudgetMs', () => {
  it('keeps the budget while the solver keeps up and shrinks it, down to a fifth, as plans queue', async () => {
    const { adaptiveSolveBudgetMs } = await import('../../../engine/dispatch/index.js');
    expect(adaptiveSolveBudgetMs(500, 0)).toBe(500);
    expect(adaptiveSolveBudgetMs(500, 4)).toBe(250);
    expect(adaptiveSolveBudgetMs(500, 1_000)).toBe(100);
  });
});
