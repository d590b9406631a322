// Pasar batch generator: determinism for a seed, the documented shapes and ranges, and the road mode's use of a provider.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import { generateMarketBatch, generateMarketBatchOnRoads, PASAR_SENEN } from '../../../engine/instances/index.js';
import { haversineBetweenM } from '../../../engine/geo.js';
import type { RoutingProvider, TableRequest, TravelTable } from '../../../engine/routing/routing-provider.js';

describe('generateMarketBatch', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateMarketBatch({ seed: 5 })).toEqual(generateMarketBatch({ seed: 5 }));
    expect(generateMarketBatch({ seed: 6 }).problem.orders).not.toEqual(generateMarketBatch({ seed: 5 }).problem.orders);
  });

  it('draws 40 orders of 1–5 stalls near the market, homes within 5 km, and a mixed fleet', () => {
    const { problem, points } = generateMarketBatch({ seed: 11 });
    expect(problem.orders).toHaveLength(40);
    const pointOf = new Map(problem.locations.map((l, i) => [l.id, points[i]]));
    for (const order of problem.orders) {
      expect(order.pickups.length).toBeGreaterThanOrEqual(1);
      expect(order.pickups.length).toBeLessThanOrEqual(5);
      let goodsRp = 0;
      let weightKg = 0;
      for (const p of order.pickups) {
        expect(haversineBetweenM(PASAR_SENEN, pointOf.get(p.locationId)!)).toBeLessThanOrEqual(151);
        expect(p.load[1]).toBeGreaterThanOrEqual(20_000);
        expect(p.load[1]).toBeLessThanOrEqual(150_000);
        expect(p.serviceS).toBeGreaterThanOrEqual(60);
        expect(p.serviceS).toBeLessThanOrEqual(180);
        goodsRp += p.load[1];
        weightKg += p.load[0];
      }
      expect(weightKg).toBeLessThanOrEqual(18);
      expect(order.delivery.codRp - goodsRp).toBeGreaterThanOrEqual(8000);
      expect(order.delivery.codRp - goodsRp).toBeLessThanOrEqual(15_000);
      expect(haversineBetweenM(PASAR_SENEN, pointOf.get(order.delivery.locationId)!)).toBeLessThanOrEqual(5001);
      expect(order.delivery.window!.earliestS).toBeGreaterThanOrEqual(8 * 3600 + 30 * 60);
      expect(order.maxInBagS).toBe(2700);
    }
    const fleets = problem.couriers.map((c) => c.fleet);
    expect(fleets.filter((f) => f === 'pangkalan')).toHaveLength(4);
    expect(fleets.filter((f) => f === 'ojol')).toHaveLength(6);
    for (const c of problem.couriers) {
      expect(c.endLocationId).toBe(c.fleet === 'pangkalan' ? 'market' : undefined);
      expect(c.capacity[1]).toBeGreaterThanOrEqual(300_000);
      expect(c.capacity[1]).toBeLessThanOrEqual(500_000);
    }
  });

  it('matrix is haversine metres at 20 km/h', () => {
    const { problem, points } = generateMarketBatch({ seed: 2, orderCount: 5, courierCount: 2 });
    const n = problem.locations.length;
    const i = 1;
    const j = n - 1;
    const metres = Math.round(haversineBetweenM(points[i], points[j]));
    expect(problem.matrix.distanceM[i * n + j]).toBe(metres);
    expect(problem.matrix.durationS[i * n + j]).toBe(Math.round(metres / (20 / 3.6)));
  });

  it('every generated problem compiles', () => {
    for (let seed = 1; seed <= 20; seed++) expect(() => compileProblem(generateMarketBatch({ seed }).problem)).not.toThrow();
  });
});

describe('generateMarketBatchOnRoads', () => {
  /** A provider that answers tables with doubled haversine metres at 10 m/s and records the request. */
  function fakeProvider(unreachable = false): RoutingProvider & { requests: TableRequest[] } {
    const requests: TableRequest[] = [];
    return {
      name: 'fake',
      requests,
      async table(request): Promise<TravelTable> {
        requests.push(request);
        const src = request.sources;
        const n = src.length;
        const distanceM = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) distanceM[i * n + j] = Math.round(2 * haversineBetweenM(src[i], src[j]));
        if (unreachable) distanceM[1] = Infinity;
        const durationS = distanceM.map((m) => Math.round(m / 10));
        const snapped = src.map((location) => ({ location, snapDistanceM: 0, name: '' }));
        return { sourceCount: n, destinationCount: n, durationS, distanceM, sources: snapped, destinations: snapped };
      },
      async route() { throw new Error('not used'); },
      async nearest() { return []; },
    };
  }

  it('uses the same layout and orders as the haversine mode, with the provider matrix', async () => {
    const provider = fakeProvider();
    const onRoads = await generateMarketBatchOnRoads(provider, { seed: 4 });
    const plain = generateMarketBatch({ seed: 4 });
    expect(provider.requests).toHaveLength(1);
    expect(provider.requests[0].sources).toEqual(plain.points);
    expect(onRoads.problem.orders).toEqual(plain.problem.orders);
    const n = plain.points.length;
    expect(onRoads.problem.matrix.distanceM[1 * n + 2]).toBe(Math.round(2 * haversineBetweenM(plain.points[1], plain.points[2])));
  });

  it('an unreachable location is a RoutingError', async () => {
    await expect(generateMarketBatchOnRoads(fakeProvider(true), { seed: 4 })).rejects.toMatchObject({ kind: 'routing', code: 'no_route' });
  });
});

describe('generateMarketBatch with a given layout', () => {
  it('uses the given points and takes its counts from them', () => {
    const market: [number, number] = [106.8, -6.2];
    const layout = { market, stalls: [[106.8001, -6.2], [106.8, -6.2001]] as [number, number][], homes: [[106.81, -6.21], [106.79, -6.19], [106.8, -6.22]] as [number, number][], ojolStarts: [[106.805, -6.2]] as [number, number][] };
    const { problem, points } = generateMarketBatch({ seed: 3, pangkalanCount: 2 }, layout);
    expect(points).toEqual([market, ...layout.stalls, ...layout.homes, ...layout.ojolStarts]);
    expect(problem.orders).toHaveLength(3);
    expect(problem.couriers.map((c) => c.fleet)).toEqual(['pangkalan', 'pangkalan', 'ojol']);
    expect(problem.couriers[2].startLocationId).toBe('ojol-start-01');
    for (const order of problem.orders) {
      expect(order.pickups.length).toBeLessThanOrEqual(2);
      for (const p of order.pickups) expect(['stall-01', 'stall-02']).toContain(p.locationId);
    }
    expect(() => compileProblem(problem)).not.toThrow();
  });
});
