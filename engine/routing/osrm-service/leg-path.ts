// One leg between two placements as road pieces: the partial first edge, whole edges, the partial last edge, each with
// its own duration, distance, street name and end nodes (what geometry, annotations and steps are built from).
import type { ChQuery } from '../../graph/ch/ch-query.js';
import { DISTANCE_SPAN, keyDistanceDm, keyDurationDs } from '../../graph/ch/path-key.js';
import type { EdgeOccupancy } from '../../graph/ch/phantom.js';
import type { RoadGraph } from '../../graph/road-graph.js';
import type { Placement } from './placement.js';

/** A straight piece of road travelled in one go. */
export interface RoadPiece {
  readonly fromLon: number;
  readonly fromLat: number;
  readonly toLon: number;
  readonly toLat: number;
  readonly durationDs: number;
  readonly distanceDm: number;
  readonly nameIndex: number;
  /** Graph nodes at the ends of the edge this piece lies on (travel direction). */
  readonly tailNode: number;
  readonly headNode: number;
  /** True when the piece ends exactly at `headNode` (an intersection may follow). */
  readonly reachesHead: boolean;
}

export interface LegPath {
  readonly durationDs: number;
  readonly distanceDm: number;
  readonly pieces: RoadPiece[];
}

/** The fastest edge u → v (the one the hierarchy's shortcuts unpack to), or -1. */
export function fastestEdge(graph: RoadGraph, u: number, v: number): number {
  let best = -1;
  for (let e = graph.firstEdge[u]; e < graph.firstEdge[u + 1]; e++) {
    if (graph.target[e] !== v) continue;
    if (best === -1 || graph.durationDs[e] < graph.durationDs[best] || (graph.durationDs[e] === graph.durationDs[best] && graph.distanceDm[e] < graph.distanceDm[best])) best = e;
  }
  return best;
}

function pointOn(graph: RoadGraph, o: EdgeOccupancy): [number, number] {
  return [graph.lon[o.tail] + o.fraction * (graph.lon[o.head] - graph.lon[o.tail]), graph.lat[o.tail] + o.fraction * (graph.lat[o.head] - graph.lat[o.tail])];
}

function nameOf(graph: RoadGraph, edge: number): number {
  return edge >= 0 ? graph.nameIndex[edge] : 0;
}

/** The path from `a` to `b` as road pieces; null when there is none. */
export function legPath(graph: RoadGraph, query: ChQuery, a: Placement, b: Placement): LegPath | null {
  const path = query.path(a.phantom, b.phantom);
  if (path.key === Infinity) return null;
  const pieces: RoadPiece[] = [];
  const push = (piece: RoadPiece): void => {
    if (piece.fromLon === piece.toLon && piece.fromLat === piece.toLat && piece.durationDs === 0) return;
    pieces.push(piece);
  };
  if (path.nodes.length === 0) {
    // Both on one edge: the pair of occupancies on the same edge, source not ahead of the target.
    let best: [EdgeOccupancy, EdgeOccupancy] | null = null, bestKey = Infinity;
    for (const s of a.phantom.occupancies) for (const t of b.phantom.occupancies) {
      if (s.edge !== t.edge || s.fraction > t.fraction) continue;
      const key = t.fromTailKey - s.fromTailKey;
      if (key < bestKey) { bestKey = key; best = [s, t]; }
    }
    if (!best) return null;
    const [s, t] = best;
    const [fromLon, fromLat] = pointOn(graph, s), [toLon, toLat] = pointOn(graph, t);
    push({ fromLon, fromLat, toLon, toLat, durationDs: keyDurationDs(bestKey), distanceDm: keyDistanceDm(bestKey), nameIndex: nameOf(graph, s.edge), tailNode: s.tail, headNode: s.head, reachesHead: t.fraction === 1 });
    return { durationDs: keyDurationDs(bestKey), distanceDm: keyDistanceDm(bestKey), pieces };
  }
  const first = path.nodes[0], last = path.nodes[path.nodes.length - 1];
  let source: EdgeOccupancy | null = null;
  for (const o of a.phantom.occupancies) if (o.head === first && (!source || o.toHeadKey < source.toHeadKey)) source = o;
  let target: EdgeOccupancy | null = null;
  for (const o of b.phantom.occupancies) if (o.tail === last && (!target || o.fromTailKey < target.fromTailKey)) target = o;
  if (!source || !target) return null;
  let durationDs = 0, distanceDm = 0;
  const add = (piece: RoadPiece): void => {
    durationDs += piece.durationDs;
    distanceDm += piece.distanceDm;
    push(piece);
  };
  const [sLon, sLat] = pointOn(graph, source);
  add({ fromLon: sLon, fromLat: sLat, toLon: graph.lon[first], toLat: graph.lat[first], durationDs: keyDurationDs(source.toHeadKey), distanceDm: keyDistanceDm(source.toHeadKey), nameIndex: nameOf(graph, source.edge), tailNode: source.tail, headNode: source.head, reachesHead: true });
  for (let i = 1; i < path.nodes.length; i++) {
    const u = path.nodes[i - 1], v = path.nodes[i];
    const e = fastestEdge(graph, u, v);
    add({ fromLon: graph.lon[u], fromLat: graph.lat[u], toLon: graph.lon[v], toLat: graph.lat[v], durationDs: graph.durationDs[e], distanceDm: graph.distanceDm[e], nameIndex: graph.nameIndex[e], tailNode: u, headNode: v, reachesHead: true });
  }
  const [tLon, tLat] = pointOn(graph, target);
  add({ fromLon: graph.lon[last], fromLat: graph.lat[last], toLon: tLon, toLat: tLat, durationDs: keyDurationDs(target.fromTailKey), distanceDm: keyDistanceDm(target.fromTailKey), nameIndex: nameOf(graph, target.edge), tailNode: target.tail, headNode: target.head, reachesHead: target.fraction === 1 });
  return { durationDs, distanceDm, pieces };
}

/** Key of a leg (as CH keys compare). */
export function legKey(leg: LegPath): number {
  return leg.durationDs * DISTANCE_SPAN + leg.distanceDm;
}
