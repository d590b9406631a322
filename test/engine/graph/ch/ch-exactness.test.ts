// CH exactness on seeded random grids: point-to-point and bucket tables equal plain Dijkstra, key for key.
import { describe, expect, it } from 'vitest';
import { BucketTable } from '../../../../engine/graph/ch/bucket-table.js';
import { ChQuery } from '../../../../engine/graph/ch/ch-query.js';
import { contractHierarchy } from '../../../../engine/graph/ch/contract.js';
import { edgeKeys } from '../../../../engine/graph/ch/path-key.js';
import { phantomNode } from '../../../../engine/graph/ch/phantom.js';
import { OneToManyDijkstra, dijkstraTableKeys } from '../../../../engine/graph/dijkstra.js';
import { edgeSources, findEdge, randomGridGraph, randomPosition, seededRandom } from './random-graph.js';

describe('contraction hierarchy on random grids', () => {
  for (const seed of [1, 2, 3]) {
    it(`point-to-point keys and paths equal Dijkstra (seed ${seed})`, () => {
      const graph = randomGridGraph(30, 25, seed);
      const ch = contractHierarchy(graph);
      const query = new ChQuery(ch), dijkstra = new OneToManyDijkstra(graph);
      const keys = edgeKeys(graph.durationDs, graph.distanceDm);
      const random = seededRandom(seed * 7), sources = edgeSources(graph);
      const out = new Float64Array(1);
      let reachable = 0;
      for (let k = 0; k < 400; k++) {
        const s = phantomNode(graph, randomPosition(graph, sources, random));
        const t = phantomNode(graph, randomPosition(graph, sources, random));
        dijkstra.run(s, [t], out);
        const path = query.path(s, t);
        expect(path.key).toBe(out[0]);
        if (path.key === Infinity || path.nodes.length === 0) continue;
        reachable++;
        // The unpacked nodes form a real path whose key plus the phantom ends equals the answer.
        let sum = s.occupancies.find((o) => o.head === path.nodes[0])!.toHeadKey;
        for (let i = 1; i < path.nodes.length; i++) {
          const e = findEdge(graph, path.nodes[i - 1], path.nodes[i]);
          expect(e).toBeGreaterThanOrEqual(0);
          let best = Infinity;
          for (let f = graph.firstEdge[path.nodes[i - 1]]; f < graph.firstEdge[path.nodes[i - 1] + 1]; f++) {
            if (graph.target[f] === path.nodes[i] && keys[f] < best) best = keys[f];
          }
          sum += best;
        }
        const last = path.nodes[path.nodes.length - 1];
        const ends = t.occupancies.filter((o) => o.tail === last).map((o) => sum + o.fromTailKey);
        expect(Math.min(...ends)).toBe(path.key);
      }
      expect(reachable).toBeGreaterThan(200);
    });
  }

  it('bucket tables equal one-to-many Dijkstra', () => {
    const graph = randomGridGraph(40, 30, 11);
    const ch = contractHierarchy(graph);
    const random = seededRandom(5), sources = edgeSources(graph);
    const from = Array.from({ length: 37 }, () => phantomNode(graph, randomPosition(graph, sources, random)));
    const to = Array.from({ length: 23 }, () => phantomNode(graph, randomPosition(graph, sources, random)));
    const island = graph.nodeCount - 2;
    to.push(from[0], from[1], phantomNode(graph, { edge: graph.firstEdge[island], from: island, to: island + 1, fraction: 0.3, reverseEdge: graph.firstEdge[island + 1] }));
    const table = new BucketTable(ch);
    const expected = dijkstraTableKeys(graph, from, to);
    expect(Array.from(table.keys(from, to))).toEqual(Array.from(expected));
    expect(Array.from(table.keys(to, from))).toEqual(Array.from(dijkstraTableKeys(graph, to, from)));
    expect(expected.some((k) => k === Infinity)).toBe(true);
  });
});
