import { describe, expect, it } from 'vitest';
import { buildProblem, planLocations, DISPATCH_DEFAULTS, type PlanSnapshot } from '../../../engine/dispatch/index.js';
import { solve } from '../../../engine/index.js';
import { haversineM } from '../../../engine/geo.js';
import { courier, haversineMatrix, MARKET, order } from './tiny-market.js';

const NOW = 1_700_000_000_000;
const position = { lon: MARKET.lon, lat: MARKET.lat - 0.002, atMs: NOW };

function snapshot(over: Partial<PlanSnapshot> = {}): PlanSnapshot {
  return {
    planId: 'plan_1', marketId: 'mkt', nowMs: NOW, reason: 'window',
    orders: [
      { order: order(1, 2), lockedCourierId: 'c1', donePickupIds: ['o1_p0'] },
      { order: order(2), donePickupIds: [] },
      { order: { ...order(3), delivery: { ...order(3).delivery, windowEndMs: NOW + 3_600_000 } }, donePickupIds: [] },
    ],
    couriers: [
      { courier: { ...courier('c1'), base: MARKET }, position, stale: false, routeStopIds: ['o1_p1', 'o1_d'] },
      { courier: courier('c2', 'ojol'), position, stale: true, routeStopIds: [] },
    ],
    previousAssignment: { o1: 'c1', o2: 'c2', o9: 'c1' },
    exclusions: { o2: ['c2'] },
    ...over,
  };
}

describe('buildProblem', () => {
  const s = snapshot();
  const built = buildProblem(s, haversineMatrix(planLocations(s).points), DISPATCH_DEFAULTS);
  const byId = new Map(built.problem.orders.map((o) => [o.id, o]));

  it('deduplicates locations and sizes the matrix to them', () => {
    const points = planLocations(s).points;
    expect(built.problem.locations).toHaveLength(points.length);
    expect(new Set(points.map((p) => p.join())).size).toBe(points.length);
    expect(built.problem.matrix.durationS.length).toBe(points.length ** 2);
  });
  it('pins goods on board and keeps the next stop first', () => {
    expect(byId.get('o1')).toMatchObject({ onBoardCourierId: 'c1', donePickupIds: ['o1_p0'] });
    const c1 = built.problem.couriers.find((c) => c.id === 'c1')!;
    expect(c1.nextStopId).toBe('o1_p1');
    expect(c1.endLocationId).toBeDefined();
    expect(built.initial.routes.map((r) => [r.courierId, r.stops.map((s) => s.stopId)])).toEqual([['c1', ['o1_p1', 'o1_d']]]);
  });
  it('turns exclusions into a skill only the other couriers have', () => {
    expect(byId.get('o2')!.skills).toEqual(['allow:o2']);
    expect(built.problem.couriers.find((c) => c.id === 'c1')!.skills).toEqual(['allow:o2']);
    expect(built.problem.couriers.find((c) => c.id === 'c2')!.skills).toBeUndefined();
  });
  it('keeps the previous assignment of planned orders only and penalises stale couriers', () => {
    expect(built.problem.objective?.previousAssignment).toEqual({ o1: 'c1', o2: 'c2' });
    expect(built.problem.couriers.find((c) => c.id === 'c2')!.fixedCost).toBe(DISPATCH_DEFAULTS.pool.staleFixedCost);
  });
  it('puts windows on the problem clock (seconds since the snapshot) and records the delivery leg', () => {
    expect(byId.get('o3')!.delivery.window).toEqual({ earliestS: 0, latestS: 3_600 });
    expect(built.deliveryLegM.o2).toBeGreaterThan(200);
    expect(built.deliveryLegM.o2).toBeLessThan(400);
  });
});

describe('buildProblem on the pasar floor', () => {
  // One order with two stalls 55 m apart; the road matrix makes every stall-to-stall leg a 15-minute one-way detour.
  const s = snapshot({
    orders: [{ order: order(4, 2), donePickupIds: [] }], couriers: [{ courier: courier('c2'), position, stale: false, routeStopIds: [] }],
    previousAssignment: {}, exclusions: {},
  });
  const points = planLocations(s).points;
  const matrix = haversineMatrix(points);
  const stallAt = order(4, 2).pickups.map((p) => planLocations(s).indexOf.get(`${p.lon.toFixed(6)},${p.lat.toFixed(6)}`)!);
  for (const i of stallAt) for (const j of stallAt) if (i !== j) {
    matrix.durationS[i * points.length + j] = 900;
    matrix.distanceM[i * points.length + j] = 4_000;
  }
  const timesBetweenStalls = (stallWalking: typeof DISPATCH_DEFAULTS.stallWalking) => {
    const built = buildProblem(s, matrix, { ...DISPATCH_DEFAULTS, stallWalking });
    const route = solve(built.problem, { maxIterations: 50, seed: 1 }).solution.routes[0];
    const [first, second] = route.stops.filter((x) => x.kind === 'pickup');
    return { built, legS: second.arrivalS - first.departureS, distanceM: route.distanceM };
  };

  it('puts every stall of the batch in the market and walks between them, parking once', () => {
    const { built, legS } = timesBetweenStalls(DISPATCH_DEFAULTS.stallWalking);
    expect(built.problem.markets).toEqual([{ id: 'mkt', locationIds: stallAt.map((i) => `L${i}`).sort(), walkingSpeedMps: 1, parkingS: 60 }]);
    const [a, b] = order(4, 2).pickups;
    expect(legS).toBeCloseTo(haversineM(a.lon, a.lat, b.lon, b.lat) / 1, 0);
  });
  it('rides the road matrix between stalls when walking is off', () => {
    const { built, legS, distanceM } = timesBetweenStalls(null);
    expect(built.problem.markets).toBeUndefined();
    expect(legS).toBe(900);
    expect(distanceM).toBeGreaterThan(4_000);
  });
});
