// Who meets at a graph node: every neighbour (in or out), the bearing towards it and whether a vehicle may enter it.
import type { RoadGraph } from '../../graph/road-graph.js';
import { bearingDeg } from './geometry.js';

/** One intersection as OSRM describes it: bearings sorted clockwise, entry flags, and indices of in/out roads. */
export interface Junction {
  readonly bearings: number[];
  readonly entry: boolean[];
  /** Neighbour node per bearing. */
  readonly neighbours: number[];
}

/** Incoming adjacency (CSR by head) of a road graph, built once. */
export class RoadJunctions {
  private readonly inFirst: Uint32Array;
  private readonly inSource: Uint32Array;

  constructor(private readonly graph: RoadGraph) {
    const { nodeCount, firstEdge, target } = graph;
    const inFirst = new Uint32Array(nodeCount + 1);
    for (let e = 0; e < target.length; e++) inFirst[target[e] + 1]++;
    for (let u = 0; u < nodeCount; u++) inFirst[u + 1] += inFirst[u];
    const fill = inFirst.slice(0, nodeCount);
    const inSource = new Uint32Array(target.length);
    for (let u = 0; u < nodeCount; u++) for (let e = firstEdge[u]; e < firstEdge[u + 1]; e++) inSource[fill[target[e]]++] = u;
    this.inFirst = inFirst;
    this.inSource = inSource;
  }

  /** Distinct neighbours of u (by in or out edges). */
  neighbours(u: number): number[] {
    const { firstEdge, target } = this.graph;
    const out = new Set<number>();
    for (let e = firstEdge[u]; e < firstEdge[u + 1]; e++) out.add(target[e]);
    for (let i = this.inFirst[u]; i < this.inFirst[u + 1]; i++) out.add(this.inSource[i]);
    return [...out];
  }

  /** More than two roads meet at u: a place where a rider chooses. */
  isIntersection(u: number): boolean {
    return this.neighbours(u).length > 2;
  }

  /** The junction at u, bearings in whole degrees sorted ascending. */
  junction(u: number): Junction {
    const { firstEdge, target, lon, lat } = this.graph;
    const rows = this.neighbours(u).map((v) => {
      let enter = false;
      for (let e = firstEdge[u]; e < firstEdge[u + 1]; e++) if (target[e] === v) enter = true;
      return { v, bearing: Math.round(bearingDeg(lon[u], lat[u], lon[v], lat[v])) % 360, enter };
    });
    rows.sort((a, b) => a.bearing - b.bearing || a.v - b.v);
    return { bearings: rows.map((r) => r.bearing), entry: rows.map((r) => r.enter), neighbours: rows.map((r) => r.v) };
  }
}
