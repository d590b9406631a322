import { describe, expect, it } from 'vitest';
import { buildProblem, planLocations, DISPATCH_DEFAULTS, type PlanSnapshot } from '../../../engine/dispatch/index.js';
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
