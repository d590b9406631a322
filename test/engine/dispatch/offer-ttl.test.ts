import { describe, expect, it } from 'vitest';
import { OfferAnswerTimes } from '../../../engine/dispatch/offer-ttl.js';
import type { DispatchEvent, DispatchResult } from '../../../engine/index.js';
import { courier, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const SETTINGS = { offerTtlMs: 45_000, offerTtlMaxMs: 90_000 };
const at = (atMs: number) => ({ lon: MARKET.lon, lat: MARKET.lat, atMs });
const offerOf = (r: DispatchResult) => r.events.find((e): e is Extract<DispatchEvent, { type: 'offer.created' }> => e.type === 'offer.created');

describe('offer TTL per fleet', () => {
  it('stays at the market setting while answers come well inside it', () => {
    const times = new OfferAnswerTimes();
    expect(times.ttlMs('ojol', SETTINGS)).toBe(45_000);
    for (const answerMs of [5_000, 20_000, 30_000]) times.record('ojol', answerMs);
    expect(times.ttlMs('ojol', SETTINGS)).toBe(45_000);
  });

  it('grows to the slowest recent answer plus a quarter, up to the maximum, and only for that fleet', () => {
    const times = new OfferAnswerTimes();
    times.record('ojol', 44_000);
    expect(times.ttlMs('ojol', SETTINGS)).toBe(55_000);
    times.record('ojol', 80_000);
    expect(times.ttlMs('ojol', SETTINGS)).toBe(90_000);
    expect(times.ttlMs('pangkalan', SETTINGS)).toBe(45_000);
    expect(times.ttlMs('ojol', { offerTtlMs: 45_000, offerTtlMaxMs: 45_000 })).toBe(45_000); // adaptation off
  });

  it('forgets a slow answer once sixteen newer ones came quickly', () => {
    const times = new OfferAnswerTimes();
    times.record('ojol', 60_000);
    for (let n = 0; n < 15; n++) times.record('ojol', 10_000);
    expect(times.ttlMs('ojol', SETTINGS)).toBe(75_000);
    times.record('ojol', 10_000);
    expect(times.ttlMs('ojol', SETTINGS)).toBe(45_000);
  });
});

describe('offers of a market whose couriers answer late', () => {
  function dispatcher(offerTtlMaxMs: number) {
    const clock = testClock();
    const d = makeDispatcher(clock, { offerTtlMs: 45_000, offerTtlMaxMs, offerCooldownMs: 0 });
    d.handle({ type: 'courierAvailable', courier: courier('c1', 'ojol'), position: at(clock.nowMs) });
    return { clock, d };
  }

  it('gives the next offer to the fleet longer once one expired unanswered', () => {
    const { clock, d } = dispatcher(90_000);
    d.handle({ type: 'orderAdded', order: order(1) });
    const first = offerOf(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result)!;
    expect(first.expiresAtMs - clock.nowMs).toBe(45_000);
    clock.advance(45_000);
    const expired = d.handle({ type: 'tick' });
    expect(expired.events.some((e) => e.type === 'offer.expired')).toBe(true);
    expect(offerOf(solveWith(d, expired.planRequest!).result)).toBeUndefined(); // o1 is no longer c1's to take
    d.handle({ type: 'orderAdded', order: order(2) });
    const second = offerOf(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result)!;
    expect(second.orderIds).toEqual(['o2']);
    expect(second.expiresAtMs - clock.nowMs).toBe(56_250);
  });

  it('keeps every offer at the setting when the maximum equals it', () => {
    const { clock, d } = dispatcher(45_000);
    d.handle({ type: 'orderAdded', order: order(1) });
    const first = offerOf(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result)!;
    clock.advance(45_000);
    solveWith(d, d.handle({ type: 'tick' }).planRequest!);
    d.handle({ type: 'orderAdded', order: order(2) });
    const second = offerOf(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result)!;
    expect([first.expiresAtMs - first.atMs, second.expiresAtMs - second.atMs]).toEqual([45_000, 45_000]);
  });

  it('learns from answers in time too: a decline after 40 s makes the next offer to the fleet 50 s', () => {
    const { clock, d } = dispatcher(90_000);
    d.handle({ type: 'courierAvailable', courier: courier('c2', 'ojol'), position: at(clock.nowMs) });
    d.handle({ type: 'orderAdded', order: order(1) });
    const first = offerOf(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result)!;
    clock.advance(40_000);
    const declined = d.handle({ type: 'offerDeclined', offerId: first.offerId, courierId: first.courierId });
    const second = offerOf(solveWith(d, declined.planRequest!).result)!;
    expect(second.courierId).not.toBe(first.courierId);
    expect(second.expiresAtMs - second.atMs).toBe(50_000);
  });
});
