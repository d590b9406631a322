// The hour a customer is told: the delivery ETA on the route its courier accepted, carried into every later plan of
// the order as its told arrival, priced there when the market keeps told hours.
import { describe, expect, it } from 'vitest';
import { type DispatchEvent, type DispatchResult } from '../../../engine/index.js';
import { courier, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const all = <T extends DispatchEvent['type']>(r: DispatchResult, type: T) => r.events.filter((e) => e.type === type) as Extract<DispatchEvent, { type: T }>[];

function acceptedThenNew(config = {}) {
  const clock = testClock();
  const d = makeDispatcher(clock, config);
  d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: clock.nowMs } });
  d.handle({ type: 'orderAdded', order: order(1) });
  const offer = all(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result, 'offer.created')[0];
  clock.advance(30_000); // the courier answers half a minute later
  d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c1' });
  d.handle({ type: 'orderAdded', order: order(2) });
  return { d, clock, offer, request: d.handle({ type: 'replanNow' }).planRequest! };
}

describe('the told hour', () => {
  it('is the delivery ETA of the route the courier accepted, and reaches the next plan as the order\'s told arrival', () => {
    const { d, clock, offer, request } = acceptedThenNew({ toldHour: { slackMs: 5 * 60_000, costPerS: 6 } });
    const toldEtaMs = offer.stops.find((s) => s.stopId === 'o1_d')!.etaMs;
    expect(d.orders.get('o1')!.toldEtaMs).toBe(toldEtaMs);
    expect(request.snapshot.orders.find((o) => o.order.id === 'o1')?.toldEtaMs).toBe(toldEtaMs);
    expect(request.snapshot.orders.find((o) => o.order.id === 'o2')?.toldEtaMs).toBeUndefined(); // nobody accepted it yet
    const { built } = solveWith(d, request);
    expect(built.problem.orders.find((o) => o.id === 'o1')?.toldArrivalS).toBe(Math.round((toldEtaMs - clock.nowMs) / 1000));
    expect(built.problem.orders.find((o) => o.id === 'o2')?.toldArrivalS).toBeUndefined();
    expect(built.problem.objective?.toldHour).toEqual({ slackS: 300, costPerS: 6 });
  });

  it('is remembered but not priced when the market does not keep told hours', () => {
    const { request, d } = acceptedThenNew({ toldHour: null });
    expect(request.snapshot.orders.find((o) => o.order.id === 'o1')?.toldEtaMs).toBeGreaterThan(0);
    expect(solveWith(d, request).built.problem.objective?.toldHour).toBeUndefined();
  });
});
