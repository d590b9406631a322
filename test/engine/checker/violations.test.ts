// Checker negative tests: one broken rule per case, reported numbers re-synced so only that rule shows.
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../../engine/checker/index.js';
import type { CourierInput, OrderInput, PlannedRoute, PlannedStop, ProblemInput, Solution } from '../../../engine/model/problem-input.js';
import { tinyProblem, tinySolution } from './tiny-market.js';

const stop = (stopId: string, orderId: string, kind: 'pickup' | 'delivery', locationId: string): PlannedStop =>
  ({ stopId, orderId, kind, locationId, arrivalS: 0, serviceStartS: 0, departureS: 0, lateS: 0, loadAfter: [0, 0] });
const P1 = stop('p1', 'o1', 'pickup', 'S1');
const P2 = stop('p2', 'o1', 'pickup', 'S2');
const P3 = stop('p3', 'o2', 'pickup', 'S1');
const D1 = stop('d1', 'o1', 'delivery', 'H');
const D2 = stop('d2', 'o2', 'delivery', 'H');

/** A plan with the given stop sequences whose reported numbers are copied from the checker, so only rules can fail. */
function plan(input: ProblemInput, routes: Record<string, PlannedStop[]> | [string, PlannedStop[]][], unassigned: Solution['unassigned']): Solution {
  const entries = Array.isArray(routes) ? routes : Object.entries(routes);
  const draft: Solution = {
    routes: entries.map(([courierId, stops]): PlannedRoute => ({ courierId, stops, startS: 0, endS: 0, durationS: 0, distanceM: 0 })),
    unassigned,
    cost: { unassigned: 0, lateness: 0, fixed: 0, duration: 0, distance: 0, stability: 0, total: 0 },
  };
  const first = checkSolution(input, draft);
  const routesOut = draft.routes.map((route, r) => {
    const recomputed = first.recomputedRoutes[r];
    const byId = new Map(recomputed.stops.map((s) => [s.stopId, s]));
    return { ...recomputed, courierId: route.courierId, stops: route.stops.map((s) => ({ ...(byId.get(s.stopId) ?? s), orderId: s.orderId, kind: s.kind, locationId: s.locationId })) };
  });
  return { routes: routesOut, unassigned, cost: first.cost };
}

function codes(input: ProblemInput, solution: Solution): string[] {
  return [...new Set(checkSolution(input, solution).violations.map((v) => v.code))].sort();
}

const withOrder = (input: ProblemInput, i: number, patch: Partial<OrderInput>): ProblemInput =>
  ({ ...input, orders: input.orders.map((o, k) => (k === i ? { ...o, ...patch } : o)) });
const withCourier = (input: ProblemInput, i: number, patch: Partial<CourierInput>): ProblemInput =>
  ({ ...input, couriers: input.couriers.map((c, k) => (k === i ? { ...c, ...patch } : c)) });
const O2_OUT: Solution['unassigned'] = [{ orderId: 'o2', reason: 'not_inserted' }];

describe('checkSolution reports each broken rule', () => {
  const input = tinyProblem();

  it('the re-synced reference plan is clean', () => {
    expect(codes(input, plan(input, { c1: [P1, P2, D1] }, O2_OUT))).toEqual([]);
  });

  const cases: [string, () => [ProblemInput, Solution], string[]][] = [
    ['unknown_courier', () => [input, plan(input, { c1: [P1, P2, D1], cX: [P3, D2] }, [])], ['unknown_courier']],
    ['duplicate_route', () => [input, plan(input, [['c1', [P1, P2, D1]], ['c1', [P3, D2]]], [])], ['duplicate_route']],
    ['empty_route', () => [input, plan(input, { c1: [P1, P2, D1], c2: [] }, O2_OUT)], ['empty_route']],
    ['unknown_stop', () => [input, plan(input, { c1: [P1, P2, stop('zz', 'o1', 'pickup', 'S1'), D1] }, O2_OUT)], ['unknown_stop']],
    ['stop_mismatch', () => [input, plan(input, { c1: [P1, { ...P2, locationId: 'S1' }, D1] }, O2_OUT)], ['stop_mismatch']],
    ['duplicate_stop', () => [input, plan(input, { c1: [P1, P2, D1, D1] }, O2_OUT)], ['duplicate_stop']],
    ['done_pickup_planned', () => { const i = withOrder(input, 0, { donePickupIds: ['p1'], onBoardCourierId: 'c1' }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['done_pickup_planned']],
    ['unknown_order', () => [input, plan(input, { c1: [P1, P2, D1] }, [...O2_OUT, { orderId: 'oX', reason: 'capacity' }])], ['unknown_order']],
    ['invalid_reason', () => [input, plan(input, { c1: [P1, P2, D1] }, [{ orderId: 'o2', reason: 'bored' as never }])], ['invalid_reason']],
    ['order_missing', () => [input, plan(input, { c1: [P1, P2, D1] }, [])], ['order_missing']],
    ['order_duplicated (routed and unassigned)', () => [input, plan(input, { c1: [P1, P2, D1, P3, D2] }, O2_OUT)], ['order_duplicated']],
    ['order_duplicated (unassigned twice)', () => [input, plan(input, { c1: [P1, P2, D1] }, [...O2_OUT, ...O2_OUT])], ['order_duplicated']],
    // c2 delivers o1 without its pickups: split, and a delivery before its pickups on that courier.
    ['order_split', () => [input, plan(input, { c1: [P1, P2], c2: [D1] }, O2_OUT)], ['order_split', 'precedence']],
    ['order_incomplete', () => [input, plan(input, { c1: [P1, D1] }, O2_OUT)], ['order_incomplete', 'precedence']],
    ['precedence', () => [input, plan(input, { c1: [P1, D1, P2] }, O2_OUT)], ['precedence']],
    ['capacity', () => { const i = withCourier(input, 0, { capacity: [4, 100_000] }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['capacity']],
    ['capacity (cash float)', () => { const i = withCourier(input, 0, { capacity: [10, 60_000] }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['capacity']],
    ['time_window', () => { const i = withOrder(input, 0, { delivery: { ...input.orders[0].delivery, window: { earliestS: 0, latestS: 1000 } } }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['time_window']],
    ['shift', () => { const i = withCourier(input, 0, { shift: { earliestS: 0, latestS: 1700 } }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['shift']],
    ['max_stops', () => { const i = withCourier(input, 0, { maxStops: 2 }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['max_stops']],
    ['skills', () => { const i = withOrder(input, 0, { skills: ['cold_box'] }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['skills']],
    // In bag from p1 (160) to d1 (1060): 900 s.
    ['max_in_bag', () => { const i = withOrder(input, 0, { maxInBagS: 899 }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['max_in_bag']],
    ['frozen_on_board (unassigned)', () => { const i = withOrder(input, 1, { onBoardCourierId: 'c2', donePickupIds: ['p3'] }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['frozen_on_board']],
    ['frozen_on_board (other courier)', () => { const i = withOrder(input, 1, { onBoardCourierId: 'c2' }); return [i, plan(i, { c1: [P1, P2, D1, P3, D2] }, [])]; }, ['frozen_on_board']],
    ['frozen_next_stop', () => { const i = withCourier(input, 0, { nextStopId: 'p2' }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['frozen_next_stop']],
    ['frozen_next_stop (no route)', () => { const i = withCourier(input, 1, { nextStopId: 'p3' }); return [i, plan(i, { c1: [P1, P2, D1] }, O2_OUT)]; }, ['frozen_next_stop']],
  ];
  for (const [name, build, expected] of cases) {
    it(name, () => {
      const [i, s] = build();
      expect(codes(i, s)).toEqual(expected);
    });
  }

  it('the tolerance accepts tiny float noise and names the field that drifts', () => {
    const solution = tinySolution();
    const route = solution.routes[0];
    const noisy = { ...solution, routes: [{ ...route, endS: route.endS * (1 + 1e-9) }] };
    expect(checkSolution(input, noisy).feasible).toBe(true);
    const drifted = { ...solution, routes: [{ ...route, stops: [route.stops[0], { ...route.stops[1], arrivalS: 331 }, route.stops[2]] }] };
    const violations = checkSolution(input, drifted).violations;
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ code: 'reported_mismatch', routeCourierId: 'c1', stopId: 'p2', orderId: 'o1' });
  });

  it('a wrong reported cost is a cost_mismatch, the recomputed cost stays right', () => {
    const solution = tinySolution();
    const result = checkSolution(input, { ...solution, cost: { ...solution.cost, total: 1 } });
    expect(result.violations.map((v) => v.code)).toEqual(['cost_mismatch']);
    expect(result.cost.total).toBe(6863);
  });
});
