// The hour a customer was last told: `toldEtaChanged` moves an accepted order's told hour, later plans price the door
// against the new hour, and an order no courier holds is refused with a stable code, leaving the market as it was.
import { describe, expect, it } from 'vitest';
import { buildProblem, InputError, planLocations, solve, type DispatchEvent, type DispatchResult, type MarketDispatcher, type ProblemInput } from '../../../engine/index.js';
import { courier, haversineMatrix, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const MIN_MS = 60_000;
const realSolve = (problem: ProblemInput) => solve(problem, { maxIterations: 200, seed: 7 }).solution;
const all = <T extends DispatchEvent['type']>(r: DispatchResult, type: T) => r.events.filter((e) => e.type === type) as Extract<DispatchEvent, { type: T }>[];

/** c1 accepted o1; half an hour later it has not moved, so any plan now brings o1's door well past the hour told; o2 waits. */
function acceptedLongAgo() {
  const clock = testClock();
  const d = makeDispatcher(clock, { clickToDoor: null, toldHour: { slackMs: 10 * MIN_MS, costPerS: 6 } });
  d.handle({ type: 'courierAvailable', courier: courier('c1'), position: { ...MARKET, atMs: clock.nowMs } });
  d.handle({ type: 'orderAdded', order: order(1) });
  const offer = all(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!).result, 'offer.created')[0];
  d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c1' });
  clock.advance(30 * MIN_MS);
  d.handle({ type: 'orderAdded', order: order(2) }); // pending: the plans below are for it, and nobody told it an hour
  return { d, clock, acceptedEtaMs: d.orders.get('o1')!.toldEtaMs! };
}

/** The next plan, priced and dropped (o2 keeps it pending): its told-hour cost (the only service term here), o1's told arrival. */
function nextPlan(d: MarketDispatcher) {
  const request = d.handle({ type: 'replanNow' }).planRequest!;
  const built = buildProblem(request.snapshot, haversineMatrix(planLocations(request.snapshot).points), d.config);
  const solution = realSolve(built.problem);
  d.planFailed(request.planId, 'priced only');
  return { toldCost: solution.cost.service ?? 0, toldArrivalS: built.problem.orders.find((o) => o.id === 'o1')?.toldArrivalS };
}

describe('a new hour told to the customer of an accepted order', () => {
  it('is the hour later plans keep: past the acceptance hour the plan pays, past the new later hour it does not', () => {
    const { d, clock, acceptedEtaMs } = acceptedLongAgo();
    const before = nextPlan(d);
    expect(before.toldArrivalS).toBe(Math.round((acceptedEtaMs - clock.nowMs) / 1000));
    expect(before.toldCost).toBeGreaterThan(6 * 10 * 60); // the door comes more than 10 minutes past hour + slack

    const newHourMs = clock.nowMs + 20 * MIN_MS; // the WhatsApp update told the customer a later hour
    expect(d.handle({ type: 'toldEtaChanged', orderId: 'o1', toldEtaMs: newHourMs })).toEqual({ events: [] });
    expect(d.orders.get('o1')!.toldEtaMs).toBe(newHourMs);
    const after = nextPlan(d);
    expect(after.toldArrivalS).toBe(20 * 60);
    expect(after.toldCost).toBe(0);
  });

  it('is refused for an unknown order and for one no courier holds, changing nothing', () => {
    const { d, clock, acceptedEtaMs } = acceptedLongAgo();
    const refusal = (orderId: string, toldEtaMs = clock.nowMs) => {
      try {
        d.handle({ type: 'toldEtaChanged', orderId, toldEtaMs });
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).code;
      }
      return 'accepted';
    };
    expect(refusal('o9')).toBe('order_not_found');
    expect(refusal('o2')).toBe('order_not_accepted');
    expect(refusal('o1', Number.NaN)).toBe('invalid_told_eta');
    expect(d.orders.get('o2')!.toldEtaMs).toBeUndefined();
    expect(d.orders.get('o1')!.toldEtaMs).toBe(acceptedEtaMs);

    // Delivered, the order is no longer its courier's to keep an hour for.
    d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_p0', outcome: 'done' });
    d.handle({ type: 'stopCompleted', courierId: 'c1', stopId: 'o1_d', outcome: 'done' });
    expect(refusal('o1')).toBe('order_not_accepted');
    expect(d.orders.get('o1')!.toldEtaMs).toBe(acceptedEtaMs);
  });
});
