// Golden answers of a real OSRM v6.0.0 on the same Jakarta data (fixtures/osrm-golden): jejaring's /osrm answers
// every recorded request with the same status, code and field types, with values within a stated tolerance; the
// OSRM client parses every recorded body, errors included, through a stub server replaying them.
import { readdirSync, readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import osrmCompat, { OSRM_MAX_URL_BYTES } from '../../api/plugins/osrm-compat.js';
import { openEmbeddedRouter } from '../../engine/routing/embedded-router.js';
import { OsrmHttpClient } from '../../engine/routing/osrm-http-client.js';
import { OsrmHttpProvider } from '../../engine/routing/osrm-http-provider.js';
import { shapeDifferences } from './helpers/osrm-shape.js';

const GOLDEN = 'fixtures/osrm-golden';
const JAKARTA = 'fixtures/osm/jakarta-roads-osm-2012-synthetic-ids.osm.pbf';

interface GoldenCase { name: string; request: string; status: number; code: string; server: 'main' | 'limits'; purpose: string }
interface Recorded { request: string; status: number; body: Record<string, any> }
const index = JSON.parse(readFileSync(`${GOLDEN}/cases/index.json`, 'utf8')) as GoldenCase[];
const recorded = (name: string): Recorded => JSON.parse(readFileSync(`${GOLDEN}/cases/${name}.json`, 'utf8')) as Recorded;

/** Value tolerance where both answer on the same data: jejaring's graph is node-based, OSRM's edge-based (README). */
const LOW = 0.7, HIGH = 1.35;
/** Cases whose route and table values are compared (the others differ by design: see `VALUE_EXCEPTIONS`). */
const VALUE_EXCEPTIONS: Record<string, string> = {
  'route-bearings': 'a bearing filter picks among different segments on a node-based graph',
  'route-approaches-curb': 'Indonesia drives on the left: curb is the left side in jejaring, the right in the recorded profile',
  'table-fallback-unreachable': 'OSRM divides fallback durations by 10 (osrm-backend#6584); jejaring does not',
  'route-sea-point-ok': 'the snapped point is compared, the 5 km of straight line before it differ by projection',
  'route-null-island-ok': 'an 11,879 km snap: only the shape is compared',
};

let main: FastifyInstance, limits: FastifyInstance;
beforeAll(async () => {
  const router = await openEmbeddedRouter({ graphPath: JAKARTA, profile: 'motorbike' });
  main = Fastify({ http: { maxHeaderSize: OSRM_MAX_URL_BYTES } });
  await main.register(osrmCompat, { prefix: '/osrm', provider: router, maxTableSize: 10_000 });
  limits = Fastify();
  await limits.register(osrmCompat, { prefix: '/osrm', provider: router, maxTableSize: 50, defaultRadiusM: 100 });
  await Promise.all([main.ready(), limits.ready()]);
}, 180_000);
afterAll(async () => {
  await main?.close();
  await limits?.close();
});

function ratioOk(expected: number, actual: number): boolean {
  if (expected === 0 || actual === 0) return Math.abs(expected - actual) <= 30; // a few seconds or metres on tiny legs
  const r = actual / expected;
  return r >= LOW && r <= HIGH;
}

function compareValues(name: string, expected: Record<string, any>, actual: Record<string, any>): string[] {
  const out: string[] = [];
  for (const [key, list] of [['routes', expected.routes], ['trips', expected.trips], ['matchings', expected.matchings]] as const) {
    if (!list) continue;
    if (actual[key].length !== list.length) out.push(`${key}: ${actual[key].length} vs OSRM ${list.length}`);
    list.forEach((theirs: Record<string, number>, i: number) => {
      const mine = actual[key][i];
      for (const field of ['duration', 'distance']) if (mine && !ratioOk(theirs[field], mine[field])) out.push(`${key}[${i}].${field}: ${mine?.[field]} vs OSRM ${theirs[field]}`);
    });
  }
  for (const table of ['durations', 'distances']) {
    const theirs = expected[table] as (number | null)[][] | undefined;
    if (!theirs) continue;
    theirs.forEach((row, i) => row.forEach((cell, j) => {
      const mine = actual[table][i][j];
      if ((cell === null) !== (mine === null)) out.push(`${table}[${i}][${j}]: ${mine} vs OSRM ${cell}`);
      else if (cell !== null && !ratioOk(cell, mine)) out.push(`${table}[${i}][${j}]: ${mine} vs OSRM ${cell}`);
    }));
  }
  for (const list of ['waypoints', 'sources', 'tracepoints']) {
    (expected[list] as ({ location: [number, number] } | null)[] | undefined)?.forEach((w, i) => {
      const mine = actual[list][i];
      if (!w || !mine) return;
      const dx = (mine.location[0] - w.location[0]) * 110_600, dy = (mine.location[1] - w.location[1]) * 110_600;
      if (Math.hypot(dx, dy) > 30) out.push(`${list}[${i}].location ${mine.location} is ${Math.round(Math.hypot(dx, dy))} m from OSRM's ${w.location}`);
    });
  }
  void name;
  return out;
}

describe('jejaring /osrm answers every recorded OSRM request like OSRM', () => {
  it('covers every recorded case', () => {
    expect(readdirSync(`${GOLDEN}/cases`).filter((f) => f !== 'index.json')).toHaveLength(index.length);
    expect(index.length).toBe(42);
  });
  for (const golden of index) {
    it(`${golden.name}: HTTP ${golden.status} ${golden.code}`, async () => {
      const { body: expected } = recorded(golden.name);
      const app = golden.server === 'limits' ? limits : main;
      const response = await app.inject({ method: 'GET', url: `/osrm${golden.request}` });
      const actual = response.json() as Record<string, any>;
      expect({ status: response.statusCode, code: actual.code }, actual.message).toEqual({ status: golden.status, code: golden.code });
      if (golden.status !== 200) {
        expect(Object.keys(actual).sort()).toEqual(['code', 'message']);
        return;
      }
      expect(shapeDifferences(expected, actual)).toEqual([]);
      if (!(golden.name in VALUE_EXCEPTIONS)) expect(compareValues(golden.name, expected, actual)).toEqual([]);
    });
  }

  it('agrees with OSRM over the 12×12 table: every cell within ×0.7–1.35, median ratio within 0.98–1.02', async () => {
    const values = JSON.parse(readFileSync(`${GOLDEN}/values/table-12.json`, 'utf8')) as { request: string; body: Record<string, (number | null)[][]> };
    const response = await main.inject({ method: 'GET', url: `/osrm${values.request}` });
    const mine = response.json() as Record<string, (number | null)[][]>;
    for (const table of ['durations', 'distances']) {
      const ratios: number[] = [];
      values.body[table].forEach((row, i) => row.forEach((cell, j) => {
        const own = mine[table][i][j];
        expect(own === null, `${table}[${i}][${j}]`).toBe(cell === null);
        if (cell && own) {
          ratios.push(own / cell);
          expect(ratioOk(cell, own), `${table}[${i}][${j}]: ${own} vs ${cell}`).toBe(true);
        }
      }));
      ratios.sort((a, b) => a - b);
      const median = ratios[Math.floor(ratios.length / 2)];
      expect(median).toBeGreaterThanOrEqual(0.98);
      expect(median).toBeLessThanOrEqual(1.02);
    }
  });
});

describe('the OSRM client parses every recorded answer (stub server replaying them)', () => {
  let stub: FastifyInstance;
  let stubUrl: string;
  const byUrl = new Map(index.map((c) => [c.request, recorded(c.name)]));
  beforeAll(async () => {
    stub = Fastify({ http: { maxHeaderSize: OSRM_MAX_URL_BYTES } });
    stub.get('/*', async (request, reply) => {
      const answer = byUrl.get(request.url) ?? byUrl.get(`/${(request.params as Record<string, string>)['*']}`);
      if (!answer) return reply.code(400).send({ code: 'InvalidUrl', message: `no recording for ${request.url}` });
      return reply.code(answer.status).send(answer.body);
    });
    stubUrl = await stub.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await stub?.close();
  });

  /** Engine error code the client turns each OSRM error code into. */
  const ENGINE_CODE: Record<string, string> = {
    InvalidUrl: 'invalid_url', InvalidService: 'osrm_error', InvalidVersion: 'osrm_error', InvalidOptions: 'invalid_options',
    InvalidQuery: 'invalid_query', InvalidValue: 'invalid_value', NoSegment: 'no_segment', NoRoute: 'no_route', TooBig: 'too_many_coordinates',
  };

  for (const golden of index) {
    it(`${golden.name}`, async () => {
      const client = new OsrmHttpClient(stubUrl);
      const match = /^\/([^/]+)\/([^/]+)\/([^/]+)\/([^?]*)(?:\?(.*))?$/.exec(golden.request);
      try {
        if (!match) {
          // The recorded request has no coordinates segment: ask for it verbatim.
          const response = await fetch(`${stubUrl}${golden.request}`);
          expect({ status: response.status, code: (await response.json()).code }).toEqual({ status: golden.status, code: golden.code });
          return;
        }
        const [, service, version, profile, coordinates, query] = match;
        const call = client.get<Record<string, unknown>>(service, profile, coordinates, Object.fromEntries(new URLSearchParams(query ?? '')), version);
        if (golden.status === 200) {
          expect(await call).toEqual(recorded(golden.name).body);
        } else {
          await expect(call).rejects.toMatchObject({ code: ENGINE_CODE[golden.code], message: expect.stringContaining(`OSRM ${golden.code}: ${recorded(golden.name).body.message}`) });
        }
      } finally {
        await client.close();
      }
    });
  }

  it('turns recorded route, table and nearest answers into the provider’s values', async () => {
    const answers = new Map([
      ['route', recorded('route-overview-full-geojson').body],
      ['table', recorded('table-duration-distance').body],
      ['nearest', recorded('nearest-3').body],
    ]);
    const replay = Fastify();
    replay.get('/:service/v1/:profile/*', async (request) => answers.get((request.params as { service: string }).service));
    const replayUrl = await replay.listen({ host: '127.0.0.1', port: 0 });
    const provider = new OsrmHttpProvider({ baseUrl: replayUrl });
    try {
      const points: [number, number][] = [[106.815864, -6.173924], [106.844823, -6.174457], [106.8455, -6.174], [106.783106, -6.168856], [106.864064, -6.21672]];
      const route = await provider.route(points.slice(0, 2));
      expect(route).toMatchObject({ durationS: 548, distanceM: 4926.2, legs: [{ durationS: 548, distanceM: 4926.2 }] });
      expect(route.geometry.coordinates).toEqual(answers.get('route')!.routes[0].geometry.coordinates);
      const table = await provider.table({ sources: points });
      expect(Array.from(table.durationS)).toEqual(answers.get('table')!.durations.flat().map((d: number) => Math.round(d)));
      expect(table.sources[0]).toEqual({ location: [106.815727, -6.173949], snapDistanceM: 15.41285647, name: 'Petojo Sabangan 3 / Kesehatan' });
      const nearest = await provider.nearest([106.8135, -6.188], 3);
      expect(nearest.map((n) => n.name)).toEqual(['Kebon Jati', 'Kebon Jati', 'Jati Bunder']);
    } finally {
      await provider.close();
      await replay.close();
    }
  });
});
