// Exactness on real OSM extracts (Monaco pbf, Surabaya-Sukolilo osm): thousands of random pairs, CH equals Dijkstra.
import { describe, expect, it } from 'vitest';
import { BucketTable } from '../../../../engine/graph/ch/bucket-table.js';
import { ChQuery } from '../../../../engine/graph/ch/ch-query.js';
import { contractHierarchy } from '../../../../engine/graph/ch/contract.js';
import { type PhantomNode, phantomNode } from '../../../../engine/graph/ch/phantom.js';
import { dijkstraTableKeys } from '../../../../engine/graph/dijkstra.js';
import { loadRoadGraph } from '../../../../engine/graph/load-road-graph.js';
import type { RoadGraph } from '../../../../engine/graph/road-graph.js';
import { Snapper } from '../../../../engine/graph/snapper.js';
import { edgeSources, randomPosition, seededRandom } from './random-graph.js';

/**
 * Half the points on random edge positions (islands included), half snapped from random coordinates near random
 * main-network nodes: the snapper snaps only onto the main network, and an island node can lie farther than its
 * 500 m reach from it.
 */
function randomPhantoms(graph: RoadGraph, count: number, seed: number): PhantomNode[] {
  const random = seededRandom(seed), sources = edgeSources(graph), snapper = new Snapper(graph);
  return Array.from({ length: count }, (_, i) => {
    if (i % 2 === 0) return phantomNode(graph, randomPosition(graph, sources, random));
    const u = Math.floor(random() * graph.mainNodeCount);
    return phantomNode(graph, snapper.snap([graph.lon[u] + (random() - 0.5) * 0.002, graph.lat[u] + (random() - 0.5) * 0.002]));
  });
}

for (const [file, profile] of [['monaco-2016-osrm-testdata.osm.pbf', 'motorbike'], ['surabaya-sukolilo-2013.osm', 'motorbike'], ['surabaya-sukolilo-2013.osm', 'car']] as const) {
  describe(`CH exactness on ${file} (${profile})`, () => {
    it('2,500 random pairs: point-to-point and bucket table keys equal Dijkstra', async () => {
      const { graph } = await loadRoadGraph(`fixtures/osm/${file}`, profile);
      const ch = contractHierarchy(graph);
      const from = randomPhantoms(graph, 50, 17), to = randomPhantoms(graph, 50, 29);
      const expected = dijkstraTableKeys(graph, from, to);
      const query = new ChQuery(ch);
      let mismatches = 0;
      for (let i = 0; i < from.length; i++) {
        for (let j = 0; j < to.length; j++) if (query.key(from[i], to[j]) !== expected[i * to.length + j]) mismatches++;
      }
      expect(mismatches).toBe(0);
      expect(Array.from(new BucketTable(ch).keys(from, to))).toEqual(Array.from(expected));
      // Every pair on the main network (the largest strongly connected component) is reachable; islands need not be.
      const onMain = (p: PhantomNode): boolean => p.occupancies.every((o) => o.tail < graph.mainNodeCount && o.head < graph.mainNodeCount);
      let mainPairs = 0;
      from.forEach((a, i) => to.forEach((b, j) => {
        if (!onMain(a) || !onMain(b)) return;
        mainPairs++;
        expect(Number.isFinite(expected[i * to.length + j])).toBe(true);
      }));
      expect(mainPairs).toBeGreaterThan(1_500);
    });
  });
}
