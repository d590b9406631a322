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

/** Distance from `p` to the nearest vertex of the route's geometry, metres. */
const offRouteM = (p: LonLat): number => Math.min(...route.geometry.coordinates.map((c) => haversineM(p[0], p[1], c[0], c[1])));

describe('a courier on its road', () => {
  it('is at the route vertex nearest the share ridden, on the road and between the ends', async () => {
    expect(route.geometry.coordinates.length).toBeGreaterThan(4);
    const paths = new RoadPaths(router);
    const straightM = haversineM(from[0], from[1], to[0], to[1]);
    const quarter = await paths.at(from, to, 0.25);
    const half = await paths.at(from, to, 0.5);
    const most = await paths.at(from, to, 0.9);
    for (const p of [quarter, half, most]) expect(offRouteM(p.point)).toBe(0);
    expect(quarter.sharePassed).toBeGreaterThan(0.1);
    expect(quarter.sharePassed).toBeLessThan(0.4);
    expect(half.sharePassed).toBeGreaterThan(quarter.sharePassed);
    expect(most.sharePassed).toBeGreaterThan(half.sharePassed);
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
