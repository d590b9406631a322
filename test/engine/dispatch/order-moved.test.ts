// An order moved to another hour: the core drops it (orderCancelled) and takes it back with its new times (orderAdded).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import type { DispatchEvent, DispatchOrder, DispatchResult } from '../../../engine/dispatch/index.js';
import { courier, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const MIN_MS = 60_000;
const all = <T extends DispatchEvent['type']>(r: DispatchResult, type: T) => r.events.filter((e) => e.type === type) as Extract<DispatchEvent, { type: T }>[];

/** Order `n` booked for `atMs`: the customer's wait and every stall's goods start then. */
const bookedFor = (n: number, atMs: number): DispatchOrder => {
  const o = order(n);
  return { ...o, placedAtMs: atMs, pickups: o.pickups.map((p) => ({ ...p, readyAtMs: atMs })) };
};

describe('an order moved to another hour', () => {
  it('leaves its offer, comes back pending with the new hour and stays out of plans until that hour nears', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { planAheadMs: 60 * MIN_MS, offerBeforeReadyMs: 10 * MIN_MS });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: clock.nowMs } });
    d.handle({ type: 'orderAdded', order: order(1) });
    const offered = solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result;
    expect(all(offered, 'offer.created')).toEqual([expect.objectContaining({ courierId: 'c1', orderIds: ['o1'] })]);

    const cancelled = d.handle({ type: 'orderCancelled', orderId: 'o1' });
    expect(all(cancelled, 'offer.withdrawn')).toEqual([expect.objectContaining({ orderIds: ['o1'], reason: 'order_cancelled' })]);
    const laterMs = clock.nowMs + 3 * 60 * MIN_MS;
    const added = d.handle({ type: 'orderAdded', order: bookedFor(1, laterMs) });
    expect(all(added, 'order.pending')).toEqual([expect.objectContaining({ orderId: 'o1' })]);
    expect(d.order('o1')).toMatchObject({ status: 'pending', planAttempts: 0 });
    expect(d.order('o1').order.placedAtMs).toBe(laterMs);
    expect(d.order('o1').order.pickups[0].readyAtMs).toBe(laterMs);
    expect(d.kpi()).toMatchObject({ pendingOrders: 0, bookedOrders: 1, cancelledOrders: 0, openOffers: 0 });
    expect(d.handle({ type: 'replanNow' }).planRequest).toBeUndefined(); // booked beyond the plan-ahead time

    clock.advance(3 * 60 * MIN_MS - 5 * MIN_MS); // ready in 5 minutes: planned and offered again
    const again = solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result;
    expect(all(again, 'offer.created')).toEqual([expect.objectContaining({ courierId: 'c1', orderIds: ['o1'] })]);
  });

  it('refuses an order added twice while it is still open', () => {
    const d = makeDispatcher(testClock());
    d.handle({ type: 'orderAdded', order: order(1) });
    expect(() => d.handle({ type: 'orderAdded', order: bookedFor(1, 0) })).toThrow(InputError);
    expect(d.order('o1').order.placedAtMs).toBeUndefined();
  });
});
