// Phantom nodes: a snapped point inside a road edge, seen as a search source (reaches the edge heads) or target.
import type { RoadGraph } from '../road-graph.js';
import { DISTANCE_SPAN } from './path-key.js';

/** Where a point lies on the graph: on directed edge `from → to` at `fraction` (0..1) of its length. */
export interface EdgePosition {
  readonly edge: number;
  readonly from: number;
  readonly to: number;
  readonly fraction: number;
  /** The opposite directed edge `to → from`, or -1 on a one-way road. */
  readonly reverseEdge: number;
}

/** The point on one directed edge it can travel along. Keys are path keys (see path-key.ts), rounded to whole ds/dm. */
export interface EdgeOccupancy {
  readonly edge: number;
  readonly tail: number;
  readonly head: number;
  /** Fraction of this edge's length from its tail to the point. */
  readonly fraction: number;
  /** Key of travelling from the tail to the point. */
  readonly fromTailKey: number;
  /** Key of travelling from the point to the head. */
  readonly toHeadKey: number;
}

/**
 * A snapped point: one occupancy per direction it can be travelled (one on a one-way road, two otherwise), plus a
 * zero-length node occupancy when it sits exactly on an edge end, so it may leave or arrive by any edge of that node.
 */
export interface PhantomNode {
  readonly occupancies: readonly EdgeOccupancy[];
}

function occupy(graph: RoadGraph, edge: number, tail: number, head: number, fraction: number): EdgeOccupancy {
  const durationDs = graph.durationDs[edge], distanceDm = graph.distanceDm[edge];
  const alongDs = Math.round(fraction * durationDs), alongDm = Math.round(fraction * distanceDm);
  return {
    edge,
    tail,
    head,
    fraction,
    fromTailKey: alongDs * DISTANCE_SPAN + alongDm,
    toHeadKey: (durationDs - alongDs) * DISTANCE_SPAN + (distanceDm - alongDm),
  };
}

/** A point standing on node u: reached at u, leaves from u, at no cost. Its edge id (-1 - u) matches no real edge. */
function atNode(u: number): EdgeOccupancy {
  return { edge: -1 - u, tail: u, head: u, fraction: 0, fromTailKey: 0, toHeadKey: 0 };
}

/** The phantom node of a snapped position. */
export function phantomNode(graph: RoadGraph, at: EdgePosition): PhantomNode {
  const fraction = Math.min(1, Math.max(0, at.fraction));
  const occupancies = [occupy(graph, at.edge, at.from, at.to, fraction)];
  if (at.reverseEdge >= 0) occupancies.push(occupy(graph, at.reverseEdge, at.to, at.from, 1 - fraction));
  if (fraction === 0) occupancies.push(atNode(at.from));
  if (fraction === 1) occupancies.push(atNode(at.to));
  return { occupancies };
}

/** The phantom of a point standing on node u (a via node of an alternative route). */
export function nodePhantom(u: number): PhantomNode {
  return { occupancies: [atNode(u)] };
}

/** Key of the path that stays on one edge from `source` to `target` (target not behind source); Infinity if none. */
export function directKey(source: PhantomNode, target: PhantomNode): number {
  let best = Infinity;
  for (const s of source.occupancies) {
    for (const t of target.occupancies) {
      if (s.edge !== t.edge || s.fraction > t.fraction) continue;
      const key = t.fromTailKey - s.fromTailKey;
      if (key < best) best = key;
    }
  }
  return best;
}
