import { describe, expect, it } from 'vitest';
import { buildProblem, planLocations, type DispatchOrder, type ProblemInput, type Solution } from '../../../engine/index.js';
import { courier, greedySolve, haversineMatrix, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const at = (atMs: number) => ({ lon: MARKET.lon, lat: MARKET.lat - 0.001, atMs });

/** Every order on the first courier (a planner that ignores the bag). */
function allOnFirst(problem: ProblemInput): Solution {
  const one = { ...problem, couriers: problem.couriers.slice(0, 1) };
  return greedySolve(one);
}

describe('when to dispatch', () => {
  it('plans a new order at once when a courier waits with no work', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { planOnIdleCourier: true });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: at(clock.nowMs) });
    const r = d.handle({ type: 'orderAdded', order: order(1) });
    expect(r.planRequest?.snapshot.reason).toBe('courier_idle');
  });

  it('waits for the batch when every courier is busy or has an offer', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { planOnIdleCourier: true });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: at(clock.nowMs) });
    const first = d.handle({ type: 'orderAdded', order: order(1) }).planRequest!;
    solveWith(d, first); // c1 now holds an offer
    expect(d.handle({ type: 'orderAdded', order: order(2) }).planRequest).toBeUndefined();
  });

  it('plans a new order at once while a courier is still at the stalls, so it can ride in the same bag', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { planOnIdleCourier: true });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: at(clock.nowMs) });
    const first = d.handle({ type: 'orderAdded', order: order(1) }).planRequest!;
    const offer = solveWith(d, first).result.events.find((e) => e.type === 'offer.created');
    d.handle({ type: 'offerAccepted', offerId: offer!.type === 'offer.created' ? offer!.offerId : '', courierId: 'c1' });
    expect(d.courier('c1').route[0].kind).toBe('pickup');
    expect(d.handle({ type: 'orderAdded', order: order(2) }).planRequest?.snapshot.reason).toBe('courier_at_market');
  });

  it('waits for the batch once the courier has left the stalls with the goods', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { planOnIdleCourier: true });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: at(clock.nowMs) });
    const offer = solveWith(d, d.handle({ type: 'orderAdded', order: order(1) }).planRequest!).result.events.find((e) => e.type === 'offer.created');
    d.handle({ type: 'offerAccepted', offerId: offer!.type === 'offer.created' ? offer!.offerId : '', courierId: 'c1' });
    d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_p0', outcome: 'done' });
    expect(d.courier('c1').route[0].kind).toBe('delivery');
    expect(d.handle({ type: 'orderAdded', order: order(2) }).planRequest).toBeUndefined();
  });

  it('plans an order whose slack to the promise runs short before the window closes', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { batchWindowMs: 600_000, slackTriggerMs: 15 * 60_000 });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: at(clock.nowMs) });
    const roomy: DispatchOrder = { ...order(1), delivery: { ...order(1).delivery, windowEndMs: clock.nowMs + 90 * 60_000 } };
    expect(d.handle({ type: 'orderAdded', order: roomy }).planRequest).toBeUndefined();
    const tight: DispatchOrder = { ...order(2), delivery: { ...order(2).delivery, windowEndMs: clock.nowMs + 16 * 60_000 } };
    expect(d.handle({ type: 'orderAdded', order: tight }).planRequest?.snapshot.reason).toBe('slack');
  });

  it('settles every command of one instant before planning: couriers starting together share the backlog', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { planOnIdleCourier: true });
    for (let n = 1; n <= 4; n++) d.handle({ type: 'orderAdded', order: order(n) });
    for (const id of ['c1', 'c2', 'c3']) expect(d.handle({ type: 'courierAvailable', courier: courier(id), position: at(clock.nowMs) }, true).planRequest).toBeUndefined();
    const request = d.settle().planRequest!;
    expect(request.snapshot.reason).toBe('courier_idle');
    expect(request.snapshot.couriers.map((c) => c.courier.id)).toEqual(['c1', 'c2', 'c3']);
    expect(d.settle().planRequest).toBeUndefined(); // one plan in flight
  });
});

describe('the bag cap', () => {
  it('never offers a route above the cap; the orders left out wait with reason route_cap', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { maxOrdersPerRoute: 2 });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: at(clock.nowMs) });
    for (let n = 1; n <= 3; n++) d.handle({ type: 'orderAdded', order: order(n) });
    const { result } = solveWith(d, d.handle({ type: 'replanNow' }).planRequest!, allOnFirst);
    const offer = result.events.find((e) => e.type === 'offer.created');
    expect(offer?.type === 'offer.created' && offer.orderIds).toEqual(['o1', 'o2']);
    expect(result.events.filter((e) => e.type === 'order.unplanned').map((e) => e.type === 'order.unplanned' && [e.orderId, e.reason])).toEqual([['o3', 'route_cap']]);
  });

  it('tells the solver the cap as stops from the batch mean', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { maxOrdersPerRoute: 3 });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: at(clock.nowMs) });
    d.handle({ type: 'orderAdded', order: order(1, 2) }); // 3 stops
    d.handle({ type: 'orderAdded', order: order(2, 1) }); // 2 stops
    const snapshot = d.handle({ type: 'replanNow' }).planRequest!.snapshot;
    const built = buildProblem(snapshot, haversineMatrix(planLocations(snapshot).points), d.config);
    expect(built.problem.couriers[0].maxStops).toBe(Math.ceil(3 * 2.5));
  });
});

describe('shift ends', () => {
  it('lets the trip in hand run into the grace after the shift end', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { shiftGraceMs: 20 * 60_000 });
    d.handle({ type: 'courierAvailable', courier: { ...courier('c1'), shiftEndMs: clock.nowMs + 10 * 60_000 }, position: at(clock.nowMs) });
    d.handle({ type: 'orderAdded', order: order(1) });
    const snapshot = d.handle({ type: 'replanNow' }).planRequest!.snapshot;
    const built = buildProblem(snapshot, haversineMatrix(planLocations(snapshot).points), d.config);
    expect(built.problem.couriers[0].shift.latestS).toBe(30 * 60);
  });
});
