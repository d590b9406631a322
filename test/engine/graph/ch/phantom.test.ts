// Phantom nodes on a tiny hand-drawn graph: partial edges at both ends, same-edge paths, one-way streets.
import { describe, expect, it } from 'vitest';
import { BucketTable } from '../../../../engine/graph/ch/bucket-table.js';
import { ChQuery } from '../../../../engine/graph/ch/ch-query.js';
import { contractHierarchy } from '../../../../engine/graph/ch/contract.js';
import { keyDistanceDm, keyDurationDs } from '../../../../engine/graph/ch/path-key.js';
import { phantomNode } from '../../../../engine/graph/ch/phantom.js';
import { OneToManyDijkstra } from '../../../../engine/graph/dijkstra.js';
import { graphFromEdges } from './random-graph.js';

//   0 ==100== 1 ==100== 2      '==' two-way (duration ds = 100, distance dm = 1000 each way)
//   |                   ^
//   └──────300──────────┘      0 → 3 → 2 is one-way: 0 → 3 (150 ds) and 3 → 2 (150 ds)
//   (node 3 sits below)
const graph = graphFromEdges(4, [
  [0, 1, 100, 1000], [1, 0, 100, 1000], [1, 2, 100, 1000], [2, 1, 100, 1000],
  [0, 3, 150, 1500], [3, 2, 150, 1500],
]);
const edge = (from: number, to: number) => {
  for (let e = graph.firstEdge[from]; e < graph.firstEdge[from + 1]; e++) if (graph.target[e] === to) return e;
  return -1;
};
const on = (from: number, to: number, fraction: number) => phantomNode(graph, { edge: edge(from, to), from, to, fraction, reverseEdge: edge(to, from) });
const ch = contractHierarchy(graph);
const query = new ChQuery(ch);
const durationDs = (key: number) => keyDurationDs(key);

describe('phantom nodes', () => {
  it('travels the remaining part of the source edge and the first part of the target edge', () => {
    const key = query.key(on(0, 1, 0.25), on(1, 2, 0.5));
    expect(durationDs(key)).toBe(75 + 50);
    expect(keyDistanceDm(key)).toBe(750 + 500);
  });

  it('goes straight along a shared edge when the target lies ahead, both directions of a two-way road', () => {
    expect(durationDs(query.key(on(0, 1, 0.2), on(0, 1, 0.7)))).toBe(50);
    expect(durationDs(query.key(on(0, 1, 0.7), on(0, 1, 0.2)))).toBe(50); // via the reverse edge 1 → 0
    expect(query.path(on(0, 1, 0.2), on(0, 1, 0.7)).nodes).toEqual([]);
  });

  it('on a one-way street with the target behind the source, goes around', () => {
    // Source 3/4 along 0 → 3, target 1/4 along it: continue to 3, on to 2, back to 1 and 0, then 1/4 of 0 → 3.
    const key = query.key(on(0, 3, 0.75), on(0, 3, 0.25));
    expect(durationDs(key)).toBe((150 - Math.round(0.75 * 150)) + 150 + 100 + 100 + Math.round(0.25 * 150));
    expect(query.path(on(0, 3, 0.75), on(0, 3, 0.25)).nodes).toEqual([3, 2, 1, 0]);
  });

  it('a point on an edge end may leave or arrive by any edge of that node', () => {
    // Snapped onto node 0 via the one-way edge 0 → 3 (fraction 0): straight to node 1, no detour through 3.
    expect(durationDs(query.key(on(0, 3, 0), on(0, 1, 1)))).toBe(100);
    // Snapped onto node 2 as the end of 3 → 2 (fraction 1), heading to node 1.
    expect(durationDs(query.key(on(3, 2, 1), on(1, 2, 0)))).toBe(100);
    expect(query.key(on(0, 3, 0), on(0, 1, 0))).toBe(0);
  });

  it('agrees with Dijkstra and the bucket table on every pair of these points', () => {
    const points = [on(0, 1, 0.25), on(0, 1, 0.75), on(1, 2, 0), on(1, 2, 1), on(0, 3, 0.75), on(0, 3, 0.25), on(3, 2, 0.5), on(0, 3, 0), on(3, 2, 1)];
    const dijkstra = new OneToManyDijkstra(graph);
    const expected = new Float64Array(points.length * points.length);
    points.forEach((p, i) => dijkstra.run(p, points, expected, i * points.length));
    expect(Array.from(new BucketTable(ch).keys(points, points))).toEqual(Array.from(expected));
    points.forEach((p, i) => points.forEach((q, j) => expect(query.key(p, q)).toBe(expected[i * points.length + j])));
    for (let i = 0; i < points.length; i++) expect(expected[i * points.length + i]).toBe(0);
  });
});
