import { describe, expect, it } from 'vitest';
import { EngineError, type DispatchEvent, type DispatchResult } from '../../../engine/index.js';
import { courier, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const types = (r: DispatchResult): string[] => r.events.map((e) => e.type);
const find = <T extends DispatchEvent['type']>(r: DispatchResult, type: T) => r.events.find((e) => e.type === type) as Extract<DispatchEvent, { type: T }> | undefined;
const position = (atMs: number, dLat = -0.001) => ({ lon: MARKET.lon, lat: MARKET.lat + dLat, atMs });

function market(config = {}) {
  const clock = testClock();
  const d = makeDispatcher(clock, config);
  const online = (id: string, fleet: 'ojol' | 'pangkalan' = 'pangkalan') => d.handle({ type: 'courierAvailable', courier: courier(id, fleet), position: position(clock.nowMs) });
  return { clock, d, online };
}

describe('MarketDispatcher batching', () => {
  it('plans when the batching window closes, not before', () => {
    const { clock, d, online } = market();
    online('c1');
    d.handle({ type: 'orderAdded', order: order(1) });
    clock.advance(29_000);
    expect(d.handle({ type: 'tick' }).planRequest).toBeUndefined();
    clock.advance(1_000);
    const r = d.handle({ type: 'tick' });
    expect(r.planRequest?.snapshot.reason).toBe('window');
    expect(find(r, 'plan.requested')).toMatchObject({ orderCount: 1, courierCount: 1 });
  });

  it('prices each order from when its customer placed it (a reloaded order, an exchange), else from when it arrived', () => {
    const { clock, d, online } = market();
    const placedAtMs = clock.nowMs - 40 * 60_000;
    d.handle({ type: 'orderAdded', order: { ...order(1), placedAtMs } });
    clock.advance(5_000);
    d.handle({ type: 'orderAdded', order: order(2) });
    const arrivedAtMs = clock.nowMs;
    const created = Object.fromEntries(online('c1').planRequest!.snapshot.orders.map((o) => [o.order.id, o.createdAtMs]));
    expect(created).toEqual({ o1: placedAtMs, o2: arrivedAtMs });
  });

  it('asks plans to price an ojol courier\'s ride back to the market when the market turned it on', () => {
    for (const [config, expected] of [[{ priceRideBack: true }, { lon: MARKET.lon, lat: MARKET.lat }], [{}, undefined]] as const) {
      const { d, online } = market(config);
      d.handle({ type: 'orderAdded', order: order(1) });
      expect(online('c1', 'ojol').planRequest!.snapshot.rideBackTo).toEqual(expected);
    }
  });

  it('gives an order whose goods a courier holds (an exchange) to that courier, to anyone once it has gone', () => {
    const { d, online } = market();
    online('c1');
    online('c2');
    d.handle({ type: 'orderAdded', order: { ...order(1), heldByCourierId: 'c2' } });
    const request = d.handle({ type: 'replanNow' }).planRequest!;
    expect(request.snapshot.orders.find((o) => o.order.id === 'o1')?.lockedCourierId).toBe('c2');
    expect(find(solveWith(d, request).result, 'offer.created')).toMatchObject({ courierId: 'c2', orderIds: ['o1'] });

    const later = market();
    later.online('c1');
    later.d.handle({ type: 'orderAdded', order: { ...order(1), heldByCourierId: 'c2' } });
    const alone = later.d.handle({ type: 'replanNow' }).planRequest!;
    expect(alone.snapshot.orders.find((o) => o.order.id === 'o1')?.lockedCourierId).toBeUndefined();
    expect(find(solveWith(later.d, alone).result, 'offer.created')).toMatchObject({ courierId: 'c1', orderIds: ['o1'] });
  });

  it('plans as soon as N orders wait', () => {
    const { d, online } = market({ batchMaxOrders: 3 });
    online('c1');
    d.handle({ type: 'orderAdded', order: order(1) });
    d.handle({ type: 'orderAdded', order: order(2) });
    expect(d.handle({ type: 'orderAdded', order: order(3) }).planRequest?.snapshot.reason).toBe('batch_full');
  });

  it('plans when a courier turns idle while orders wait', () => {
    const { d, online } = market();
    d.handle({ type: 'orderAdded', order: order(1) });
    const r = online('c1');
    expect(types(r)).toContain('courier.idle');
    expect(r.planRequest?.snapshot.reason).toBe('courier_idle');
  });

  it('never plans a market twice at once: a trigger during a solve is deferred', () => {
    const { d, online } = market();
    d.handle({ type: 'orderAdded', order: order(1) });
    const first = online('c1').planRequest!;
    online('c2');
    d.handle({ type: 'orderAdded', order: order(2) });
    expect(d.handle({ type: 'replanNow' }).planRequest).toBeUndefined();
    expect(d.planInFlight?.planId).toBe(first.planId);
    const { result } = solveWith(d, first);
    expect(result.planRequest?.snapshot.reason).toBe('courier_idle'); // the first deferred trigger
    expect(result.planRequest?.snapshot.orders.map((o) => o.order.id)).toEqual(['o2']);
  });

  it('ignores a stale solver answer', () => {
    const { d, online } = market();
    d.handle({ type: 'orderAdded', order: order(1) });
    online('c1');
    expect(d.planReady('plan_other', { routes: [], unassigned: [], cost: {} as never }, {}).events).toEqual([]);
  });
});

describe('MarketDispatcher offers', () => {
  function offered() {
    const m = market();
    m.d.handle({ type: 'orderAdded', order: order(1, 2) });
    const { result } = solveWith(m.d, m.online('c1').planRequest!);
    return { ...m, result, offer: find(result, 'offer.created')! };
  }

  it('offers each planned route to its courier with a TTL, fees and ETAs', () => {
    const { clock, result, offer } = offered();
    expect(types(result)[0]).toBe('plan.updated');
    expect(offer).toMatchObject({ courierId: 'c1', orderIds: ['o1'], expiresAtMs: clock.nowMs + 45_000 });
    expect(offer.stops.map((s) => s.stopId)).toEqual(['o1_p0', 'o1_p1', 'o1_d']);
    expect(offer.stops[0].etaMs).toBeGreaterThan(clock.nowMs);
    expect(offer.stops[2].etaMs).toBeGreaterThan(offer.stops[1].etaMs);
    expect(offer.feesRp.o1).toBe(8_000);
  });

  it('assigns on accept and never twice', () => {
    const { d, offer } = offered();
    const r = d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c1' });
    expect(types(r)).toEqual(expect.arrayContaining(['offer.accepted', 'order.assigned', 'route.updated']));
    expect(find(r, 'route.updated')!.codDueRp).toBe(50_000);
    expect(() => d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c1' })).toThrow(expect.objectContaining({ code: 'offer_not_open' }));
    expect(d.orders.get('o1')).toMatchObject({ status: 'assigned', courierId: 'c1', feeRp: 8_000 });
  });

  it('rejects an accept by another courier', () => {
    const { d, offer, online } = offered();
    online('c2');
    expect(() => d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c2' })).toThrow(EngineError);
  });

  it('re-plans without the courier who declined', () => {
    const { d, offer, online } = offered();
    online('c2');
    const r = d.handle({ type: 'offerDeclined', offerId: offer.offerId, courierId: 'c1' });
    expect(types(r)).toEqual(expect.arrayContaining(['offer.declined', 'order.pending', 'plan.requested']));
    expect(r.planRequest!.snapshot.exclusions).toEqual({ o1: ['c1'] });
    const next = find(solveWith(d, r.planRequest!).result, 'offer.created')!;
    expect(next.courierId).toBe('c2');
  });

  it('expires an unanswered offer, re-plans and cools the courier down', () => {
    const { clock, d, offer, online } = offered();
    online('c2');
    clock.advance(45_000);
    const r = d.handle({ type: 'tick' });
    expect(find(r, 'offer.expired')).toMatchObject({ offerId: offer.offerId, orderIds: ['o1'] });
    expect(r.planRequest!.snapshot.exclusions.o1).toEqual(['c1']);
    expect(() => d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c1' })).toThrow(expect.objectContaining({ code: 'offer_not_open' }));
  });

  it('a late accept after the TTL is refused and the expiry still comes out', () => {
    const { clock, d, offer } = offered();
    clock.advance(46_000);
    expect(() => d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c1' })).toThrow(expect.objectContaining({ code: 'offer_not_open' }));
    expect(types(d.handle({ type: 'tick' }))).toContain('offer.expired');
    expect(d.orders.get('o1')!.status).toBe('pending');
  });

  it('withdraws the offer when its order is cancelled', () => {
    const { d, offer } = offered();
    const r = d.handle({ type: 'orderCancelled', orderId: 'o1' });
    expect(find(r, 'offer.withdrawn')).toMatchObject({ offerId: offer.offerId, reason: 'order_cancelled' });
    expect(d.orders.get('o1')!.status).toBe('cancelled');
    expect(d.couriers.get('c1')!.offerId).toBeUndefined();
  });
});

describe('MarketDispatcher progress and re-planning', () => {
  function assigned() {
    const m = market();
    m.d.handle({ type: 'orderAdded', order: order(1, 2) });
    const offer = find(solveWith(m.d, m.online('c1').planRequest!).result, 'offer.created')!;
    m.d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c1' });
    return m;
  }

  it('walks stops to delivery with COD and turns the courier idle', () => {
    const { d } = assigned();
    expect(types(d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_p0', outcome: 'done' }))).toContain('order.picked_up');
    d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_p1', outcome: 'done' });
    const r = d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_d', outcome: 'done', codCollectedRp: 48_000 });
    expect(find(r, 'order.delivered')).toMatchObject({ orderId: 'o1', codCollectedRp: 48_000 });
    expect(types(r)).toContain('courier.idle');
    expect(d.codTotals()).toEqual([{ courierId: 'c1', dueRp: 0, collectedRp: 48_000 }]);
    expect(d.kpi()).toMatchObject({ deliveredOrders: 1, idleCouriers: 1 });
  });

  it('freezes goods on board and the stop being driven to when it re-plans', () => {
    const { d } = assigned();
    d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_p0', outcome: 'done' });
    d.handle({ type: 'orderAdded', order: order(2) });
    const snapshot = d.handle({ type: 'replanNow' }).planRequest!.snapshot;
    expect(snapshot.orders.find((o) => o.order.id === 'o1')).toMatchObject({ lockedCourierId: 'c1', donePickupIds: ['o1_p0'] });
    expect(snapshot.couriers[0].routeStopIds).toEqual(['o1_p1', 'o1_d']);
    expect(snapshot.previousAssignment).toEqual({ o1: 'c1' });
    const r = solveWith(d, { planId: snapshot.planId, snapshot }).result;
    const offer = find(r, 'offer.created')!;
    expect(offer.orderIds).toEqual(['o2']);
    expect(offer.stops[0].stopId).toBe('o1_p1');
    expect(offer.stops.map((s) => s.stopId)).toEqual(expect.arrayContaining(['o1_d', 'o2_p0', 'o2_d']));
  });

  it('keeps accepted stops when a new offer is declined', () => {
    const { d } = assigned();
    d.handle({ type: 'orderAdded', order: order(2) });
    const offer = find(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result, 'offer.created')!;
    d.handle({ type: 'offerDeclined', offerId: offer.offerId, courierId: 'c1' });
    expect(d.couriers.get('c1')!.route.map((s) => s.stopId)).toEqual(['o1_p0', 'o1_p1', 'o1_d']);
  });

  it('refuses to move goods on board; unassigns and force-assigns otherwise', () => {
    const { d, online } = assigned();
    online('c2');
    const r = d.handle({ type: 'forceAssign', orderId: 'o1', courierId: 'c2' });
    expect(find(r, 'order.unassigned')).toMatchObject({ courierId: 'c1', reason: 'force_assigned' });
    expect(find(r, 'order.assigned')).toMatchObject({ courierId: 'c2', forced: true });
    expect(d.couriers.get('c2')!.route.map((s) => s.stopId)).toEqual(['o1_p0', 'o1_p1', 'o1_d']);
    d.handle({ type: 'stopCompleted', courierId: 'c2', stopId: 'o1_p0', outcome: 'done' });
    expect(() => d.handle({ type: 'unassign', orderId: 'o1' })).toThrow(expect.objectContaining({ code: 'goods_on_board' }));
  });

  it('pins an order to a courier for the next plan', () => {
    const { d, online } = market();
    online('c1');
    online('c2');
    d.handle({ type: 'orderAdded', order: order(1) });
    d.handle({ type: 'pin', orderId: 'o1', courierId: 'c2' });
    const snapshot = d.handle({ type: 'replanNow' }).planRequest!.snapshot;
    expect(snapshot.orders[0].lockedCourierId).toBe('c2');
  });

  it('pausing a courier withdraws its offer and keeps it out of new work', () => {
    const { d, online } = market();
    online('c1');
    d.handle({ type: 'orderAdded', order: order(1) });
    const offer = find(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result, 'offer.created')!;
    const r = d.handle({ type: 'courierPaused', courierId: 'c1', paused: true });
    expect(find(r, 'offer.withdrawn')?.offerId).toBe(offer.offerId);
    expect(r.planRequest).toBeUndefined(); // no courier left to plan with
  });

  it('refreshes ETAs from positions and flags stale couriers', () => {
    const { clock, d } = assigned();
    const before = d.couriers.get('c1')!.route[0].etaMs;
    clock.advance(120_000);
    const r = d.handle({ type: 'courierPosition', courierId: 'c1', position: position(clock.nowMs, -0.01) });
    expect(types(r)).toEqual(expect.arrayContaining(['courier.position', 'eta.updated']));
    expect(d.couriers.get('c1')!.route[0].etaMs).toBeGreaterThan(before);
    clock.advance(121_000);
    expect(find(d.handle({ type: 'tick' }), 'courier.stale')).toMatchObject({ courierId: 'c1' });
    expect(types(d.handle({ type: 'tick' }))).not.toContain('courier.stale');
  });
});

describe('MarketDispatcher under an external system of record', () => {
  it('expires and withdraws offers on command and can keep busy couriers out of new offers', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { offerToBusyCouriers: false });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: position(clock.nowMs) });
    d.handle({ type: 'courierAvailable', courier: courier('c2'), position: position(clock.nowMs) });
    d.handle({ type: 'orderAdded', order: order(1) });
    d.handle({ type: 'pin', orderId: 'o1', courierId: 'c1' });
    const offer = find(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result, 'offer.created')!;
    const withdrawn = d.handle({ type: 'offerWithdrawn', offerId: offer.offerId, reason: 'store_refused' });
    expect(find(withdrawn, 'offer.withdrawn')?.reason).toBe('store_refused');
    expect(d.orders.get('o1')!.excludedCourierIds.size).toBe(0);
    const again = find(solveWith(d, withdrawn.planRequest!).result, 'offer.created')!;
    const expired = d.handle({ type: 'offerExpired', offerId: again.offerId });
    expect(find(expired, 'offer.expired')?.offerId).toBe(again.offerId);
    expect(d.handle({ type: 'offerExpired', offerId: again.offerId }).events.some((e) => e.type === 'offer.expired')).toBe(false);
  });

  it('can keep couriers with an accepted route out of new offers', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { offerToBusyCouriers: false });
    d.handle({ type: 'courierAvailable', courier: courier('c1'), position: position(clock.nowMs) });
    d.handle({ type: 'courierAvailable', courier: courier('c2'), position: position(clock.nowMs) });
    d.handle({ type: 'orderAdded', order: order(1) });
    d.handle({ type: 'forceAssign', orderId: 'o1', courierId: 'c2' });
    d.handle({ type: 'orderAdded', order: order(2) });
    const snapshot = d.handle({ type: 'replanNow' }).planRequest!.snapshot;
    expect(snapshot.exclusions.o2).toEqual(['c2']);
    expect(snapshot.orders.find((o) => o.order.id === 'o1')?.lockedCourierId).toBe('c2');
  });
});
