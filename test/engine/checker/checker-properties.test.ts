// Property tests: on a relaxed pasar batch every plan that keeps each order whole on one courier with its pickups
// first is accepted, moving a delivery before one of its pickups is always caught, and no plan makes the checker throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../../engine/checker/index.js';
import { generateMarketBatch } from '../../../engine/instances/index.js';
import type { PlannedStop, ProblemInput, Solution } from '../../../engine/model/problem-input.js';

/** A small batch with every window, bound and capacity lifted, so only structure can fail. */
function relaxedBatch(): ProblemInput {
  const { problem } = generateMarketBatch({ seed: 9, orderCount: 6, courierCount: 3 });
  return {
    ...problem,
    orders: problem.orders.map(({ maxInBagS: _m, skills: _s, ...o }) => ({ ...o, pickups: o.pickups.map(({ window: _w, ...p }) => p), delivery: { ...o.delivery, window: undefined } })),
    couriers: problem.couriers.map(({ maxStops: _x, ...c }) => ({ ...c, capacity: [1e9, 1e12], shift: { earliestS: 0, latestS: 1e9 } })),
  };
}

const blankStop = (input: ProblemInput, stopId: string): PlannedStop => {
  const order = input.orders.find((o) => o.delivery.id === stopId || o.pickups.some((p) => p.id === stopId))!;
  const pickup = order.pickups.find((p) => p.id === stopId);
  return { stopId, orderId: order.id, kind: pickup ? 'pickup' : 'delivery', locationId: (pickup ?? order.delivery).locationId, arrivalS: 0, serviceStartS: 0, departureS: 0, lateS: 0, loadAfter: [0, 0] };
};

/** Builds the plan from stop-id sequences and copies the checker's numbers into it. */
function synced(input: ProblemInput, sequences: string[][], unassigned: string[]): Solution {
  const draft: Solution = {
    routes: sequences.map((seq, c) => ({ courierId: input.couriers[c].id, stops: seq.map((id) => blankStop(input, id)), startS: 0, endS: 0, durationS: 0, distanceM: 0 })).filter((r) => r.stops.length > 0),
    unassigned: unassigned.map((orderId) => ({ orderId, reason: 'not_inserted' as const })),
    cost: { unassigned: 0, lateness: 0, fixed: 0, duration: 0, distance: 0, stability: 0, total: 0 },
  };
  const first = checkSolution(input, draft);
  return { ...draft, routes: first.recomputedRoutes, cost: first.cost };
}

/** Per order: a courier (or -1 for unassigned) and sort keys interleaving its stops with pickups first. */
const planArbitrary = (orders: number, couriers: number) =>
  fc.array(fc.record({ courier: fc.integer({ min: -1, max: couriers - 1 }), keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }) }), { minLength: orders, maxLength: orders });

function sequencesOf(input: ProblemInput, plan: { courier: number; keys: number[] }[]): { sequences: string[][]; unassigned: string[] } {
  const keyed: { courier: number; key: number; id: string }[] = [];
  const unassigned: string[] = [];
  input.orders.forEach((order, o) => {
    const { courier, keys } = plan[o];
    if (courier < 0) return void unassigned.push(order.id);
    const pickupKeys = order.pickups.map((_, k) => keys[k] * 0.999);
    order.pickups.forEach((p, k) => keyed.push({ courier, key: pickupKeys[k], id: p.id }));
    // The delivery sorts after all its pickups.
    keyed.push({ courier, key: Math.max(...pickupKeys) + 0.0005 + keys[5] * 0.0001, id: order.delivery.id });
  });
  keyed.sort((a, b) => a.key - b.key);
  const sequences = input.couriers.map((_, c) => keyed.filter((k) => k.courier === c).map((k) => k.id));
  return { sequences, unassigned };
}

describe('checker properties', () => {
  const input = relaxedBatch();

  it('accepts every whole-order, pickups-first plan', () => {
    fc.assert(fc.property(planArbitrary(input.orders.length, input.couriers.length), (plan) => {
      const { sequences, unassigned } = sequencesOf(input, plan);
      expect(checkSolution(input, synced(input, sequences, unassigned)).violations).toEqual([]);
    }), { numRuns: 100 });
  });

  it('catches a delivery moved before one of its pickups', () => {
    fc.assert(fc.property(planArbitrary(input.orders.length, input.couriers.length), fc.nat(), (plan, pick) => {
      const forced = plan.map((p, o) => (o === 0 && p.courier < 0 ? { ...p, courier: 0 } : p));
      const { sequences, unassigned } = sequencesOf(input, forced);
      const seq = sequences[forced[0].courier];
      const order = input.orders[0];
      const from = seq.indexOf(order.delivery.id);
      const to = seq.indexOf(order.pickups[pick % order.pickups.length].id);
      seq.splice(from, 1);
      seq.splice(to, 0, order.delivery.id);
      const codes = checkSolution(input, synced(input, sequences, unassigned)).violations.map((v) => v.code);
      expect(codes).toContain('precedence');
    }), { numRuns: 100 });
  });

  it('never throws on arbitrary stop lists, and feasible means no violations', () => {
    const ids = [...input.orders.flatMap((o) => [...o.pickups.map((p) => p.id), o.delivery.id]), 'ghost'];
    fc.assert(fc.property(fc.array(fc.array(fc.constantFrom(...ids), { maxLength: 12 }), { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(...input.orders.map((o) => o.id), 'nobody')), (routes, unassigned) => {
      const solution: Solution = {
        routes: routes.map((seq, r) => ({ courierId: r < input.couriers.length ? input.couriers[r].id : 'stranger', stops: seq.map((id) => (id === 'ghost' ? { ...blankStop(input, ids[0]), stopId: 'ghost' } : blankStop(input, id))), startS: 0, endS: 0, durationS: 0, distanceM: 0 })),
        unassigned: unassigned.map((orderId) => ({ orderId, reason: 'not_inserted' as const })),
        cost: { unassigned: 0, lateness: 0, fixed: 0, duration: 0, distance: 0, stability: 0, total: 0 },
      };
      const result = checkSolution(input, solution);
      expect(result.feasible).toBe(result.violations.length === 0);
      expect(Number.isFinite(result.cost.total)).toBe(true);
    }), { numRuns: 200 });
  });
});
