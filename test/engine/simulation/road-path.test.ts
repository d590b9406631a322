// A riding courier's position along its road (Monaco's roads): the route's vertex nearest the share ridden.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineM } from '../../../engine/geo.js';
import { openEmbeddedRouter, type OpenedEmbeddedRouter } from '../../../engine/routing/embedded-router.js';
import type { LonLat, Route, RoutingProvider } from '../../../engine/routing/routing-provider.js';
import { RoadPaths } from '../../../engine/simulation/road-path.js';
import { MONACO_SPEC_FIXTURE } from '../routing/provider-spec.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-road-path-'));
const [from, , to] = MONACO_SPEC_FIXTURE.points;
let router: OpenedEmbeddedRouter;
let route: Route;

beforeAll(async () => {
  router = await openEmbeddedRouter({ graphPath: 'fixtures/osm/monaco-2016-osrm-testdata.osm.pbf', profile: 'motorbike', cacheDir });
  route = await router.route([from, to]);
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** How far `p` is off the route's polyline, metres: the least detour a → p → b over its segments (0 on a segment). */
function offRouteM(p: LonLat): number {
  const c = route.geometry.coordinates;
  let least = Infinity;
  for (let i = 1; i < c.length; i++) {
    const [a, b] = [c[i - 1], c[i]];
    least = Math.min(least, haversineM(a[0], a[1], p[0], p[1]) + haversineM(p[0], p[1], b[0], b[1]) - haversineM(a[0], a[1], b[0], b[1]));
  }
  return least;
}

describe('a courier on its road', () => {
  it('is on the route at the share ridden, between the ends', async () => {
    expect(route.geometry.coordinates.length).toBeGreaterThan(4);
    const paths = new RoadPaths(router);
    const straightM = haversineM(from[0], from[1], to[0], to[1]);
    const quarter = await paths.at(from, to, 0.25);
    const half = await paths.at(from, to, 0.5);
    const most = await paths.at(from, to, 0.9);
    for (const p of [quarter, half, most]) expect(offRouteM(p.point)).toBeLessThan(0.01);
    expect([quarter.sharePassed, half.sharePassed, most.sharePassed]).toEqual([0.25, 0.5, 0.9]);
    // Not a vertex: a junction's vertex belongs to every road through it, a point inside a segment to one.
    for (const p of [quarter, half, most]) expect(route.geometry.coordinates.some((c) => c[0] === p.point[0] && c[1] === p.point[1])).toBe(false);
    // The road's length behind the point is the share of the route's (the geometry's own metres).
    const passedM = (p: LonLat): number => {
      const c = route.geometry.coordinates;
      let m = 0;
      for (let i = 1; i < c.length; i++) {
        const [a, b] = [c[i - 1], c[i]];
        const leg = haversineM(a[0], a[1], b[0], b[1]);
        if (haversineM(a[0], a[1], p[0], p[1]) + haversineM(p[0], p[1], b[0], b[1]) - leg < 0.01) return m + haversineM(a[0], a[1], p[0], p[1]);
        m += leg;
      }
      return m;
    };
    const totalM = passedM(to);
    expect(passedM(half.point) / totalM).toBeCloseTo(0.5, 2);
    // Further along the road means nearer its end (the Monaco pair is a plain ride across town, no loop back).
    const toEndM = (p: LonLat): number => haversineM(p[0], p[1], to[0], to[1]);
    expect(toEndM(quarter.point)).toBeGreaterThan(toEndM(most.point));
    expect(toEndM(half.point)).toBeLessThan(straightM);
  });

  it('keeps the exact ends at the start and the end of a ride', async () => {
    const paths = new RoadPaths(router);
    expect(await paths.at(from, to, 0)).toEqual({ point: from, sharePassed: 0 });
    expect(await paths.at(from, to, 1)).toEqual({ point: to, sharePassed: 1 });
    expect(await paths.at(from, to, 7)).toEqual({ point: to, sharePassed: 1 });
  });

  it('asks the router once per pair of points', async () => {
    let calls = 0;
    const counting: RoutingProvider = { ...router, name: 'counting', table: (r) => router.table(r), nearest: (p, n) => router.nearest(p, n), route: (w) => { calls++; return router.route(w); } };
    const paths = new RoadPaths(counting);
    await paths.at(from, to, 0.3);
    await paths.at(from, to, 0.6);
    expect(calls).toBe(1);
    await paths.at(to, from, 0.6);
    expect(calls).toBe(2);
  });

  it('falls back to the nearer end when the router has no route', async () => {
    const failing: RoutingProvider = { name: 'failing', table: () => Promise.reject(new Error('down')), nearest: () => Promise.reject(new Error('down')), route: () => Promise.reject(new Error('down')) };
    const paths = new RoadPaths(failing);
    expect(await paths.at(from, to, 0.4)).toEqual({ point: from, sharePassed: 0 });
    expect(await paths.at(from, to, 0.6)).toEqual({ point: to, sharePassed: 1 });
  });
});
