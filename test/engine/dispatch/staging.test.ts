import { describe, expect, it } from 'vitest';
import type { DispatchEvent } from '../../../engine/index.js';
import { courier, makeDispatcher, MARKET, order, testClock } from './tiny-market.js';

/** A point `km` kilometres north of the market. */
const north = (km: number, atMs: number) => ({ lon: MARKET.lon, lat: MARKET.lat + km / 111.2, atMs });
const STAGING = { radiusM: 1_000, lookaheadMs: 20 * 60_000, followCheckMs: 4 * 60_000, approachM: 300, recallAfterMs: 10 * 60_000 };
const calls = (events: readonly DispatchEvent[]) => events.filter((e) => e.type === 'courier.staging').map((e) => e.type === 'courier.staging' ? e.courierId : '');

/** Idle ojol couriers `calledId` 4 km out and `other` 6 km out; an order arrives and `calledId` alone is called. */
function oneCalled(calledId: string) {
  const clock = testClock();
  const d = makeDispatcher(clock, { staging: STAGING });
  d.handle({ type: 'courierAvailable', courier: courier(calledId, 'ojol'), position: north(4, clock.nowMs) });
  d.handle({ type: 'courierAvailable', courier: courier('other', 'ojol'), position: north(6, clock.nowMs) });
  expect(calls(d.handle({ type: 'orderAdded', order: order(1) }).events)).toEqual([calledId]);
  return { clock, d };
}

describe('asking idle ojol couriers to wait at the market', () => {
  it('calls the nearest far idle ojol to the market when an order waits and nobody waits near', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { staging: STAGING });
    d.handle({ type: 'courierAvailable', courier: courier('far', 'ojol'), position: north(4, clock.nowMs) });
    d.handle({ type: 'courierAvailable', courier: courier('farther', 'ojol'), position: north(6, clock.nowMs) });
    const { events } = d.handle({ type: 'orderAdded', order: order(1) });
    expect(calls(events)).toEqual(['far']);
    const call = events.find((e) => e.type === 'courier.staging');
    expect(call).toMatchObject({ lon: MARKET.lon, lat: MARKET.lat });
  });

  it('calls nobody when an idle courier already waits near the market', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { staging: STAGING });
    d.handle({ type: 'courierAvailable', courier: courier('near', 'ojol'), position: north(0.3, clock.nowMs) });
    d.handle({ type: 'courierAvailable', courier: courier('far', 'ojol'), position: north(4, clock.nowMs) });
    expect(calls(d.handle({ type: 'orderAdded', order: order(1) }).events)).toEqual([]);
  });

  it('calls one courier per waiting order plus one per order the last hour\'s rate brings in twenty minutes, each once', () => {
    const clock = testClock();
    // The called couriers send no positions: their calls are taken on trust for the whole hour.
    const d = makeDispatcher(clock, { staging: { ...STAGING, followCheckMs: 3_600_000 }, batchWindowMs: 3_600_000, batchMaxOrders: 100 });
    for (let n = 1; n <= 6; n++) d.handle({ type: 'courierAvailable', courier: courier(`c${n}`, 'ojol'), position: north(2 + n, clock.nowMs) });
    const called: string[] = [];
    // One order every six minutes, each gone at once: the n-th finds n in the last hour, so 1 + ⌊n / 3⌋ couriers wanted.
    for (let n = 1; n <= 9; n++) {
      called.push(...calls(d.handle({ type: 'orderAdded', order: order(n) }).events));
      d.order(`o${n}`).status = 'cancelled';
      clock.advance(6 * 60_000);
    }
    expect(called).toEqual(['c1', 'c2', 'c3', 'c4']); // at the 1st, 3rd, 6th and 9th order
  });

  it('calls a courier again after it has worked and turned idle far away', () => {
    const clock = testClock();
    const d = makeDispatcher(clock, { staging: STAGING });
    d.handle({ type: 'courierAvailable', courier: courier('far', 'ojol'), position: north(4, clock.nowMs) });
    expect(calls(d.handle({ type: 'orderAdded', order: order(1) }).events)).toEqual(['far']);
    expect(calls(d.handle({ type: 'orderAdded', order: order(2) }).events)).toEqual([]); // already on its way
    const c = d.courier('far');
    c.route = [{ stopId: 'o1_d', orderId: 'o1', kind: 'delivery', lon: MARKET.lon, lat: MARKET.lat + 0.04, etaMs: clock.nowMs }];
    c.idleSinceMs = undefined;
    d.order('o1').status = 'assigned';
    d.order('o1').courierId = 'far';
    clock.advance(600_000);
    const done = d.handle({ type: 'stopCompleted', courierId: 'far', stopId: 'o1_d', outcome: 'done' });
    expect(calls(done.events)).toEqual(['far']); // o2 still waits and nobody is near
  });

  it('never calls a courier with a base (a pangkalan courier goes home by itself), nor when staging is off', () => {
    const clock = testClock();
    const based = { ...courier('p1', 'pangkalan'), base: { lon: MARKET.lon, lat: MARKET.lat } };
    const d = makeDispatcher(clock, { staging: STAGING });
    d.handle({ type: 'courierAvailable', courier: based, position: north(4, clock.nowMs) });
    expect(calls(d.handle({ type: 'orderAdded', order: order(1) }).events)).toEqual([]);
    const off = makeDispatcher(clock, { staging: null });
    off.handle({ type: 'courierAvailable', courier: courier('far', 'ojol'), position: north(4, clock.nowMs) });
    expect(calls(off.handle({ type: 'orderAdded', order: order(1) }).events)).toEqual([]);
  });

  it('calls another courier when the one called shows no sign of coming, and calls it again later', () => {
    const { clock, d } = oneCalled('stays');
    // Its positions keep it 4 km out: within the follow check it still counts as coming.
    clock.advance(STAGING.followCheckMs - 1_000);
    d.handle({ type: 'courierPosition', courierId: 'stays', position: north(4, clock.nowMs) });
    expect(calls(d.handle({ type: 'tick' }).events)).toEqual([]);
    clock.advance(1_000);
    expect(calls(d.handle({ type: 'tick' }).events)).toEqual(['other']);
    expect(calls(d.handle({ type: 'tick' }).events)).toEqual([]); // the lapse is counted once
    // `other` does not come either; once the recall time has passed since each call, each is asked again.
    clock.advance(STAGING.recallAfterMs - STAGING.followCheckMs);
    expect(calls(d.handle({ type: 'tick' }).events)).toEqual(['stays']);
  });

  it('keeps counting a called courier whose positions come closer, and calls nobody else', () => {
    const { clock, d } = oneCalled('coming');
    clock.advance(STAGING.followCheckMs + 60_000);
    d.handle({ type: 'courierPosition', courierId: 'coming', position: north(4 - (STAGING.approachM + 100) / 1000, clock.nowMs) });
    expect(calls(d.handle({ type: 'tick' }).events)).toEqual([]);
  });
});
