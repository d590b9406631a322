// Integration on the Jakarta 2012 network (motorbike): CH equals Dijkstra on random pairs, and market trips look like a city.
import { describe, expect, it } from 'vitest';
import { BucketTable } from '../../../../engine/graph/ch/bucket-table.js';
import { ChQuery } from '../../../../engine/graph/ch/ch-query.js';
import { phantomNode } from '../../../../engine/graph/ch/phantom.js';
import { dijkstraTableKeys } from '../../../../engine/graph/dijkstra.js';
import { loadOrBuildGraph } from '../../../../engine/graph/graph-cache.js';
import { Snapper } from '../../../../engine/graph/snapper.js';
import { EmbeddedRouter } from '../../../../engine/routing/embedded-router.js';
import { seededRandom } from './random-graph.js';

// Preprocessed once into the shared, gitignored cache (the CLI's default), then reused by later runs.
const jakarta = loadOrBuildGraph('fixtures/osm/jakarta-roads-osm-2012.geojson', { profile: 'motorbike', cacheDir: '.cache/graphs' });

describe('Jakarta road graph (motorbike)', () => {
  it('CH point-to-point and bucket tables equal Dijkstra over 1,600 random pairs', async () => {
    const { graph, ch } = await jakarta;
    const random = seededRandom(2012), snapper = new Snapper(graph);
    const points = Array.from({ length: 40 }, () => {
      const u = Math.floor(random() * graph.mainNodeCount);
      return phantomNode(graph, snapper.snap([graph.lon[u] + (random() - 0.5) * 0.003, graph.lat[u] + (random() - 0.5) * 0.003]));
    });
    const expected = dijkstraTableKeys(graph, points, points);
    expect(Array.from(new BucketTable(ch).keys(points, points))).toEqual(Array.from(expected));
    const query = new ChQuery(ch);
    let mismatches = 0;
    points.forEach((p, i) => points.forEach((q, j) => { if (query.key(p, q) !== expected[i * 40 + j]) mismatches++; }));
    expect(mismatches).toBe(0);
  });

  it('routes between pasar with city-like durations and a geometry as long as the distance', async () => {
    const router = new EmbeddedRouter(await jakarta);
    const senen = [106.8442, -6.1737] as const, tanahAbang = [106.8134, -6.1865] as const, minggu = [106.8424, -6.2843] as const;
    const route = await router.route([senen, tanahAbang, minggu]);
    expect(route.legs).toHaveLength(2);
    // Senen → Tanah Abang is ~3.7 km as the crow flies; by motorbike at urban speeds: 4–10 km, 6–30 min.
    expect(route.legs[0].distanceM).toBeGreaterThan(4000);
    expect(route.legs[0].distanceM).toBeLessThan(10_000);
    expect(route.legs[0].durationS).toBeGreaterThan(6 * 60);
    expect(route.legs[0].durationS).toBeLessThan(30 * 60);
    const table = await router.table({ sources: [senen, tanahAbang, minggu] });
    expect(table.durationS[0 * 3 + 1]).toBe(route.legs[0].durationS);
    expect(table.durationS[1 * 3 + 2]).toBe(route.legs[1].durationS);
  });
});
