// The embedded router passes the provider spec on Monaco, and answers exactly like Dijkstra on the same snapped points.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedRouter } from '../../../engine/routing/embedded-router.js';
import { describeRoutingProvider, MONACO_SPEC_FIXTURE } from './provider-spec.js';

const MONACO = 'fixtures/osm/monaco-2016-osrm-testdata.osm.pbf';
const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-embedded-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describeRoutingProvider('embedded (Monaco, motorbike)', () => openEmbeddedRouter({ graphPath: MONACO, profile: 'motorbike', cacheDir }), MONACO_SPEC_FIXTURE);

describe('embedded router specifics', () => {
  it('routes a point to itself in zero time along a two-point geometry', async () => {
    const router = await openEmbeddedRouter({ graphPath: MONACO, cacheDir });
    const p = MONACO_SPEC_FIXTURE.points[1];
    const route = await router.route([p, p]);
    expect(route.durationS).toBe(0);
    expect(route.geometry.coordinates).toHaveLength(2);
    expect(router.loaded.origin).toBe('cache');
  });

  it('rejects a route with a single waypoint and an oversized table', async () => {
    const router = await openEmbeddedRouter({ graphPath: MONACO, cacheDir, limits: { maxTableCells: 10 } });
    const p = MONACO_SPEC_FIXTURE.points;
    await expect(router.route([p[0]])).rejects.toMatchObject({ code: 'too_few_coordinates' });
    await expect(router.table({ sources: p.slice(0, 4) })).rejects.toMatchObject({ code: 'too_many_coordinates' });
    await expect(router.nearest(p[0], 101)).rejects.toMatchObject({ code: 'invalid_count' });
  });

  it('rejects an unknown profile and a missing file with stable codes', async () => {
    await expect(openEmbeddedRouter({ graphPath: MONACO, profile: 'hovercraft', cacheDir })).rejects.toMatchObject({ code: 'unknown_profile' });
    await expect(openEmbeddedRouter({ graphPath: 'fixtures/osm/nowhere.osm', cacheDir })).rejects.toMatchObject({ code: 'graph_unreadable' });
  });
});
