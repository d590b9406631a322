// Places OSRM coordinates on the graph: hint, radius, bearing and approach honoured; the phantom keeps only the
// directions the options allow.
import { RoutingError } from '../../errors.js';
import { phantomNode, type PhantomNode } from '../../graph/ch/phantom.js';
import { haversineM } from '../../geo.js';
import type { RoadGraph } from '../../graph/road-graph.js';
import type { SnapResult, Snapper } from '../../graph/snapper.js';
import type { LonLat } from '../routing-provider.js';
import { bearingDeg, bearingGap, sideOf } from './geometry.js';
import { decodeHint, encodeHint } from './osrm-hint.js';
import type { OsrmApproach } from './osrm-request.js';

/** A coordinate placed for OSRM: where it snapped, the phantom searches start or end at, and its hint. */
export interface Placement {
  readonly input: LonLat;
  readonly snap: SnapResult;
  readonly phantom: PhantomNode;
  readonly hint: string;
}

export interface PlacementRules {
  /** Metres; Infinity for no limit. */
  readonly radiusM: number;
  readonly bearing: readonly [number, number] | null;
  readonly approach: OsrmApproach | null;
  readonly hint: string | null;
}

/** Graph context placements need. */
export interface PlacementGraph {
  readonly graph: RoadGraph;
  readonly snapper: Snapper;
  readonly fingerprint: number;
}

/** The tail node of edge e (CSR stores heads only). */
export function edgeTail(graph: RoadGraph, e: number): number {
  let lo = 0, hi = graph.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (graph.firstEdge[mid] <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The fastest edge v → u, or -1. */
export function reverseEdgeOf(graph: RoadGraph, u: number, v: number): number {
  let best = -1;
  for (let r = graph.firstEdge[v]; r < graph.firstEdge[v + 1]; r++) {
    if (graph.target[r] === u && (best === -1 || graph.durationDs[r] < graph.durationDs[best])) best = r;
  }
  return best;
}

function edgeBearing(graph: RoadGraph, tail: number, head: number): number {
  return bearingDeg(graph.lon[tail], graph.lat[tail], graph.lon[head], graph.lat[head]);
}

/** The snap a hint names, measured from `input`; null when the hint is for another graph. */
function snapFromHint(g: PlacementGraph, hint: string, input: LonLat): SnapResult | null {
  const at = decodeHint(hint, g.fingerprint, g.graph.edgeCount);
  if (!at) return null;
  const { graph } = g;
  const from = edgeTail(graph, at.edge), to = graph.target[at.edge];
  const location: [number, number] = [graph.lon[from] + at.fraction * (graph.lon[to] - graph.lon[from]), graph.lat[from] + at.fraction * (graph.lat[to] - graph.lat[from])];
  return {
    edge: at.edge, from, to, fraction: at.fraction, reverseEdge: reverseEdgeOf(graph, from, to), location,
    snapDistanceM: haversineM(input[0], input[1], location[0], location[1]),
    name: graph.names[graph.nameIndex[at.edge]] ?? '',
  };
}

/** Places coordinate `index`; RoutingError `no_segment` when no acceptable road lies within the radius. */
export function place(g: PlacementGraph, input: LonLat, index: number, rules: PlacementRules): Placement {
  const { graph } = g;
  const bearing = rules.bearing;
  const directionOk = (tail: number, head: number): boolean => bearing === null || bearingGap(edgeBearing(graph, tail, head), bearing[0]) <= bearing[1];
  let snap = rules.hint ? snapFromHint(g, rules.hint, input) : null;
  if (!snap) {
    try {
      [snap] = g.snapper.nearest(input, 1, `coordinates[${index}]`, {
        maxSnapM: rules.radiusM,
        accept: bearing === null ? undefined : (from, to, twoWay) => directionOk(from, to) || (twoWay && directionOk(to, from)),
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'no_segment') throw new RoutingError('no_segment', `Could not find a matching segment for coordinate ${index}`, `coordinates[${index}]`);
      throw error;
    }
  }
  const phantom = restrictedPhantom(graph, snap, input, directionOk, rules.approach);
  return { input, snap, phantom, hint: encodeHint(g.fingerprint, snap.edge, snap.fraction) };
}

/**
 * The phantom of `snap` with only the directions the bearing and approach allow. Indonesia drives on the left, so
 * `curb` keeps the direction with the coordinate on its left (arriving and leaving at the kerb); `opposite` the other.
 */
function restrictedPhantom(graph: RoadGraph, snap: SnapResult, input: LonLat, directionOk: (tail: number, head: number) => boolean, approach: OsrmApproach | null): PhantomNode {
  const full = phantomNode(graph, snap);
  const twoWay = snap.reverseEdge >= 0;
  const keep = (tail: number, head: number): boolean => {
    if (!directionOk(tail, head)) return false;
    if (!twoWay || approach === null || approach === 'unrestricted') return true;
    const side = sideOf([graph.lon[tail], graph.lat[tail]], [graph.lon[head], graph.lat[head]], input);
    if (side === 0) return true;
    return approach === 'curb' ? side === 1 : side === -1;
  };
  const restricted = full.occupancies.filter((o) => o.tail !== o.head && keep(o.tail, o.head));
  if (restricted.length === full.occupancies.filter((o) => o.tail !== o.head).length) return full; // nothing ruled out
  return { occupancies: restricted.length > 0 ? restricted : full.occupancies };
}
