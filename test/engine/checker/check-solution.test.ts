// Checker on valid plans: hand-computed times, loads and costs must be accepted and recomputed exactly.
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../../engine/checker/index.js';
import type { ProblemInput, Solution } from '../../../engine/model/problem-input.js';
import { tinyProblem, tinySolution } from './tiny-market.js';

describe('checkSolution on valid plans', () => {
  it('accepts the hand-computed plan and recomputes its cost', () => {
    const result = checkSolution(tinyProblem(), tinySolution());
    expect(result.violations).toEqual([]);
    expect(result.feasible).toBe(true);
    expect(result.cost).toEqual({ unassigned: 5000, lateness: 0, fixed: 100, duration: 1750, distance: 13, stability: 0, total: 6863 });
    expect(result.recomputedRoutes[0].endS).toBe(1750);
    expect(result.recomputedRoutes[0].stops.map((s) => s.serviceStartS)).toEqual([160, 390, 1060]);
  });

  it('shares one setup between consecutive stops at the same location', () => {
    const input = tinyProblem();
    const solution: Solution = {
      routes: [{
        courierId: 'c1',
        stops: [
          { stopId: 'p1', orderId: 'o1', kind: 'pickup', locationId: 'S1', arrivalS: 100, serviceStartS: 160, departureS: 280, lateS: 0, loadAfter: [2, 50_000] },
          // Still at S1: no travel, no setup.
          { stopId: 'p3', orderId: 'o2', kind: 'pickup', locationId: 'S1', arrivalS: 280, serviceStartS: 280, departureS: 340, lateS: 0, loadAfter: [5, 60_000] },
          { stopId: 'p2', orderId: 'o1', kind: 'pickup', locationId: 'S2', arrivalS: 390, serviceStartS: 450, departureS: 510, lateS: 0, loadAfter: [8, 90_000] },
          { stopId: 'd1', orderId: 'o1', kind: 'delivery', locationId: 'H', arrivalS: 1060, serviceStartS: 1120, departureS: 1210, lateS: 0, loadAfter: [3, 10_000] },
          { stopId: 'd2', orderId: 'o2', kind: 'delivery', locationId: 'H', arrivalS: 1210, serviceStartS: 1210, departureS: 1270, lateS: 0, loadAfter: [0, 0] },
        ],
        startS: 0, endS: 1870, durationS: 1870, distanceM: 6500,
      }],
      unassigned: [],
      cost: { unassigned: 0, lateness: 0, fixed: 100, duration: 1870, distance: 13, stability: 0, total: 1983 },
    };
    const result = checkSolution(input, solution);
    expect(result.violations).toEqual([]);
    expect(result.cost.total).toBe(1983);
  });

  it('divides travel by the speed factor and waits for the window', () => {
    const base = tinyProblem();
    const input: ProblemInput = { ...base, couriers: [{ ...base.couriers[0], speedFactor: 2 }, base.couriers[1]] };
    const result = checkSolution(input, tinySolution());
    const stops = result.recomputedRoutes[0].stops;
    // A→S1 50, setup → 110–230; S1→S2 25 → 255, setup → 315–375; S2→H 275 → 650, setup 710, window → 1000–1090.
    expect(stops.map((s) => [s.arrivalS, s.serviceStartS])).toEqual([[50, 110], [255, 315], [650, 1000]]);
    expect(result.recomputedRoutes[0].endS).toBe(1390);
    expect(result.recomputedRoutes[0].distanceM).toBe(6500);
    expect(result.violations.every((v) => v.code === 'reported_mismatch' || v.code === 'cost_mismatch')).toBe(true);
  });

  it('starts on-board goods loaded and measures their time in bag from the courier start', () => {
    const base = tinyProblem();
    const o1 = { ...base.orders[0], donePickupIds: ['p1'], onBoardCourierId: 'c1' };
    const input: ProblemInput = { ...base, orders: [o1, base.orders[1]] };
    const solution: Solution = {
      routes: [{
        courierId: 'c1',
        stops: [
          { stopId: 'p2', orderId: 'o1', kind: 'pickup', locationId: 'S2', arrivalS: 100, serviceStartS: 160, departureS: 220, lateS: 0, loadAfter: [5, 80_000] },
          { stopId: 'd1', orderId: 'o1', kind: 'delivery', locationId: 'H', arrivalS: 770, serviceStartS: 1000, departureS: 1090, lateS: 0, loadAfter: [0, 0] },
        ],
        startS: 0, endS: 1690, durationS: 1690, distanceM: 6250,
      }],
      unassigned: [{ orderId: 'o2', reason: 'capacity' }],
      cost: { unassigned: 5000, lateness: 0, fixed: 100, duration: 1690, distance: 12.5, stability: 0, total: 6802.5 },
    };
    expect(checkSolution(input, solution).violations).toEqual([]);
    // In bag since the start (0 → 1000 s), not since p2 (160 → 1000 s = 840 s).
    const tight: ProblemInput = { ...input, orders: [{ ...o1, maxInBagS: 900 }, base.orders[1]] };
    expect(checkSolution(tight, solution).violations.map((v) => v.code)).toEqual(['max_in_bag']);
  });

  it('prices lateness when windows are soft and moved orders when re-planning', () => {
    const base = tinyProblem();
    const o1 = { ...base.orders[0], delivery: { ...base.orders[0].delivery, window: { earliestS: 1000, latestS: 1030 } } };
    const input: ProblemInput = {
      ...base,
      orders: [o1, base.orders[1]],
      objective: { softTimeWindows: true, latenessCostPerS: 10, previousAssignment: { o1: 'c2', o2: 'c1' }, stabilityCost: 7 },
    };
    const result = checkSolution(input, tinySolution());
    // d1 starts at 1060, 30 s late → 300; o1 moved from c2 and o2 left c1 → 2 × 7.
    expect(result.cost.lateness).toBe(300);
    expect(result.cost.stability).toBe(14);
    expect(result.cost.total).toBe(6863 + 300 + 14);
    expect(result.violations.map((v) => v.code).sort()).toEqual(['cost_mismatch', 'cost_mismatch', 'cost_mismatch', 'reported_mismatch']);
  });
});
