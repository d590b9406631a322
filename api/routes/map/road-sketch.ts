// RoadSketch: the road graph redrawn as drawable polylines (junction-to-junction chains), ranked by speed and indexed in space.
import Flatbush from 'flatbush';
import type { RoadGraph } from '../../../engine/index.js';

/** Drawable chains of a road graph; rank 0 = major roads (fastest ~15 % of length), 1 = medium (next ~35 %), 2 = minor. */
export interface RoadSketch {
  readonly chainCount: number;
  /** Per chain (length chainCount + 1): index of its first vertex in `lonLat` (vertex k at lonLat[2k], lonLat[2k+1]). */
  readonly firstVertex: Uint32Array;
  /** Per vertex: longitude, latitude interleaved, degrees. */
  readonly lonLat: Float64Array;
  /** Per chain: speed rank, 0 (major) … 2 (minor). */
  readonly rank: Uint8Array;
  /** Chain bounding boxes, searchable by lon/lat box. */
  readonly index: Flatbush | null;
}

/** Share of road length in rank 0 and in ranks 0–1. */
const MAJOR_SHARE = 0.15;
const MEDIUM_SHARE = 0.5;

interface UndirectedEdges {
  readonly count: number;
  /** Per undirected edge: its end nodes (a < b) and speed in m/s. */
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly speedMs: Float32Array;
  readonly lengthM: Float32Array;
}

function undirectedEdges(graph: RoadGraph): UndirectedEdges {
  const seen = new Map<number, number>();
  const a: number[] = [];
  const b: number[] = [];
  const speed: number[] = [];
  const length: number[] = [];
  for (let u = 0; u < graph.nodeCount; u++) {
    for (let e = graph.firstEdge[u]; e < graph.firstEdge[u + 1]; e++) {
      const v = graph.target[e];
      if (v === u) continue;
      const lo = Math.min(u, v);
      const hi = Math.max(u, v);
      const key = lo * graph.nodeCount + hi;
      const speedMs = graph.distanceDm[e] / graph.durationDs[e];
      const known = seen.get(key);
      if (known !== undefined) {
        speed[known] = Math.max(speed[known], speedMs);
        continue;
      }
      seen.set(key, a.length);
      a.push(lo);
      b.push(hi);
      speed.push(speedMs);
      length.push(graph.distanceDm[e] / 10);
    }
  }
  return { count: a.length, a: Uint32Array.from(a), b: Uint32Array.from(b), speedMs: Float32Array.from(speed), lengthM: Float32Array.from(length) };
}

/** Speed thresholds (m/s) splitting the network by length share into ranks 0, 1, 2. */
function rankThresholds(edges: UndirectedEdges): [number, number] {
  const order = Array.from({ length: edges.count }, (_, i) => i).sort((x, y) => edges.speedMs[y] - edges.speedMs[x]);
  let total = 0;
  for (let i = 0; i < edges.count; i++) total += edges.lengthM[i];
  let run = 0;
  let major = Infinity;
  let medium = Infinity;
  for (const i of order) {
    run += edges.lengthM[i];
    if (major === Infinity && run >= total * MAJOR_SHARE) major = edges.speedMs[i];
    if (medium === Infinity && run >= total * MEDIUM_SHARE) medium = edges.speedMs[i];
  }
  return [major, medium];
}

/** Builds the sketch once per loaded graph (linear in edges, plus one sort). */
export function buildRoadSketch(graph: RoadGraph): RoadSketch {
  const edges = undirectedEdges(graph);
  const [major, medium] = rankThresholds(edges);
  const edgeRank = new Uint8Array(edges.count); // per undirected edge: speed rank
  for (let i = 0; i < edges.count; i++) edgeRank[i] = edges.speedMs[i] >= major ? 0 : edges.speedMs[i] >= medium ? 1 : 2;
  // Undirected adjacency in CSR: slots first[u] .. first[u+1]-1 hold (neighbour, undirected edge id).
  const first = new Uint32Array(graph.nodeCount + 1); // per node + 1: first adjacency slot
  for (let i = 0; i < edges.count; i++) { first[edges.a[i] + 1]++; first[edges.b[i] + 1]++; }
  for (let u = 0; u < graph.nodeCount; u++) first[u + 1] += first[u];
  const fill = first.slice(0, graph.nodeCount); // per node: next free slot while filling
  const neighbour = new Uint32Array(edges.count * 2); // per slot: the node at the other end
  const edgeOf = new Uint32Array(edges.count * 2); // per slot: undirected edge id
  for (let i = 0; i < edges.count; i++) {
    const sa = fill[edges.a[i]]++; neighbour[sa] = edges.b[i]; edgeOf[sa] = i;
    const sb = fill[edges.b[i]]++; neighbour[sb] = edges.a[i]; edgeOf[sb] = i;
  }
  const degree = (u: number): number => first[u + 1] - first[u];
  const used = new Uint8Array(edges.count); // per undirected edge: 1 once drawn
  const lonLat: number[] = [];
  const firstVertex: number[] = [0];
  const rank: number[] = [];

  const walk = (start: number, slot: number): void => {
    const chainRank = edgeRank[edgeOf[slot]];
    lonLat.push(graph.lon[start], graph.lat[start]);
    let cur = start;
    let s = slot;
    for (;;) {
      used[edgeOf[s]] = 1;
      const next = neighbour[s];
      lonLat.push(graph.lon[next], graph.lat[next]);
      cur = next;
      if (degree(cur) !== 2) break;
      let onward = -1;
      for (let t = first[cur]; t < first[cur + 1]; t++) if (!used[edgeOf[t]]) onward = t;
      if (onward < 0 || edgeRank[edgeOf[onward]] !== chainRank) break;
      s = onward;
    }
    firstVertex.push(lonLat.length / 2);
    rank.push(chainRank);
  };
  for (let u = 0; u < graph.nodeCount; u++) {
    if (degree(u) === 2) continue;
    for (let s = first[u]; s < first[u + 1]; s++) if (!used[edgeOf[s]]) walk(u, s);
  }
  for (let u = 0; u < graph.nodeCount; u++) {
    for (let s = first[u]; s < first[u + 1]; s++) if (!used[edgeOf[s]]) walk(u, s); // rank breaks and pure cycles
  }
  return finishSketch(Uint32Array.from(firstVertex), Float64Array.from(lonLat), Uint8Array.from(rank));
}

function finishSketch(firstVertex: Uint32Array, lonLat: Float64Array, rank: Uint8Array): RoadSketch {
  const chainCount = rank.length;
  if (chainCount === 0) return { chainCount, firstVertex, lonLat, rank, index: null };
  const index = new Flatbush(chainCount);
  for (let c = 0; c < chainCount; c++) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let k = firstVertex[c]; k < firstVertex[c + 1]; k++) {
      const x = lonLat[2 * k], y = lonLat[2 * k + 1];
      if (x < minX) minX = x; if (x > maxX) maxX = x;
      if (y < minY) minY = y; if (y > maxY) maxY = y;
    }
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  return { chainCount, firstVertex, lonLat, rank, index };
}
