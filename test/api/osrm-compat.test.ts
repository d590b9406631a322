// OSRM-compatible endpoints over the embedded router on Monaco (fastify inject): response shapes, options, OSRM error codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import osrmCompat from '../../api/plugins/osrm-compat.js';
import { RoutingError } from '../../engine/errors.js';
import { openEmbeddedRouter, type EmbeddedRouter } from '../../engine/routing/embedded-router.js';
import { decodePolyline, encodePolyline } from '../../engine/routing/osrm-polyline.js';
import type { RoutingProvider } from '../../engine/routing/routing-provider.js';
import { MONACO_SPEC_FIXTURE } from '../engine/routing/provider-spec.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-osrm-compat-'));
const [p0, p1, p2, p3] = MONACO_SPEC_FIXTURE.points;
const coords = (...points: (readonly [number, number])[]): string => points.map(([lon, lat]) => `${lon},${lat}`).join(';');
let router: EmbeddedRouter;
let app: FastifyInstance;

async function appWith(provider: RoutingProvider, extra: Record<string, unknown> = {}): Promise<FastifyInstance> {
  const instance = Fastify();
  await instance.register(osrmCompat, { prefix: '/osrm', provider, ...extra });
  await instance.ready();
  return instance;
}

beforeAll(async () => {
  router = await openEmbeddedRouter({ graphPath: 'fixtures/osm/monaco-2016-osrm-testdata.osm.pbf', profile: 'motorbike', cacheDir });
  app = await appWith(router);
});
afterAll(async () => {
  await app?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

async function get(url: string, on: FastifyInstance = app): Promise<{ status: number; body: Record<string, any> }> {
  const response = await on.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
}

describe('route service', () => {
  it('answers OSRM route JSON with legs, GeoJSON geometry and waypoints', async () => {
    const { status, body } = await get(`/osrm/route/v1/driving/${coords(p0, p2, p3)}?geometries=geojson&overview=full&steps=false`);
    expect(status).toBe(200);
    expect(body.code).toBe('Ok');
    const [route] = body.routes;
    expect(route.legs).toHaveLength(2);
    expect(route.legs[0]).toMatchObject({ steps: [], summary: '' });
    expect(route.duration).toBeCloseTo(route.legs[0].duration + route.legs[1].duration, 5);
    expect(route.geometry.type).toBe('LineString');
    expect(body.waypoints).toHaveLength(3);
    for (const w of body.waypoints) expect(Object.keys(w).sort()).toEqual(['distance', 'location', 'name']);
    const direct = await router.route([p0, p2, p3]);
    expect(route.duration).toBe(direct.durationS);
    expect(route.distance).toBe(direct.distanceM);
  });

  it('encodes the geometry as a polyline by default (OSRM default) and omits it with overview=false', async () => {
    const geojson = (await get(`/osrm/route/v1/driving/${coords(p0, p1)}?overview=full&geometries=geojson`)).body.routes[0].geometry.coordinates;
    const encoded = (await get(`/osrm/route/v1/driving/${coords(p0, p1)}?overview=full`)).body.routes[0].geometry;
    const decoded = decodePolyline(encoded, 5)!;
    expect(decoded).toHaveLength(geojson.length);
    decoded.forEach(([lat, lon], i) => {
      expect(Math.abs(lon - geojson[i][0])).toBeLessThanOrEqual(5.01e-6); // precision 5 rounds to 1e-5 degrees
      expect(Math.abs(lat - geojson[i][1])).toBeLessThanOrEqual(5.01e-6);
    });
    const six = decodePolyline((await get(`/osrm/route/v1/driving/${coords(p0, p1)}.json?geometries=polyline6`)).body.routes[0].geometry, 6)!;
    expect(six[0][1]).toBeCloseTo(geojson[0][0], 6);
    expect((await get(`/osrm/route/v1/driving/${coords(p0, p1)}?overview=false`)).body.routes[0].geometry).toBeUndefined();
  });

  it('adds depart/arrive steps carrying each leg geometry when steps=true (what leaflet-routing-machine asks for)', async () => {
    const lrm = await get(`/osrm/route/v1/driving/${coords(p0, p2, p3)}?overview=false&alternatives=true&steps=true&hints=;;`);
    expect(lrm.status).toBe(200);
    expect(lrm.body.routes[0].geometry).toBeUndefined();
    const { body } = await get(`/osrm/route/v1/driving/${coords(p0, p2, p3)}?overview=full&geometries=geojson&steps=true`);
    const [route] = body.routes;
    const full = route.geometry.coordinates;
    const stitched: number[][] = [];
    route.legs.forEach((leg: any, i: number) => {
      expect(leg.steps.map((step: any) => step.maneuver.type)).toEqual(['depart', 'arrive']);
      expect(leg.steps[0].duration + leg.steps[1].duration).toBe(leg.duration);
      expect(leg.steps[0].geometry.coordinates[0]).toEqual(body.waypoints[i].location);
      expect(leg.steps[1].maneuver.location).toEqual(body.waypoints[i + 1].location);
      stitched.push(...leg.steps[0].geometry.coordinates.slice(i === 0 ? 0 : 1));
    });
    expect(stitched).toEqual(full);
  });

  it('accepts polyline-encoded input coordinates', async () => {
    const text = encodePolyline([[p0[1], p0[0]], [p1[1], p1[0]]]);
    const { status, body } = await get(`/osrm/route/v1/driving/polyline(${encodeURIComponent(text)})`);
    expect(status).toBe(200);
    expect(body.waypoints).toHaveLength(2);
  });
});

describe('table service', () => {
  it('returns the square durations table by default, seconds, zero diagonal', async () => {
    const { status, body } = await get(`/osrm/table/v1/driving/${coords(p0, p1, p2)}`);
    expect(status).toBe(200);
    expect(body.durations).toHaveLength(3);
    expect(body.distances).toBeUndefined();
    for (let i = 0; i < 3; i++) expect(body.durations[i][i]).toBe(0);
    const direct = await router.table({ sources: [p0, p1, p2] });
    expect(body.durations.flat()).toEqual(Array.from(direct.durationS));
    expect(body.sources).toHaveLength(3);
    expect(body.destinations).toHaveLength(3);
  });

  it('honours sources, destinations and annotations', async () => {
    const { body } = await get(`/osrm/table/v1/driving/${coords(p0, p1, p2, p3)}?sources=0;3&destinations=1;2;0&annotations=duration,distance`);
    expect(body.durations).toHaveLength(2);
    expect(body.durations[0]).toHaveLength(3);
    expect(body.distances[1]).toHaveLength(3);
    expect(body.durations[0][2]).toBe(0); // source 0 = destination index 0
    const direct = await router.table({ sources: [p0, p3], destinations: [p1, p2, p0] });
    expect(body.distances.flat()).toEqual(Array.from(direct.distanceM));
    const onlyDistance = (await get(`/osrm/table/v1/driving/${coords(p0, p1)}?annotations=distance&sources=1`)).body;
    expect(onlyDistance.durations).toBeUndefined();
    const row = await router.table({ sources: [p1], destinations: [p0, p1] });
    expect(onlyDistance.distances).toEqual([[row.distanceM[0], 0]]);
  });
});

describe('nearest service', () => {
  it('returns up to `number` waypoints, nearest first', async () => {
    const { status, body } = await get(`/osrm/nearest/v1/driving/${coords(p0)}?number=3`);
    expect(status).toBe(200);
    expect(body.waypoints).toHaveLength(3);
    for (let i = 1; i < 3; i++) expect(body.waypoints[i].distance).toBeGreaterThanOrEqual(body.waypoints[i - 1].distance);
    expect((await get(`/osrm/nearest/v1/driving/${coords(p0)}`)).body.waypoints).toHaveLength(1);
  });
});

describe('OSRM error codes (all HTTP 400)', () => {
  const cases: [string, string][] = [
    ['/osrm/route/v1/driving/7.42,43.73;garbage', 'InvalidUrl'],
    [`/osrm/route/v1/driving/${coords(p0, [7.42, 95])}`, 'InvalidValue'],
    [`/osrm/route/v1/driving/${coords(p0, p1)}?colour=red`, 'InvalidQuery'],
    [`/osrm/route/v1/driving/${coords(p0, p1)}?geometries=kml`, 'InvalidQuery'],
    [`/osrm/route/v1/driving/${coords(p0)}`, 'InvalidOptions'],
    [`/osrm/table/v1/driving/${coords(p0, p1)}?sources=0;5`, 'InvalidOptions'],
    [`/osrm/table/v1/driving/${coords(p0, p1)}?sources=a`, 'InvalidQuery'],
    [`/osrm/nearest/v1/driving/${coords(p0)}?number=0`, 'InvalidQuery'],
    [`/osrm/nearest/v1/driving/${coords(p0)}?number=101`, 'TooBig'],
    [`/osrm/route/v1/driving/${coords(MONACO_SPEC_FIXTURE.farPoint, p0)}`, 'NoSegment'],
    [`/osrm/table/v1/driving/${coords(p0, MONACO_SPEC_FIXTURE.farPoint)}`, 'NoSegment'],
    ['/osrm/match/v1/driving/7.42,43.73', 'InvalidUrl'],
  ];
  for (const [url, code] of cases) {
    it(`${code}: ${url.slice(0, 70)}`, async () => {
      const { status, body } = await get(url);
      expect(status).toBe(400);
      expect(body.code).toBe(code);
      expect(typeof body.message).toBe('string');
    });
  }

  it('answers TooBig beyond max-table-size² cells and NoRoute when the provider finds none', async () => {
    const small = await appWith(router, { maxTableSize: 2 });
    expect((await get(`/osrm/table/v1/driving/${coords(p0, p1, p2)}`, small)).body.code).toBe('TooBig');
    expect((await get(`/osrm/table/v1/driving/${coords(p0, p1, p2)}?sources=0&destinations=1;2`, small)).status).toBe(200);
    await small.close();
    const noRoute: RoutingProvider = { ...router, name: 'no-route', table: router.table.bind(router), nearest: router.nearest.bind(router), route: async () => { throw new RoutingError('no_route', 'island'); } };
    const island = await appWith(noRoute);
    const answer = await get(`/osrm/route/v1/driving/${coords(p0, p1)}`, island);
    expect(answer).toMatchObject({ status: 400, body: { code: 'NoRoute' } });
    await island.close();
  });
});

describe('/osrm behind the API rate limit', () => {
  it('answers 429 with Retry-After and an OSRM-shaped body when the limit trips, and takes 100 kB URLs', async () => {
    const { default: rateLimitPlugin } = await import('../../api/plugins/rate-limit.js');
    const { OSRM_MAX_URL_BYTES } = await import('../../api/plugins/osrm-compat.js');
    const full = Fastify({ http: { maxHeaderSize: OSRM_MAX_URL_BYTES } });
    await full.register(rateLimitPlugin, { settings: { perWindow: { anonymous: 2 } } });
    await full.register(osrmCompat, { prefix: '/osrm', provider: router });
    try {
      const url = `/osrm/route/v1/driving/${coords(p0, p1)}?overview=false`;
      expect((await full.inject({ method: 'GET', url })).statusCode).toBe(200);
      const many = Array.from({ length: 6_000 }, (_, i) => [p0[0] + (i % 50) * 1e-5, p0[1]] as const);
      const long = `/osrm/table/v1/driving/${coords(...many)}?sources=0&destinations=1;2`;
      expect(long.length).toBeGreaterThan(100_000);
      const base = await full.listen({ host: '127.0.0.1', port: 0 });
      const overHttp = await fetch(`${base}${long}`);
      expect(overHttp.status).toBe(200);
      expect((await overHttp.json()).durations).toHaveLength(1);
      const limited = await full.inject({ method: 'GET', url });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited.json()).toEqual({ code: 'TooManyRequests', message: expect.stringContaining('limit of 2 requests') });
    } finally {
      await full.close();
    }
  });
});
