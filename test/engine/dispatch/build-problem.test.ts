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

describe('the ride back to the market', () => {
  const ojol = (id: string, shiftEndMs?: number) => ({
    courier: { ...courier(id, 'ojol'), ...(shiftEndMs !== undefined ? { shiftEndMs } : {}) }, position, stale: false, routeStopIds: [],
  });
  const rideBack = snapshot({
    couriers: [
      { courier: { ...courier('c1'), base: { lon: MARKET.lon + 0.001, lat: MARKET.lat } }, position, stale: false, routeStopIds: ['o1_p1', 'o1_d'] },
      ojol('c2'), ojol('c3', NOW + 2 * 3_600_000), ojol('c4', NOW + 30 * 60_000),
    ],
    rideBackTo: MARKET,
  });
  const points = planLocations(rideBack).points;
  const built = buildProblem(rideBack, haversineMatrix(points), DISPATCH_DEFAULTS);
  const endOf = (id: string) => {
    const end = built.problem.couriers.find((c) => c.id === id)!.endLocationId;
    return end === undefined ? undefined : points[Number(end.slice(1))];
  };

  it('ends an ojol courier\'s route at the market, and a pangkalan courier\'s at its base', () => {
    expect(endOf('c2')).toEqual([MARKET.lon, MARKET.lat]);
    expect(endOf('c3')).toEqual([MARKET.lon, MARKET.lat]);
    expect(endOf('c1')).toEqual([MARKET.lon + 0.001, MARKET.lat]);
  });
  it('prices no ride back for a courier going off within the hour, nor when the snapshot asks none', () => {
    expect(endOf('c4')).toBeUndefined();
    const none = snapshot({ couriers: [ojol('c2')] });
    expect(buildProblem(none, haversineMatrix(planLocations(none).points), DISPATCH_DEFAULTS).problem.couriers[0].endLocationId).toBeUndefined();
  });
  it('makes the solver fill one trip rather than send a second courier out when the ride back counts', () => {
    // Two doors 2 km out and 2 km apart (a triangle with the market), two idle ojol couriers at the market: without the
    // ride back each door gets its own courier (each customer sooner); with it one courier takes both, one ride saved.
    const doorAt = [[0.0181, 0], [0.00904, 0.01557]];
    const door = (n: number) => ({ ...order(n), delivery: { ...order(n).delivery, lon: MARKET.lon + doorAt[n - 1][0], lat: MARKET.lat + doorAt[n - 1][1] } });
    const at = { lon: MARKET.lon, lat: MARKET.lat, atMs: NOW };
    const day = (rideBackTo?: { lon: number; lat: number }): PlanSnapshot => ({
      planId: 'p', marketId: 'mkt', nowMs: NOW, reason: 'window', previousAssignment: {}, exclusions: {},
      orders: [{ order: door(1), donePickupIds: [] }, { order: door(2), donePickupIds: [] }],
      couriers: [{ courier: courier('a', 'ojol'), position: at, stale: false, routeStopIds: [] }, { courier: courier('b', 'ojol'), position: at, stale: false, routeStopIds: [] }],
      ...(rideBackTo ? { rideBackTo } : {}),
    });
    const couriersUsed = (s: PlanSnapshot) => {
      const { problem } = buildProblem(s, haversineMatrix(planLocations(s).points), { ...DISPATCH_DEFAULTS, stallWalking: null });
      return solve(problem, { maxIterations: 300, seed: 1 }).solution.routes.filter((r) => r.stops.length > 0).length;
    };
    expect(couriersUsed(day())).toBe(2);
    expect(couriersUsed(day(MARKET))).toBe(1);
  });
});
