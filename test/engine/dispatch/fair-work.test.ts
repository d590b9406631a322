import { describe, expect, it } from 'vitest';
import { solve, type DispatchEvent, type DispatchResult, type ProblemInput } from '../../../engine/index.js';
import { fairWorkCosts } from '../../../engine/dispatch/fair-work.js';
import { courier, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const realSolve = (problem: ProblemInput) => solve(problem, { maxIterations: 300, seed: 7 }).solution;
const offered = (r: DispatchResult) => r.events.filter((e): e is Extract<DispatchEvent, { type: 'offer.created' }> => e.type === 'offer.created').map((e) => e.courierId);
const here = (atMs: number) => ({ ...MARKET, atMs });

describe('fair work within a fleet', () => {
  it('gives the order to the courier who has waited longest when both are as close', () => {
    const clock = testClock();
    const d = makeDispatcher(clock);
    d.handle({ type: 'courierAvailable', courier: courier('c2'), position: here(clock.nowMs) });
    clock.advance(60_000);
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: here(clock.nowMs) }); // c1 came later
    d.handle({ type: 'orderAdded', order: order(1) });
    expect(offered(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!, realSolve).result)).toEqual(['c2']);
  });

  it('prices what a courier earned today above the fleet\'s least, so the other gets the work', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { idleQueueStepCost: 0 });
    for (const id of ['c1', 'c2']) d.handle({ type: 'courierAvailable', courier: courier(id), position: here(clock.nowMs) });
    d.couriers.get('c1')!.earnedRp = 60_000;
    d.handle({ type: 'orderAdded', order: order(1) });
    expect(offered(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!, realSolve).result)).toEqual(['c2']);
  });

  it('takes what a courier earned before the dispatcher knew it (a restart), and the enroller\'s count over its own after', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { idleQueueStepCost: 0 });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: here(clock.nowMs), earnedRp: 60_000 });
    d.handle({ type: 'courierAvailable', courier: courier('c2'), position: here(clock.nowMs) });
    d.handle({ type: 'orderAdded', order: order(1) });
    expect(offered(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!, realSolve).result)).toEqual(['c2']);
    d.couriers.get('c1')!.earnedRp = 75_000; // a delivery counted here yesterday; the store starts the day at zero
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: here(clock.nowMs), earnedRp: 0 });
    expect(d.couriers.get('c1')!.earnedRp).toBe(0);
    d.couriers.get('c1')!.earnedRp = 12_000;
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: here(clock.nowMs) }); // no count given: its own stays
    expect(d.couriers.get('c1')!.earnedRp).toBe(12_000);
  });

  it('keeps the queue per fleet and charges couriers with work nothing', () => {
    const base = { position: here(0), stale: false };
    const costs = fairWorkCosts([
      { ...base, courier: courier('p1'), routeStopIds: [], idleSinceMs: 100 },
      { ...base, courier: courier('p2'), routeStopIds: [], idleSinceMs: 50 },
      { ...base, courier: courier('p3'), routeStopIds: ['s1'], earnedRp: 90_000 },
      { ...base, courier: courier('o1', 'ojol'), routeStopIds: [], idleSinceMs: 500 },
    ], 1_000, { idleQueueStepCost: 5, earningsBalanceCostPerRp: 0.01 });
    expect(Object.fromEntries(costs)).toEqual({ p1: 5 });
  });
});
