// Delayed commitment: a busy courier is offered a new order only when it will reach the order within the horizon.
import { describe, expect, it } from 'vitest';
import type { DispatchEvent, DispatchResult, RouteStop } from '../../../engine/dispatch/index.js';
import { holdLateOrders } from '../../../engine/dispatch/commit-horizon.js';
import { courier, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const all = <T extends DispatchEvent['type']>(r: DispatchResult, type: T) => r.events.filter((e) => e.type === type) as Extract<DispatchEvent, { type: T }>[];
const stop = (orderId: string, kind: 'pickup' | 'delivery', etaMs: number): RouteStop => ({ stopId: `${orderId}_${kind}`, orderId, kind, lon: 0, lat: 0, etaMs });
const HORIZON_MS = 10 * 60_000;

describe('holding new orders a busy courier reaches late', () => {
  it('keeps accepted orders and new ones due within the horizon, in route order', () => {
    const stops = [stop('a', 'delivery', 5), stop('n1', 'pickup', 8), stop('n2', 'pickup', 12), stop('n1', 'delivery', 14), stop('n2', 'delivery', 16), stop('b', 'delivery', 20)];
    const isNew = (id: string) => id.startsWith('n');
    const dueAfter = (endMs: number) => (first: RouteStop) => first.etaMs > endMs;
    const { stops: kept, held } = holdLateOrders(stops, isNew, dueAfter(10));
    expect(held).toEqual([stop('n2', 'pickup', 12)]);
    expect(kept.map((s) => s.stopId)).toEqual(['a_delivery', 'n1_pickup', 'n1_delivery', 'b_delivery']);
    expect(holdLateOrders(stops, isNew, dueAfter(100)).held).toEqual([]);
  });

  it('leaves the order pending while the courier is out delivering, and offers it once the courier has turned back', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { commitHorizonMs: HORIZON_MS });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: clock.nowMs } });
    d.handle({ type: 'orderAdded', order: order(40) }); // a door 4.4 km north: about 15 min at 5 m/s
    const first = all(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result, 'offer.created')[0];
    d.handle({ type: 'offerAccepted', offerId: first.offerId, courierId: 'c1' });
    d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o40_p0', outcome: 'done' });

    d.handle({ type: 'orderAdded', order: order(2) });
    const held = solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result;
    expect(all(held, 'offer.created')).toEqual([]); // its pickup would wait for the delivery and the ride back
    expect(d.order('o2')).toMatchObject({ status: 'pending' });
    expect(d.order('o2').plannedCourierId).toBeUndefined(); // nothing ties it to c1 in the next plan
    expect(all(held, 'order.unplanned')).toEqual([]);
    // The dispatcher sees it held for c1, and when c1 is expected at its stall.
    const [heldFor] = all(held, 'plan.updated')[0].heldOrders;
    expect(heldFor).toMatchObject({ orderId: 'o2', courierId: 'c1', reason: 'commit_horizon' });
    expect(heldFor.firstStopEtaMs).toBeGreaterThan(clock.nowMs + HORIZON_MS);

    clock.advance(15 * 60_000); // the door is reached: c1 turns back with nothing on board
    const idle = d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o40_d', outcome: 'done' }).planRequest!;
    const offered = solveWith(d, idle).result;
    expect(all(offered, 'offer.created')).toEqual([expect.objectContaining({ courierId: 'c1', orderIds: ['o2'] })]);
    expect(all(offered, 'plan.updated')[0].heldOrders).toEqual([]);
  });

  it('offers at once when the horizon is unbounded', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { commitHorizonMs: Number.POSITIVE_INFINITY });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: clock.nowMs } });
    d.handle({ type: 'orderAdded', order: order(40) });
    const first = all(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result, 'offer.created')[0];
    d.handle({ type: 'offerAccepted', offerId: first.offerId, courierId: 'c1' });
    d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o40_p0', outcome: 'done' });
    d.handle({ type: 'orderAdded', order: order(2) });
    const result = solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result;
    expect(all(result, 'offer.created')).toEqual([expect.objectContaining({ courierId: 'c1', orderIds: ['o2'] })]);
  });
});
