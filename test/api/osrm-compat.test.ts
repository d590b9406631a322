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
    for (const w of body.waypoints) expect(Object.keys(w).sort()).toEqual(['distance', 'hint', 'location', 'name']);
    const direct = await router.route([p0, p2, p3]);
    expect(Math.abs(route.duration - direct.durationS)).toBeLessThanOrEqual(1); // 0.1 s here, whole seconds there
    expect(Math.abs(route.distance - direct.distanceM)).toBeLessThanOrEqual(1);
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

  it('gives real turn-by-turn steps with street names, stitching to the route geometry (steps=true)', async () => {
    const lrm = await get(`/osrm/route/v1/driving/${coords(p0, p2, p3)}?overview=false&alternatives=true&steps=true&hints=;;`);
    expect(lrm.status).toBe(200);
    expect(lrm.body.routes[0].geometry).toBeUndefined();
    const { body } = await get(`/osrm/route/v1/driving/${coords(p0, p2, p3)}?overview=full&geometries=geojson&steps=true`);
    const [route] = body.routes;
    const full = route.geometry.coordinates;
    const stitched: number[][] = [];
    route.legs.forEach((leg: any, i: number) => {
      const types = leg.steps.map((step: any) => step.maneuver.type);
      expect(types[0]).toBe('depart');
      expect(types[types.length - 1]).toBe('arrive');
      expect(types.length).toBeGreaterThan(2);
      for (const t of types.slice(1, -1)) expect(['turn', 'new name', 'continue']).toContain(t);
      const sum = leg.steps.reduce((s: number, step: any) => s + step.duration, 0);
      expect(Math.abs(sum - leg.duration)).toBeLessThanOrEqual(0.1 * leg.steps.length);
      expect(leg.steps[0].geometry.coordinates[0]).toEqual(body.waypoints[i].location);
      expect(leg.steps.at(-1).maneuver.location).toEqual(body.waypoints[i + 1].location);
      expect(leg.summary).not.toBe('');
      for (const step of leg.steps.slice(0, -1)) stitched.push(...step.geometry.coordinates.slice(stitched.length === 0 ? 0 : 1));
      for (const step of leg.steps.slice(1, -1)) {
        expect(step.maneuver.modifier).toMatch(/^(uturn|sharp left|left|slight left|straight|slight right|right|sharp right)$/);
        const at = step.intersections[0];
        expect(at.bearings[at.out]).toBe(step.maneuver.bearing_after);
      }
    });
    expect(stitched).toEqual(full);
    expect(route.legs.flatMap((l: any) => l.steps.map((s: any) => s.name)).filter(Boolean).length).toBeGreaterThan(2);
  });

  it('adds spoken instructions in Bahasa Indonesia or English with language=id|en (a jejaring extension)', async () => {
    const id = (await get(`/osrm/route/v1/driving/${coords(p0, p3)}?steps=true&overview=false&language=id`)).body.routes[0].legs[0].steps;
    expect(id[0].maneuver.instruction).toMatch(/^Berangkat ke arah \S+/);
    expect(id.at(-1).maneuver.instruction).toMatch(/^Tiba di tujuan/);
    for (const step of id.slice(1, -1)) expect(step.maneuver.instruction).toMatch(/^(Belok|Serong|Putar balik|Lurus terus|Lurus)/);
    const en = (await get(`/osrm/route/v1/driving/${coords(p0, p3)}?steps=true&overview=false&language=en`)).body.routes[0].legs[0].steps;
    expect(en[0].maneuver.instruction).toMatch(/^Head /);
    const plain = (await get(`/osrm/route/v1/driving/${coords(p0, p3)}?steps=true&overview=false`)).body.routes[0].legs[0].steps;
    expect(plain[0].maneuver.instruction).toBeUndefined();
    expect((await get(`/osrm/route/v1/driving/${coords(p0, p3)}?steps=true&language=fr`)).body.code).toBe('InvalidQuery');
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
    body.durations.flat().forEach((d: number, k: number) => expect(Math.abs(d - direct.durationS[k])).toBeLessThanOrEqual(0.5));
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
    body.distances.flat().forEach((d: number, k: number) => expect(Math.abs(d - direct.distanceM[k])).toBeLessThanOrEqual(0.5));
    const onlyDistance = (await get(`/osrm/table/v1/driving/${coords(p0, p1)}?annotations=distance&sources=1`)).body;
    expect(onlyDistance.durations).toBeUndefined();
    const row = await router.table({ sources: [p1], destinations: [p0, p1] });
    expect(Math.abs(onlyDistance.distances[0][0] - row.distanceM[0])).toBeLessThanOrEqual(0.5);
    expect(onlyDistance.distances[0][1]).toBe(0);
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
    ['/osrm/route/v1/driving/7.42,43.73;garbage', 'InvalidQuery'],
    ['/osrm/route/v1/driving', 'InvalidUrl'],
    [`/osrm/foo/v1/driving/${coords(p0, p1)}`, 'InvalidService'],
    [`/osrm/route/v2/driving/${coords(p0, p1)}`, 'InvalidVersion'],
    [`/osrm/route/v1/driving/${coords(p0, p1)}?bearings=0,20`, 'InvalidOptions'],
    [`/osrm/route/v1/driving/${coords(p0, p1)}?radiuses=10;x`, 'InvalidQuery'],
    [`/osrm/route/v1/driving/${coords(p0, p1)}?hints=abc;def`, 'InvalidQuery'],
    [`/osrm/route/v1/driving/${coords(p0, p1)}?approaches=kerb;curb`, 'InvalidQuery'],
    [`/osrm/route/v1/driving/${coords(p0, p1)}?exclude=ferry`, 'InvalidValue'],
    [`/osrm/route/v1/driving/${coords(p0, p1, p2)}?waypoints=1;2`, 'InvalidOptions'],
    [`/osrm/table/v1/driving/${coords(p0, p1)}?scale_factor=0`, 'InvalidOptions'],
    [`/osrm/trip/v1/driving/${coords(p0, p1, p2)}?roundtrip=false`, 'NotImplemented'],
    [`/osrm/route/v1/driving/${coords(p0, [7.42, 95])}`, 'InvalidValue'],
    [`/osrm/route/v1/driving/${coords(p0, p1)}?colour=red`, 'InvalidQuery'],
    [`/osrm/route/v1/driving/${coords(p0, p1)}?geometries=kml`, 'InvalidQuery'],
    [`/osrm/route/v1/driving/${coords(p0)}`, 'InvalidOptions'],
    [`/osrm/table/v1/driving/${coords(p0, p1)}?sources=0;5`, 'InvalidOptions'],
    [`/osrm/table/v1/driving/${coords(p0, p1)}?sources=a`, 'InvalidQuery'],
    [`/osrm/nearest/v1/driving/${coords(p0)}?number=0`, 'InvalidOptions'],
    [`/osrm/nearest/v1/driving/${coords(p0)}?number=101`, 'TooBig'],
    [`/osrm/route/v1/driving/${coords(MONACO_SPEC_FIXTURE.farPoint, p0)}?radiuses=500;500`, 'NoSegment'],
    [`/osrm/table/v1/driving/${coords(p0, MONACO_SPEC_FIXTURE.farPoint)}?radiuses=;500`, 'NoSegment'],
    ['/osrm/match/v1/driving/7.42,43.73', 'InvalidOptions'],
  ];
  for (const [url, code] of cases) {
    it(`${code}: ${url.slice(0, 70)}`, async () => {
      const { status, body } = await get(url);
      expect(status).toBe(400);
      expect(body.code).toBe(code);
      expect(typeof body.message).toBe('string');
    });
  }

  it('answers TooBig beyond max-table-size² cells, NoSegment only under a radius, NotImplemented without a road graph', async () => {
    const small = await appWith(router, { maxTableSize: 2 });
    expect((await get(`/osrm/table/v1/driving/${coords(p0, p1, p2)}`, small)).body.code).toBe('TooBig');
    expect((await get(`/osrm/table/v1/driving/${coords(p0, p1, p2)}?sources=0&destinations=1;2`, small)).status).toBe(200);
    await small.close();
    const far = await get(`/osrm/route/v1/driving/${coords(MONACO_SPEC_FIXTURE.farPoint, p0)}`);
    expect(far.status).toBe(200); // osrm-routed snaps without limit unless given radiuses or --default-radius
    expect(far.body.waypoints[0].distance).toBeGreaterThan(500);
    const limited = await appWith(router, { defaultRadiusM: 100 });
    expect((await get(`/osrm/route/v1/driving/${coords(MONACO_SPEC_FIXTURE.farPoint, p0)}`, limited)).body.code).toBe('NoSegment');
    await limited.close();
    const noGraph: RoutingProvider = { name: 'lines', table: router.table.bind(router), nearest: router.nearest.bind(router), route: router.route.bind(router) };
    const bare = await appWith(noGraph);
    expect(await get(`/osrm/route/v1/driving/${coords(p0, p1)}`, bare)).toMatchObject({ status: 501, body: { code: 'NotImplemented' } });
    await bare.close();
  });
});

describe('parameters that change the answer', () => {
  const route = async (query: string, points = [p0, p1]): Promise<Record<string, any>> => {
    const { status, body } = await get(`/osrm/route/v1/driving/${coords(...points)}?${query}`);
    expect(status, JSON.stringify(body)).toBe(200);
    return body;
  };

  it('radiuses: a point beyond its radius is NoSegment, within it Ok; unlimited has no limit', async () => {
    const snap = (await route('overview=false')).waypoints[0].distance;
    expect((await get(`/osrm/route/v1/driving/${coords(p0, p1)}?radiuses=${Math.max(0, snap - 1)};unlimited`)).body.code).toBe(snap >= 1 ? 'NoSegment' : 'Ok');
    expect((await route(`radiuses=${Math.ceil(snap) + 1};`)).code).toBe('Ok');
  });

  it('bearings: the snapped road runs within the range of the given bearing', async () => {
    const free = await route('overview=false&steps=true');
    const heading = free.routes[0].legs[0].steps[0].maneuver.bearing_after;
    const opposite = (heading + 180) % 360;
    const turned = await route(`overview=false&steps=true&bearings=${opposite},30;`);
    const after = turned.routes[0].legs[0].steps[0].maneuver.bearing_after;
    // Either the ride starts along the asked bearing, or (snapped at a segment's end) the route changed.
    const along = Math.min(Math.abs(after - opposite), 360 - Math.abs(after - opposite)) <= 45;
    expect(along || turned.routes[0].duration !== free.routes[0].duration).toBe(true);
  });

  it('hints: an answer’s hints place the coordinates again; foreign hints are ignored', async () => {
    const first = await route('overview=false');
    const hints = first.waypoints.map((w: any) => w.hint).join(';');
    const again = await route(`overview=false&hints=${hints}`);
    expect(again.waypoints.map((w: any) => w.location)).toEqual(first.waypoints.map((w: any) => w.location));
    expect(again.routes[0].duration).toBe(first.routes[0].duration);
    const foreign = 'xpMAgMqTAIAAAAAAlwAAAAAAAAAZAQAAAAAAAN87qEIAAAAA0PEbQwAAAACXAAAAAAAAABkBAABWAAAA7-BdBgPLof944V0GHMuh_wAA7w8AAAAA';
    expect((await route(`overview=false&hints=${foreign};`)).waypoints[0].location).toEqual(first.waypoints[0].location);
  });

  it('skip_waypoints, waypoints, annotations, overview=simplified, approaches and exclude', async () => {
    expect((await route('skip_waypoints=true')).waypoints).toBeUndefined();
    const through = await route('overview=false&waypoints=0;2', [p0, p2, p3]);
    const legs3 = await route('overview=false', [p0, p2, p3]);
    expect(through.routes[0].legs).toHaveLength(1);
    expect(through.waypoints).toHaveLength(3);
    expect(through.routes[0].duration).toBeCloseTo(legs3.routes[0].duration, 5);
    const annotated = (await route('overview=false&annotations=nodes,duration,distance,speed')).routes[0].legs[0].annotation;
    expect(annotated.nodes.length).toBe(annotated.distance.length + 1);
    expect(annotated.duration).toHaveLength(annotated.distance.length);
    expect(annotated.speed.every((v: number) => v >= 0 && v < 40)).toBe(true);
    const full = (await route('overview=full&geometries=geojson', [p0, p3])).routes[0].geometry.coordinates;
    const simplified = (await route('geometries=geojson', [p0, p3])).routes[0].geometry.coordinates;
    expect(simplified.length).toBeLessThan(full.length);
    expect(simplified[0]).toEqual(full[0]);
    expect(simplified.at(-1)).toEqual(full.at(-1));
    expect((await route('overview=false&approaches=curb;curb')).code).toBe('Ok');
    expect((await route('overview=false&exclude=toll,motorway')).routes[0].duration).toBe((await route('overview=false')).routes[0].duration);
  });

  it('continue_straight=true passes via points without a u-turn: never faster than allowing one', async () => {
    const points = [p0, p2, p3, p1];
    const free = (await route('overview=false&continue_straight=false', points)).routes[0];
    const straight = (await route('overview=false&continue_straight=true', points)).routes[0];
    expect(straight.duration).toBeGreaterThanOrEqual(free.duration);
    expect(straight.legs).toHaveLength(3);
  });

  it('table: scale_factor scales durations; fallback_speed lists the filled cells (none on a connected graph)', async () => {
    const plain = (await get(`/osrm/table/v1/driving/${coords(p0, p1, p2)}`)).body;
    const doubled = (await get(`/osrm/table/v1/driving/${coords(p0, p1, p2)}?scale_factor=2`)).body;
    doubled.durations.flat().forEach((d: number, k: number) => expect(Math.abs(d - 2 * plain.durations.flat()[k])).toBeLessThanOrEqual(0.1));
    const fallback = (await get(`/osrm/table/v1/driving/${coords(p0, p1, p2)}?fallback_speed=10&fallback_coordinate=snapped`)).body;
    expect(fallback.fallback_speed_cells).toEqual([]);
    expect(fallback.durations).toEqual(plain.durations);
  });

  it('trip visits every coordinate once and returns; match follows a trace along a route', async () => {
    const trip = (await get(`/osrm/trip/v1/driving/${coords(p0, p1, p2, p3)}?overview=false`)).body;
    expect(trip.code).toBe('Ok');
    expect(trip.trips[0].legs).toHaveLength(4);
    expect(trip.waypoints.map((w: any) => w.waypoint_index).sort()).toEqual([0, 1, 2, 3]);
    expect(trip.waypoints[0].waypoint_index).toBe(0);
    const open = (await get(`/osrm/trip/v1/driving/${coords(p0, p1, p2, p3)}?roundtrip=false&source=first&destination=last&overview=false`)).body;
    expect(open.trips[0].legs).toHaveLength(3);
    expect(open.waypoints[3].waypoint_index).toBe(3);
    const line = (await route('overview=full&geometries=geojson', [p0, p3])).routes[0];
    const trace = line.geometry.coordinates.filter((_: unknown, i: number) => i % 2 === 0).slice(0, 60);
    const matched = (await get(`/osrm/match/v1/driving/${coords(...trace)}?overview=false`)).body;
    expect(matched.code).toBe('Ok');
    expect(matched.tracepoints).toHaveLength(trace.length);
    const km = matched.matchings.reduce((s: number, m: any) => s + m.distance, 0);
    expect(km).toBeGreaterThan(0);
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
