// The `exclude` hierarchies are made ready at start-up (contracted on a worker thread, then read from beside the graph
// cache), so a request with exclude never contracts one; a request arriving while they are prepared waits for them.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import osrmCompat from '../../../api/plugins/osrm-compat.js';
import { getProfile } from '../../../engine/graph/profiles/index.js';
import { openEmbeddedRouter, type OpenedEmbeddedRouter } from '../../../engine/routing/embedded-router.js';
import { exclusionCachePath, exclusionMasks } from '../../../engine/routing/osrm-service/exclusion-hierarchies.js';
import { OsrmService } from '../../../engine/routing/osrm-service/osrm-service.js';
import { MONACO_SPEC_FIXTURE } from './provider-spec.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-osrm-exclusions-'));
const [p0, , p2, p3] = MONACO_SPEC_FIXTURE.points;
let router: OpenedEmbeddedRouter;

beforeAll(async () => {
  router = await openEmbeddedRouter({ graphPath: 'fixtures/osm/monaco-2016-osrm-testdata.osm.pbf', profile: 'motorbike', cacheDir });
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const excludeGang = { coordinates: [p0, p2, p3], exclude: ['gang'], overview: 'false' as const };
const gangMask = () => 1 << getProfile('motorbike').roadClasses.findIndex((rule) => rule.name === 'gang');

describe('exclude hierarchies prepared at start-up', () => {
  it('lists every combination of the classes present', () => {
    expect(exclusionMasks(0b101)).toEqual([0b001, 0b100, 0b101]);
    expect(exclusionMasks(0)).toEqual([]);
  });

  it('contracts them on a worker, writes them beside the graph cache, and a request then builds nothing', async () => {
    const service = new OsrmService(router.prepared);
    await service.prepareExclusions();
    expect(service.exclusionBuilds.worker).toBeGreaterThan(0); // Monaco has gang roads (footways, living streets)
    expect(service.exclusionBuilds).toMatchObject({ cache: 0, inRequest: 0 });
    expect(existsSync(exclusionCachePath(router.loaded.cachePath, getProfile('motorbike'), gangMask()))).toBe(true);
    const prepared = service.route(excludeGang);
    expect(service.exclusionBuilds.inRequest).toBe(0);

    const onDemand = new OsrmService(router.prepared);
    expect(onDemand.route(excludeGang)).toEqual(prepared); // same hierarchy answers, built inside the request there
    expect(onDemand.exclusionBuilds.inRequest).toBe(1);
  });

  it('reads them from the cache on the next start', async () => {
    const service = new OsrmService(router.prepared);
    await service.prepareExclusions();
    expect(service.exclusionBuilds).toMatchObject({ worker: 0, inRequest: 0 });
    expect(service.exclusionBuilds.cache).toBeGreaterThan(0);
  });

  it('through /osrm: a request sent right after start-up waits for the preparation instead of contracting', async () => {
    const service = new OsrmService({ graph: router.prepared.graph, ch: router.prepared.ch }); // no cache file: a worker contracts
    const app = Fastify();
    await app.register(osrmCompat, { prefix: '/osrm', service });
    await app.ready();
    const coordinates = excludeGang.coordinates.map(([x, y]) => `${x},${y}`).join(';');
    const response = await app.inject({ method: 'GET', url: `/osrm/route/v1/driving/${coordinates}?exclude=gang&overview=false` });
    expect(response.statusCode).toBe(200);
    expect(service.exclusionBuilds).toMatchObject({ inRequest: 0, cache: 0 });
    expect(service.exclusionBuilds.worker).toBeGreaterThan(0);
    await app.close();
  });
});
