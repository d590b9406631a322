// Hand-built RoadGraph fixtures for the basemap tests: two-way roads between lon/lat nodes with a speed each.
import type { RoadGraph } from '../../../../engine/graph/road-graph.js';

/** Builds a CSR graph from nodes [lon, lat] and two-way roads [a, b, speed m/s]; length from a flat 111 km/° estimate. */
export function tinyGraph(nodes: readonly [number, number][], roads: readonly [number, number, number][]): RoadGraph {
  const out: { to: number; speed: number; lengthM: number }[][] = nodes.map(() => []);
  for (const [a, b, speed] of roads) {
    const lengthM = Math.hypot(nodes[a][0] - nodes[b][0], nodes[a][1] - nodes[b][1]) * 111_000;
    out[a].push({ to: b, speed, lengthM });
    out[b].push({ to: a, speed, lengthM });
  }
  const firstEdge = new Uint32Array(nodes.length + 1);
  const target: number[] = [], durationDs: number[] = [], distanceDm: number[] = [];
  nodes.forEach((_, u) => {
    firstEdge[u] = target.length;
    for (const e of out[u]) {
      target.push(e.to);
      distanceDm.push(Math.max(1, Math.round(e.lengthM * 10)));
      durationDs.push(Math.max(1, Math.round((e.lengthM / e.speed) * 10)));
    }
  });
  firstEdge[nodes.length] = target.length;
  return {
    nodeCount: nodes.length, mainNodeCount: nodes.length, edgeCount: target.length, firstEdge, target: Uint32Array.from(target),
    durationDs: Uint32Array.from(durationDs), distanceDm: Uint32Array.from(distanceDm), nameIndex: new Uint32Array(target.length), roadClass: new Uint8Array(target.length),
    lon: Float64Array.from(nodes.map((n) => n[0])), lat: Float64Array.from(nodes.map((n) => n[1])), names: [''], profile: 'motorbike',
  };
}

/**
 *   0 ─ 1 ─ 2 ─ 3 ─ 4      main road (fast, 15 m/s), nodes 1–3 slightly off a straight line
 *           │
 *           5 ─ 6          side street (slow, 4 m/s), 6 is a dead end
 *           │
 *           7              lane (slow)
 */
export function crossroads(): RoadGraph {
  return tinyGraph(
    [[106.80, -6.20], [106.81, -6.20001], [106.82, -6.20], [106.83, -6.20001], [106.84, -6.20],
      [106.82, -6.21], [106.83, -6.21], [106.82, -6.22]],
    [[0, 1, 15], [1, 2, 15], [2, 3, 15], [3, 4, 15], [2, 5, 4], [5, 6, 4], [5, 7, 4]],
  );
}

/** A street grid (8 m/s) covering [minLon, maxLon] × [minLat, maxLat] with a street every `stepDeg` degrees each way. */
export function streetGrid(minLon: number, minLat: number, maxLon: number, maxLat: number, stepDeg: number): RoadGraph {
  const columns = Math.round((maxLon - minLon) / stepDeg) + 1, rows = Math.round((maxLat - minLat) / stepDeg) + 1;
  const nodes: [number, number][] = [];
  const roads: [number, number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const at = nodes.push([minLon + c * stepDeg, minLat + r * stepDeg]) - 1;
      if (c > 0) roads.push([at - 1, at, 8]);
      if (r > 0) roads.push([at - columns, at, 8]);
    }
  }
  return tinyGraph(nodes, roads);
}
