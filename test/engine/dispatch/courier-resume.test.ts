// A dispatcher that starts again takes back a courier on its accepted route: it plans the next order as the dispatcher
// that never stopped would, follows the courier's stops to the door, and refuses a resume that does not add up.
import { describe, expect, it } from 'vitest';
import { type DispatchEvent, type DispatchResult, type MarketDispatcher, type PlanRequest } from '../../../engine/index.js';
import { courier, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const all = <T extends DispatchEvent['type']>(r: DispatchResult, type: T) => r.events.filter((e) => e.type === type) as Extract<DispatchEvent, { type: T }>[];

/** c1 accepted o1 (two stalls) and has served its first stall. */
function busyCourier(clock: ReturnType<typeof testClock>): MarketDispatcher {
  const d = makeDispatcher(clock);
  d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: clock.nowMs } });
  d.handle({ type: 'orderAdded', order: { ...order(1, 2), placedAtMs: clock.nowMs - 60_000 } }); // the store knows when it was placed
  const offer = all(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result, 'offer.created')[0];
  clock.advance(20_000);
  d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c1' });
  d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_p0', outcome: 'done' });
  return d;
}

/** The same courier and order, given to a fresh dispatcher as the store would after a restart. */
function resumedFrom(before: MarketDispatcher, clock: ReturnType<typeof testClock>): MarketDispatcher {
  const c = before.couriers.get('c1')!;
  const o = before.orders.get('o1')!;
  const d = makeDispatcher(clock);
  const r = d.handle({
    type: 'courierResumed', courier: c.courier, position: c.position, route: c.route,
    orders: [{ order: o.order, feeRp: o.feeRp!, toldEtaMs: o.toldEtaMs!, donePickupIds: [...o.donePickupIds] }],
  });
  expect(r.events).toEqual([]); // nothing new to announce: the store holds the route
  return d;
}

const planOfNext = (d: MarketDispatcher): PlanRequest => {
  d.handle({ type: 'orderAdded', order: order(2) });
  return d.handle({ type: 'replanNow' }).planRequest!;
};

describe('a courier resumed on its accepted route', () => {
  it('is planned with its order as if the dispatcher had never stopped: locked to it, first stall served, told hour kept', () => {
    const clock = testClock();
    const before = busyCourier(clock);
    const after = resumedFrom(before, clock);
    expect(after.orders.get('o1')).toMatchObject({ status: 'assigned', courierId: 'c1', feeRp: before.orders.get('o1')!.feeRp });
    expect(after.couriers.get('c1')!.route.map((s) => s.stopId)).toEqual(['o1_p1', 'o1_d']);
    const [a, b] = [planOfNext(before).snapshot, planOfNext(after).snapshot];
    expect(b.couriers.map((c) => [c.courier.id, c.routeStopIds])).toEqual(a.couriers.map((c) => [c.courier.id, c.routeStopIds]));
    const resumedOrder = b.orders.find((o) => o.order.id === 'o1')!;
    expect(resumedOrder).toEqual(a.orders.find((o) => o.order.id === 'o1'));
    expect(resumedOrder).toMatchObject({ lockedCourierId: 'c1', donePickupIds: ['o1_p0'] });
    expect(resumedOrder.toldEtaMs).toBeGreaterThan(clock.nowMs);
  });

  it('follows the courier\'s remaining stops to the door and then waits for work', () => {
    const clock = testClock();
    const d = resumedFrom(busyCourier(clock), clock);
    d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_p1', outcome: 'done' });
    const done = d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_d', outcome: 'done' });
    expect(all(done, 'order.delivered')).toMatchObject([{ orderId: 'o1', codCollectedRp: 50_000 }]);
    expect(all(done, 'courier.idle')).toMatchObject([{ courierId: 'c1' }]);
    expect(d.couriers.get('c1')!.earnedRp).toBe(d.orders.get('o1')!.feeRp);
  });

  it('drops stops of orders already served and starts paused when the courier is on a break', () => {
    const clock = testClock();
    const before = busyCourier(clock);
    const c = before.couriers.get('c1')!;
    const o = before.orders.get('o1')!;
    const d = makeDispatcher(clock);
    d.handle({
      type: 'courierResumed', courier: c.courier, position: c.position, paused: true,
      route: [{ stopId: 'o1_p0', orderId: 'o1', kind: 'pickup', lon: MARKET.lon, lat: MARKET.lat, etaMs: clock.nowMs }, ...c.route],
      orders: [{ order: o.order, feeRp: 9_000, donePickupIds: ['o1_p0'] }],
    });
    expect(d.couriers.get('c1')).toMatchObject({ status: 'paused' });
    expect(d.couriers.get('c1')!.route.map((s) => s.stopId)).toEqual(['o1_p1', 'o1_d']);
    expect(d.orders.get('o1')!.toldEtaMs).toBeUndefined();
  });

  it('is refused, leaving the market as it was, for a courier already there or a stop of an order it does not hold', () => {
    const clock = testClock();
    const before = busyCourier(clock);
    const c = before.couriers.get('c1')!;
    const o = before.orders.get('o1')!;
    const held = [{ order: o.order, feeRp: 9_000, donePickupIds: [] }];
    expect(() => before.handle({ type: 'courierResumed', courier: c.courier, position: c.position, route: [], orders: [] })).toThrow(/already in market/);

    const d = makeDispatcher(clock);
    const stray = { stopId: 'o7_d', orderId: 'o7', kind: 'delivery' as const, lon: MARKET.lon, lat: MARKET.lat, etaMs: clock.nowMs };
    expect(() => d.handle({ type: 'courierResumed', courier: courier('c2'), position: c.position, route: [...c.route, stray], orders: held })).toThrow(/does not hold/);
    d.handle({ type: 'orderAdded', order: order(3) });
    expect(() => d.handle({ type: 'courierResumed', courier: courier('c2'), position: c.position, route: [], orders: [...held, { order: order(3), feeRp: 9_000, donePickupIds: [] }] })).toThrow(/already added/);
    expect([...d.orders.keys()]).toEqual(['o3']);
    expect(d.couriers.size).toBe(0);
  });
});
