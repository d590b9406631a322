// The behaviour every RoutingProvider must show; run it with describeRoutingProvider(name, makeProvider[, fixture]).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LonLat, RoutingProvider } from '../../../engine/routing/routing-provider.js';

/** Points the spec routes between: on or near roads of the provider's network, plus one far from any road. */
export interface ProviderSpecFixture {
  /** At least four coordinates within snapping distance of well-connected roads. */
  readonly points: readonly LonLat[];
  /** A valid coordinate farther than the snapping limit from every road; null for a provider without a road network. */
  readonly farPoint: LonLat | null;
  /** Distances are estimates (straight line times a detour factor), longer than the drawn geometry, not measured along it. */
  readonly estimatedDistances?: boolean;
  /** The provider's route waypoint limit (default 500) and table coordinate limit (default 10,000). */
  readonly maxRouteWaypoints?: number;
  readonly maxTableCoordinates?: number;
}

/** Monaco (fixtures/osm/monaco-2016-osrm-testdata.osm.pbf): casino, port, Fontvieille, Larvotto, Monaco-Ville. */
export const MONACO_SPEC_FIXTURE = {
  points: [[7.4275, 43.7396], [7.4225, 43.7350], [7.4160, 43.7290], [7.4370, 43.7460], [7.4206, 43.7310]] as LonLat[],
  farPoint: [7.45, 43.6] as LonLat,
} satisfies ProviderSpecFixture;

/** Tolerance for per-leg rounding to whole seconds/metres when comparing sums. */
const ROUNDING = 1;

function metresBetween(a: LonLat, b: LonLat): number {
  const k = Math.PI / 180;
  const x = (b[0] - a[0]) * k * Math.cos(((a[1] + b[1]) / 2) * k), y = (b[1] - a[1]) * k;
  return Math.hypot(x, y) * 6_371_000;
}

export function describeRoutingProvider(
  name: string,
  makeProvider: () => Promise<RoutingProvider>,
  fixture: ProviderSpecFixture = MONACO_SPEC_FIXTURE,
): void {
  describe(`RoutingProvider spec: ${name}`, () => {
    let provider: RoutingProvider;
    const points = fixture.points;
    beforeAll(async () => { provider = await makeProvider(); });
    afterAll(async () => { await provider?.close?.(); });

    it('has a name', () => {
      expect(provider.name).toMatch(/\S/);
    });

    it('returns a square table with a zero diagonal and finite, non-negative entries', async () => {
      const table = await provider.table({ sources: points });
      const n = points.length;
      expect(table.sourceCount).toBe(n);
      expect(table.destinationCount).toBe(n);
      expect(table.durationS).toHaveLength(n * n);
      expect(table.distanceM).toHaveLength(n * n);
      expect(table.sources).toHaveLength(n);
      expect(table.destinations).toHaveLength(n);
      for (let i = 0; i < n; i++) {
        expect(table.durationS[i * n + i]).toBe(0);
        expect(table.distanceM[i * n + i]).toBe(0);
        for (let j = 0; j < n; j++) {
          expect(Number.isFinite(table.durationS[i * n + j])).toBe(true);
          expect(table.durationS[i * n + j]).toBeGreaterThanOrEqual(0);
          if (i !== j) expect(table.distanceM[i * n + j]).toBeGreaterThan(0);
        }
      }
    });

    it('sizes a rectangular table by sources × destinations, with the entries of the square one', async () => {
      const table = await provider.table({ sources: points.slice(0, 2), destinations: points.slice(1, 4) });
      const square = await provider.table({ sources: points });
      const n = points.length;
      expect([table.sourceCount, table.destinationCount]).toEqual([2, 3]);
      expect(table.durationS).toHaveLength(6);
      expect(table.distanceM).toHaveLength(6);
      expect(table.sources).toHaveLength(2);
      expect(table.destinations).toHaveLength(3);
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) {
        expect(Math.abs(table.durationS[i * 3 + j] - square.durationS[i * n + j + 1])).toBeLessThanOrEqual(ROUNDING);
      }
      expect(table.durationS[1 * 3 + 0]).toBe(0); // source 1 is destination 0
    });

    it('agrees with route durations and distances pair by pair', async () => {
      const table = await provider.table({ sources: points });
      const n = points.length;
      for (const [i, j] of [[0, 1], [1, 0], [2, 3], [3, 4], [4, 2]]) {
        const route = await provider.route([points[i], points[j]]);
        expect(Math.abs(route.durationS - table.durationS[i * n + j])).toBeLessThanOrEqual(ROUNDING);
        expect(Math.abs(route.distanceM - table.distanceM[i * n + j])).toBeLessThanOrEqual(Math.max(ROUNDING, 0.01 * route.distanceM));
      }
    });

    it('keeps detours sane: going through a third point is never much faster', async () => {
      const table = await provider.table({ sources: points });
      const n = points.length;
      const slackS = 120; // a U-turn at the middle point may be needed; never more than a short street's worth
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) {
        expect(table.durationS[i * n + k]).toBeLessThanOrEqual(table.durationS[i * n + j] + table.durationS[j * n + k] + slackS);
      }
    });

    it('routes through waypoints with legs summing to the totals and geometry from snapped start to snapped end', async () => {
      const waypoints = [points[0], points[2], points[3]];
      const route = await provider.route(waypoints);
      expect(route.legs).toHaveLength(2);
      expect(route.waypoints).toHaveLength(3);
      const legS = route.legs.reduce((s, l) => s + l.durationS, 0), legM = route.legs.reduce((s, l) => s + l.distanceM, 0);
      expect(Math.abs(legS - route.durationS)).toBeLessThanOrEqual(ROUNDING * route.legs.length);
      expect(Math.abs(legM - route.distanceM)).toBeLessThanOrEqual(ROUNDING * route.legs.length);
      expect(route.durationS).toBeGreaterThan(0);
      expect(route.geometry.type).toBe('LineString');
      const coords = route.geometry.coordinates;
      expect(coords.length).toBeGreaterThanOrEqual(2);
      expect(metresBetween(coords[0], route.waypoints[0].location)).toBeLessThan(1);
      expect(metresBetween(coords[coords.length - 1], route.waypoints[2].location)).toBeLessThan(1);
      let lengthM = 0;
      for (let c = 1; c < coords.length; c++) lengthM += metresBetween(coords[c - 1], coords[c]);
      if (fixture.estimatedDistances) expect(lengthM).toBeLessThanOrEqual(route.distanceM + ROUNDING);
      else expect(Math.abs(lengthM - route.distanceM)).toBeLessThanOrEqual(Math.max(5, 0.03 * route.distanceM));
      for (const w of route.waypoints) expect(w.snapDistanceM).toBeGreaterThanOrEqual(0);
    });

    it('returns nearest points sorted by snap distance, the first equal to the single nearest', async () => {
      const many = await provider.nearest(points[0], 3);
      expect(many.length).toBeGreaterThanOrEqual(1);
      expect(many.length).toBeLessThanOrEqual(3);
      for (let i = 1; i < many.length; i++) expect(many[i].snapDistanceM).toBeGreaterThanOrEqual(many[i - 1].snapDistanceM);
      const [one] = await provider.nearest(points[0]);
      expect(one.snapDistanceM).toBeCloseTo(many[0].snapDistanceM, 3);
      expect(typeof one.name).toBe('string');
    });

    it('rejects bad input with stable codes', async () => {
      await expect(provider.table({ sources: [] })).rejects.toMatchObject({ kind: 'input', code: 'no_coordinates' });
      await expect(provider.table({ sources: [points[0], [Number.NaN, 1]] })).rejects.toMatchObject({ kind: 'input', code: 'invalid_coordinate' });
      await expect(provider.route([points[0], [200, 0]])).rejects.toMatchObject({ kind: 'input', code: 'invalid_coordinate' });
      await expect(provider.nearest([0, 95])).rejects.toMatchObject({ kind: 'input', code: 'invalid_coordinate' });
      const tooManyWaypoints = Array.from({ length: (fixture.maxRouteWaypoints ?? 500) + 1 }, () => points[0]);
      await expect(provider.route(tooManyWaypoints)).rejects.toMatchObject({ kind: 'input', code: 'too_many_coordinates' });
      const tooManySources = Array.from({ length: (fixture.maxTableCoordinates ?? 10_000) + 1 }, () => points[0]);
      await expect(provider.table({ sources: tooManySources })).rejects.toMatchObject({ kind: 'input', code: 'too_many_coordinates' });
    });

    it.skipIf(fixture.farPoint === null)('rejects a coordinate far from every road with no_segment', async () => {
      const farPoint = fixture.farPoint!;
      await expect(provider.table({ sources: [points[0], farPoint] })).rejects.toMatchObject({ kind: 'routing', code: 'no_segment' });
      await expect(provider.route([farPoint, points[0]])).rejects.toMatchObject({ kind: 'routing', code: 'no_segment' });
    });
  });
}
