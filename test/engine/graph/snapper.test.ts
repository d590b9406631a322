// Snapper: projection onto segments (not nodes), edge/fraction/reverse bookkeeping, limits and bad coordinates, exactness vs brute force.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRoadGraph } from '../../../engine/graph/build-road-graph.js';
import { haversineM, metresPerDegree } from '../../../engine/geo.js';
import { loadRoadGraph } from '../../../engine/graph/load-road-graph.js';
import type { RoadGraph } from '../../../engine/graph/road-graph.js';
import { Snapper } from '../../../engine/graph/snapper.js';
import { asciiRoadMap } from './ascii-road-map.js';

const METRES_PER_DEG_LAT = 111_195.08;

describe('Snapper on a hand-drawn street', () => {
  // a and b are 60 m apart on a two-way street; c-d-e is a one-way loop 100 m further south.
  const map = asciiRoadMap(['a-----b', '', '', '', '', '', '', '', '', '', 'c---d', ' \\ /', '  e'].join('\n'), [
    { nodes: 'ab', tags: { name: 'Jalan Kenari' } },
    { nodes: 'bd' },
    { nodes: 'cdec', tags: { oneway: 'yes' } },
  ]);
  const graph = buildRoadGraph(map.ways, 'motorbike');
  const snapper = new Snapper(graph);
  const [aLon, aLat] = map.at('a');
  const [bLon] = map.at('b');

  it('projects onto the segment interior, not the nearest node', () => {
    const query: [number, number] = [aLon + (bLon - aLon) / 3, aLat + 4 / METRES_PER_DEG_LAT]; // 4 m north of the point 20 m along a-b
    const snap = snapper.snap(query);
    expect(snap.snapDistanceM).toBeCloseTo(4, 1);
    expect(snap.name).toBe('Jalan Kenari');
    expect(snap.location[1]).toBeCloseTo(aLat, 6);
    const fromIsA = Math.abs(graph.lon[snap.from] - aLon) < 1e-6;
    expect(snap.fraction).toBeCloseTo(fromIsA ? 1 / 3 : 2 / 3, 3);
    expect(graph.target[snap.edge]).toBe(snap.to);
    expect(snap.reverseEdge).toBeGreaterThanOrEqual(0);
    expect(graph.target[snap.reverseEdge]).toBe(snap.from);
  });

  it('returns the only direction and no reverse edge on a one-way road', () => {
    const [cLon, cLat] = map.at('c');
    const [dLon] = map.at('d');
    const snap = snapper.snap([(cLon + dLon) / 2, cLat + 1 / METRES_PER_DEG_LAT]);
    expect(snap.reverseEdge).toBe(-1);
    expect(graph.lon[snap.from]).toBeCloseTo(cLon, 7);
    expect(graph.lon[snap.to]).toBeCloseTo(dLon, 7);
    expect(snap.fraction).toBeCloseTo(0.5, 3);
  });

  it('lists distinct segments nearest first', () => {
    const hits = snapper.nearest([aLon + 1e-5, aLat - 3 / METRES_PER_DEG_LAT], 3);
    expect(hits).toHaveLength(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i].snapDistanceM).toBeGreaterThanOrEqual(hits[i - 1].snapDistanceM);
    expect(new Set(hits.map((h) => h.edge)).size).toBe(3);
  });

  it('rejects a point beyond maxSnapM with no_segment naming the coordinate', () => {
    const far: [number, number] = [aLon, aLat + 600 / METRES_PER_DEG_LAT];
    expect(() => snapper.snap(far)).toThrowError(expect.objectContaining({ code: 'no_segment', kind: 'routing', message: expect.stringContaining(String(far[1])) }));
    expect(new Snapper(graph, { maxSnapM: 1000 }).snap(far).snapDistanceM).toBeCloseTo(600, -1);
  });

  it('rejects NaN and out-of-range coordinates with invalid_coordinate', () => {
    for (const bad of [[Number.NaN, -6.2], [106.8, 91], [181, 0], [106.8], 'x'] as unknown as [number, number][]) {
      expect(() => snapper.snap(bad)).toThrowError(expect.objectContaining({ code: 'invalid_coordinate', kind: 'input' }));
    }
    expect(() => snapper.nearest([aLon, aLat], 0)).toThrowError(expect.objectContaining({ code: 'invalid_count' }));
  });
});

/** Brute force: smallest local-metric distance from the query to any edge's segment (main network only, or all). */
function bruteForceM(graph: RoadGraph, qLon: number, qLat: number, islands = false): number {
  const m = metresPerDegree(qLat);
  const limit = islands ? graph.nodeCount : graph.mainNodeCount;
  let best = Infinity;
  for (let u = 0; u < limit; u++) {
    for (let e = graph.firstEdge[u]; e < graph.firstEdge[u + 1]; e++) {
      const v = graph.target[e];
      if (v >= limit) continue;
      const ax = (graph.lon[u] - qLon) * m.lon, ay = (graph.lat[u] - qLat) * m.lat;
      const dx = (graph.lon[v] - qLon) * m.lon - ax, dy = (graph.lat[v] - qLat) * m.lat - ay;
      const t = Math.min(1, Math.max(0, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
    }
  }
  return best;
}

describe('Snapper on Surabaya (real OSM XML)', () => {
  let graph: RoadGraph;
  let snapper: Snapper;
  beforeAll(async () => {
    graph = (await loadRoadGraph('fixtures/osm/surabaya-sukolilo-2013.osm', 'motorbike')).graph;
    snapper = new Snapper(graph, { maxSnapM: 5000 });
  });

  it('finds the same nearest distance as a brute-force scan of every segment (main network, or islands too)', () => {
    const withIslands = new Snapper(graph, { maxSnapM: 5000, islands: true });
    expect(graph.mainNodeCount).toBeLessThan(graph.nodeCount);
    fc.assert(
      fc.property(fc.double({ min: 112.76, max: 112.80, noNaN: true }), fc.double({ min: -7.311, max: -7.28, noNaN: true }), (lon, lat) => {
        const m = metresPerDegree(lat);
        for (const [s, islands] of [[snapper, false], [withIslands, true]] as const) {
          const snap = s.snap([lon, lat]);
          const found = Math.hypot((snap.location[0] - lon) * m.lon, (snap.location[1] - lat) * m.lat);
          expect(found).toBeCloseTo(bruteForceM(graph, lon, lat, islands), 6);
          expect(snap.snapDistanceM).toBeCloseTo(haversineM(lon, lat, snap.location[0], snap.location[1]), 9);
          if (!islands) expect(Math.max(snap.from, snap.to)).toBeLessThan(graph.mainNodeCount);
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});

describe('Snapper on Jakarta (GeoJSON layer, motorbike)', () => {
  // The fixture markets (approximate positions; snapping puts them on the road).
  const MARKETS: Record<string, [number, number]> = {
    'Pasar Senen': [106.8442, -6.1737], 'Pasar Baru': [106.834, -6.1628], 'Pasar Tanah Abang': [106.8134, -6.1865],
    'Pasar Jatinegara': [106.8703, -6.2146], 'Pasar Minggu': [106.8424, -6.2843], 'Pasar Kramat Jati': [106.866, -6.271],
    'Pasar Rawamangun': [106.889, -6.1955], 'Pasar Santa': [106.804, -6.2394], 'Pasar Mayestik': [106.7975, -6.2424],
    'Pasar Palmerah': [106.7975, -6.2075],
  };

  it('puts every fixture market on a motorbike road within 200 m', async () => {
    const { graph } = await loadRoadGraph('fixtures/osm/jakarta-roads-osm-2012.geojson', 'motorbike');
    const snapper = new Snapper(graph);
    for (const [market, point] of Object.entries(MARKETS)) {
      const snap = snapper.snap(point);
      expect(snap.snapDistanceM, market).toBeLessThan(200);
      expect(graph.target[snap.edge]).toBe(snap.to);
    }
  });
});
