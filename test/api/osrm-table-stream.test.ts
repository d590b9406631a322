// /osrm tables are streamed in row chunks as they are computed: the chunked body equals the path keys of a direct
// many-to-many search, tables written at the same time do not disturb each other, and errors still come first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import osrmCompat, { OSRM_MAX_URL_BYTES } from '../../api/plugins/osrm-compat.js';
import { BucketTable } from '../../engine/graph/ch/bucket-table.js';
import { keyDistanceDm, keyDurationDs } from '../../engine/graph/ch/path-key.js';
import { openEmbeddedRouter, type EmbeddedRouter } from '../../engine/routing/embedded-router.js';
import { OsrmService } from '../../engine/routing/osrm-service/osrm-service.js';
import type { LonLat } from '../../engine/routing/routing-provider.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-osrm-stream-'));
let router: EmbeddedRouter;
let service: OsrmService;
let app: FastifyInstance;

beforeAll(async () => {
  router = await openEmbeddedRouter({ graphPath: 'fixtures/osm/monaco-2016-osrm-testdata.osm.pbf', profile: 'motorbike', cacheDir });
  service = new OsrmService(router.prepared);
  app = Fastify({ http: { maxHeaderSize: OSRM_MAX_URL_BYTES } });
  await app.register(osrmCompat, { prefix: '/osrm', service });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** `count` main-network node positions spread over the graph, starting at `offset`. */
function points(count: number, offset: number): LonLat[] {
  const { lon, lat, mainNodeCount } = router.prepared.graph;
  const step = Math.floor(mainNodeCount / count);
  return Array.from({ length: count }, (_, i) => [lon[offset + i * step], lat[offset + i * step]] as LonLat);
}

/** Durations and distances (OSRM's tenths as numbers) of a direct many-to-many search on the same placements. */
function direct(coordinates: LonLat[]): { durations: (number | null)[][]; distances: (number | null)[][] } {
  const placed = service.placeAll({ coordinates });
  const keys = new BucketTable(router.prepared.ch).keys(placed.map((p) => p.phantom), placed.map((p) => p.phantom));
  const n = coordinates.length;
  const matrix = (of: (key: number) => number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    const key = keys[i * n + j];
    return key === Infinity ? null : of(key) / 10;
  }));
  return { durations: matrix(keyDurationDs), distances: matrix(keyDistanceDm) };
}

const url = (coordinates: LonLat[], query: string) => `/osrm/table/v1/driving/${coordinates.map(([x, y]) => `${x},${y}`).join(';')}?${query}`;

describe('streamed /osrm tables', () => {
  it('sends a table of several row chunks, chunked, equal to a direct search', async () => {
    const coordinates = points(400, 0); // 160,000 cells: three chunks of rows
    const response = await app.inject({ method: 'GET', url: url(coordinates, 'annotations=duration,distance') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBeUndefined();
    const body = response.json();
    expect(body.code).toBe('Ok');
    expect({ durations: body.durations, distances: body.distances }).toEqual(direct(coordinates));
    expect(body.sources).toHaveLength(400);
  });

  it('writes tables requested at the same time each from its own search state', async () => {
    const a = points(300, 0), b = points(300, 7);
    const [first, second] = await Promise.all([a, b].map((c) => app.inject({ method: 'GET', url: url(c, 'annotations=duration,distance') })));
    expect(first.json().durations).toEqual(direct(a).durations);
    expect(second.json().distances).toEqual(direct(b).distances);
  });

  it('answers errors with their status before any byte of a table', async () => {
    const small = Fastify({ http: { maxHeaderSize: OSRM_MAX_URL_BYTES } });
    await small.register(osrmCompat, { prefix: '/osrm', service: new OsrmService(router.prepared, { maxTableSize: 10 }) });
    const response = await small.inject({ method: 'GET', url: url(points(11, 0), '') });
    expect({ status: response.statusCode, body: response.json() }).toEqual({ status: 400, body: { code: 'TooBig', message: 'Too many table coordinates' } });
    await small.close();
  });
});
