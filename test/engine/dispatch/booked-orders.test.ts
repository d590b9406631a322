// Orders whose goods are ready later (booked ahead): out of plans until the plan-ahead time, offered only once ready soon.
import { describe, expect, it } from 'vitest';
import type { DispatchEvent, DispatchOrder, DispatchResult } from '../../../engine/dispatch/index.js';
import { goodsReadyAtMs } from '../../../engine/dispatch/goods-ready.js';
import { courier, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const MIN_MS = 60_000;
const all = <T extends DispatchEvent['type']>(r: DispatchResult, type: T) => r.events.filter((e) => e.type === type) as Extract<DispatchEvent, { type: T }>[];
const calls = (r: DispatchResult) => all(r, 'courier.staging').map((e) => e.courierId);

/** Order `n` with the goods of every stall ready at `readyAtMs`. */
const booked = (n: number, readyAtMs: number, stalls = 1): DispatchOrder => {
  const o = order(n, stalls);
  return { ...o, pickups: o.pickups.map((p) => ({ ...p, readyAtMs })) };
};

describe('orders booked for later', () => {
  it('takes the latest stall as the time the goods are ready', () => {
    const o = order(1, 2);
    expect(goodsReadyAtMs(o)).toBe(Number.NEGATIVE_INFINITY);
    expect(goodsReadyAtMs({ ...o, pickups: [{ ...o.pickups[0], readyAtMs: 5_000 }, { ...o.pickups[1], readyAtMs: 9_000 }] })).toBe(9_000);
  });

  it('stays out of plans until its goods are ready within the plan-ahead time, then waits in plans until ready within the offer lead', () => {
    const clock = testClock();
    const readyAtMs = clock.nowMs + 120 * MIN_MS;
    const d = makeDispatcher(clock, { planAheadMs: 60 * MIN_MS, offerBeforeReadyMs: 10 * MIN_MS });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: clock.nowMs } });
    d.handle({ type: 'orderAdded', order: booked(1, readyAtMs) });
    expect(d.handle({ type: 'replanNow' }).planRequest).toBeUndefined(); // nothing to plan yet
    clock.advance(30 * MIN_MS);
    expect(d.handle({ type: 'tick' }).planRequest).toBeUndefined(); // the batch window does not count it
    expect(d.kpi()).toMatchObject({ pendingOrders: 0, bookedOrders: 1, oldestPendingS: 0 }); // booked, not waiting yet

    clock.advance(35 * MIN_MS); // ready in 55 min: within the plan-ahead time, the next tick plans it
    expect(d.kpi()).toMatchObject({ pendingOrders: 1, bookedOrders: 0 });
    const planned = d.handle({ type: 'tick' }).planRequest!;
    expect(planned.snapshot.orders.map((o) => o.order.id)).toEqual(['o1']);
    const held = solveWith(d, planned).result;
    expect(all(held, 'offer.created')).toEqual([]); // c1 would wait 55 min at the stall
    expect(d.order('o1')).toMatchObject({ status: 'pending' });
    expect(d.order('o1').plannedCourierId).toBeUndefined();
    expect(all(held, 'plan.updated')[0].heldOrders).toEqual([{ orderId: 'o1', courierId: 'c1', reason: 'goods_not_ready', firstStopEtaMs: readyAtMs }]);

    clock.advance(47 * MIN_MS); // ready in 8 min
    const offered = solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result;
    expect(all(offered, 'offer.created')).toEqual([expect.objectContaining({ courierId: 'c1', orderIds: ['o1'] })]);
  });

  it('offers an order ready now beside a booked one, without the booked one', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { planAheadMs: 60 * MIN_MS, offerBeforeReadyMs: 10 * MIN_MS });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: clock.nowMs } });
    d.handle({ type: 'orderAdded', order: booked(1, clock.nowMs + 30 * MIN_MS) });
    d.handle({ type: 'orderAdded', order: order(2) });
    const request = d.handle({ type: 'replanNow' }).planRequest!;
    expect(request.snapshot.orders.map((o) => o.order.id).sort()).toEqual(['o1', 'o2']);
    const result = solveWith(d, request).result;
    const offer = all(result, 'offer.created')[0];
    expect(offer).toMatchObject({ courierId: 'c1', orderIds: ['o2'] });
    expect(offer.stops.map((s) => s.orderId)).not.toContain('o1');
    expect(d.order('o1').status).toBe('pending');
  });

  it('plans an order whose goods are ready in the past like any other', () => {
    const clock = testClock();
    const d = makeDispatcher(clock);
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: clock.nowMs } });
    d.handle({ type: 'orderAdded', order: booked(1, clock.nowMs - MIN_MS) });
    const result = solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result;
    expect(all(result, 'offer.created')).toEqual([expect.objectContaining({ orderIds: ['o1'] })]);
  });

  it('does not call couriers to the market for an order booked beyond the staging lookahead', () => {
    const clock = testClock();
    const staging = { radiusM: 1_000, lookaheadMs: 20 * MIN_MS, followCheckMs: 4 * MIN_MS, approachM: 300, recallAfterMs: 10 * MIN_MS };
    const d = makeDispatcher(clock, { staging });
    const far = { lon: MARKET.lon, lat: MARKET.lat + 4 / 111.2, atMs: clock.nowMs };
    d.handle({ type: 'courierAvailable', courier: courier('far', 'ojol'), position: far });
    expect(calls(d.handle({ type: 'orderAdded', order: booked(1, clock.nowMs + 90 * MIN_MS) }))).toEqual([]);
    expect(calls(d.handle({ type: 'orderAdded', order: booked(2, clock.nowMs + 15 * MIN_MS) }))).toEqual(['far']);
  });
});
