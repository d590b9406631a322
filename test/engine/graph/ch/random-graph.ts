// Seeded random road graphs and phantom positions for CH tests, built straight into the CSR RoadGraph arrays.
import type { RoadGraph } from '../../../../engine/graph/road-graph.js';
import type { EdgePosition } from '../../../../engine/graph/ch/phantom.js';
import { Prng } from '../../../../engine/random/prng.js';

/** Seeded floats in [0, 1) from the engine's generator. */
export function seededRandom(seed: number): () => number {
  const rng = new Prng(seed);
  return () => rng.next();
}

/** Compiles directed edges [from, to, durationDs, distanceDm] into a RoadGraph. */
export function graphFromEdges(nodeCount: number, edges: readonly (readonly number[])[], lon?: Float64Array, lat?: Float64Array): RoadGraph {
  const sorted = [...edges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (const e of sorted) firstEdge[e[0] + 1]++;
  for (let u = 0; u < nodeCount; u++) firstEdge[u + 1] += firstEdge[u];
  return {
    nodeCount,
    mainNodeCount: nodeCount,
    edgeCount: sorted.length,
    firstEdge,
    target: Uint32Array.from(sorted, (e) => e[1]),
    durationDs: Uint32Array.from(sorted, (e) => e[2]),
    distanceDm: Uint32Array.from(sorted, (e) => e[3]),
    nameIndex: new Uint32Array(sorted.length),
    roadClass: new Uint8Array(sorted.length),
    lon: lon ?? Float64Array.from({ length: nodeCount }, (_, i) => 106.8 + i * 1e-4),
    lat: lat ?? new Float64Array(nodeCount).fill(-6.2),
    names: [''],
    profile: 'test',
  };
}

/**
 * A w×h grid: most streets two-way, some one-way, some missing, integer weights with frequent ties, plus an
 * unreachable island street between the last two nodes (ids w·h and w·h+1).
 */
export function randomGridGraph(width: number, height: number, seed: number): RoadGraph {
  const random = seededRandom(seed);
  const edges: number[][] = [];
  const id = (x: number, y: number) => y * width + x;
  const link = (a: number, b: number) => {
    const r = random();
    if (r < 0.08) return;
    const durationDs = 5 + Math.floor(random() * 20), distanceDm = 50 + Math.floor(random() * 100);
    if (r < 0.25) edges.push(random() < 0.5 ? [a, b, durationDs, distanceDm] : [b, a, durationDs, distanceDm]);
    else edges.push([a, b, durationDs, distanceDm], [b, a, durationDs + (random() < 0.2 ? 3 : 0), distanceDm]);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x + 1 < width) link(id(x, y), id(x + 1, y));
      if (y + 1 < height) link(id(x, y), id(x, y + 1));
      if (x + 1 < width && y + 1 < height && random() < 0.1) link(id(x, y), id(x + 1, y + 1));
    }
  }
  const n = width * height + 2;
  edges.push([n - 2, n - 1, 30, 200], [n - 1, n - 2, 30, 200]);
  const lon = Float64Array.from({ length: n }, (_, i) => 106.8 + (i % width) * 0.001);
  const lat = Float64Array.from({ length: n }, (_, i) => -6.2 + Math.floor(i / width) * 0.001);
  return graphFromEdges(n, edges, lon, lat);
}

/** The edge from → to with the smallest duration, or -1. */
export function findEdge(graph: RoadGraph, from: number, to: number): number {
  let best = -1;
  for (let e = graph.firstEdge[from]; e < graph.firstEdge[from + 1]; e++) {
    if (graph.target[e] === to && (best < 0 || graph.durationDs[e] < graph.durationDs[best])) best = e;
  }
  return best;
}

/** Source node of every edge. */
export function edgeSources(graph: RoadGraph): Uint32Array {
  const source = new Uint32Array(graph.edgeCount);
  for (let u = 0; u < graph.nodeCount; u++) source.fill(u, graph.firstEdge[u], graph.firstEdge[u + 1]);
  return source;
}

/** A uniformly random position on a random edge (fractions 0 and 1 included now and then). */
export function randomPosition(graph: RoadGraph, sources: Uint32Array, random: () => number): EdgePosition {
  const edge = Math.floor(random() * graph.edgeCount);
  const from = sources[edge], to = graph.target[edge];
  const r = random();
  const fraction = r < 0.05 ? 0 : r < 0.1 ? 1 : random();
  return { edge, from, to, fraction, reverseEdge: findEdge(graph, to, from) };
}
