// Alternative routes by the via-node method (Abraham, Delling, Goldberg, Werneck). Candidate via nodes come first from
// the hierarchy (nodes both complete upward searches settle, as OSRM's CH does: cheap), then, while too few are found,
// from a forward and a backward Dijkstra bounded at (1 + ε) × the best route (every node within that stretch, one per
// plateau of coinciding via paths). A path s → v → t is admissible when it is within the stretch, shares at most γ
// of each route already chosen, visits no node twice and is locally optimal (the T-test: the stretch of α × the best
// route around v is itself a shortest path). Paths are taken from the hierarchy.
import type { ChQuery } from '../../graph/ch/ch-query.js';
import { IndexedMinHeap } from '../../graph/binary-heap.js';
import { DISTANCE_SPAN, edgeKeys, keyDurationDs } from '../../graph/ch/path-key.js';
import type { ContractionHierarchy } from '../../graph/ch/contraction-hierarchy.js';
import { nodePhantom, type PhantomNode } from '../../graph/ch/phantom.js';
import { UpwardSearch } from '../../graph/ch/upward-search.js';
import type { RoadGraph } from '../../graph/road-graph.js';
import { type LegPath, legPath } from './leg-path.js';
import type { Placement } from './placement.js';

/** Stretch bound: an alternative takes at most (1 + ε) × the best route's duration (OSRM's CH uses 0.15). */
const EPSILON = 0.15;
/** Sharing bound: at most γ of an alternative's duration on roads of a route already chosen (OSRM: 0.75). */
const GAMMA = 0.75;
/** Local optimality: the stretch of α × the best route around the via node must be a shortest path. */
const ALPHA = 0.25;
/** Via nodes examined at most per candidate source, cheapest first (each costs two point-to-point queries and a T-test). */
const MAX_CANDIDATES = 64;

/** An alternative: the two halves of its single leg, s → via and via → t. */
export type AlternativePaths = readonly [LegPath, LegPath];

/** A Dijkstra over the road graph, forward on out-edges or backward on in-edges, stopped beyond a key bound. */
class BoundedTree {
  /** Per node: its path key from (forward) or to (backward) the seeds; Infinity when untouched. */
  readonly dist: Float64Array;
  private readonly touched: Uint32Array;
  private touchedCount = 0;
  private readonly heap: IndexedMinHeap;

  /** `first`/`next`/`edge`: the CSR to follow (next node and edge id per slot); `edgeKey`: per edge id, its key. */
  constructor(n: number, private readonly first: Uint32Array, private readonly next: Uint32Array, private readonly edge: Uint32Array | null, private readonly edgeKey: Float64Array) {
    this.dist = new Float64Array(n).fill(Infinity);
    this.touched = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  /** Settles every node whose key is at most `limit`; afterwards a finite `dist` at most `limit` is exact. */
  run(seeds: readonly (readonly [number, number])[], limit: number): void {
    for (let i = 0; i < this.touchedCount; i++) this.dist[this.touched[i]] = Infinity;
    this.touchedCount = 0;
    this.heap.clear();
    const { dist, heap, first, next, edge, edgeKey } = this;
    const relax = (v: number, key: number): void => {
      if (key >= dist[v]) return;
      if (dist[v] === Infinity) this.touched[this.touchedCount++] = v;
      dist[v] = key;
      heap.push(v, key);
    };
    for (const [node, key] of seeds) relax(node, key);
    while (!heap.isEmpty() && heap.minKey() <= limit) {
      const d = heap.minKey(), u = heap.pop();
      for (let s = first[u], end = first[u + 1]; s < end; s++) relax(next[s], d + edgeKey[edge ? edge[s] : s]);
    }
  }
}

/** Search state for alternatives over one graph (per-node arrays, reused; not re-entrant). */
export class AlternativeRoutes {
  private readonly forward: BoundedTree;
  private readonly backward: BoundedTree;
  private readonly upForward: UpwardSearch;
  private readonly upBackward: UpwardSearch;
  /** Per node: the forward upward search's key at it, or Infinity (reset after each use). */
  private readonly upKey: Float64Array;

  constructor(private readonly graph: RoadGraph, ch: ContractionHierarchy, private readonly query: ChQuery) {
    this.upForward = new UpwardSearch(ch, 'forward');
    this.upBackward = new UpwardSearch(ch, 'backward');
    this.upKey = new Float64Array(ch.nodeCount).fill(Infinity);
    const n = graph.nodeCount, m = graph.edgeCount;
    const keys = edgeKeys(graph.durationDs, graph.distanceDm); // per edge id: its path key
    // The reverse CSR: per node its in-edges (tail node and edge id), for the backward tree.
    const firstIn = new Uint32Array(n + 1), tail = new Uint32Array(m), inEdge = new Uint32Array(m);
    for (let e = 0; e < m; e++) firstIn[graph.target[e] + 1]++;
    for (let u = 0; u < n; u++) firstIn[u + 1] += firstIn[u];
    const fill = firstIn.slice(0, n);
    for (let u = 0; u < n; u++) {
      for (let e = graph.firstEdge[u]; e < graph.firstEdge[u + 1]; e++) {
        const slot = fill[graph.target[e]]++;
        tail[slot] = u;
        inEdge[slot] = e;
      }
    }
    this.forward = new BoundedTree(n, graph.firstEdge, graph.target, null, keys);
    this.backward = new BoundedTree(n, firstIn, tail, inEdge, keys);
  }

  /** Up to `count` admissible alternatives to `best` (the fastest path from `from` to `to`), fastest first. */
  find(from: Placement, to: Placement, best: LegPath, count: number): AlternativePaths[] {
    const limitDs = best.durationDs * (1 + EPSILON);
    const limitKey = (Math.floor(limitDs) + 1) * DISTANCE_SPAN; // keys below this take at most limitDs
    const onBest = new Set<number>();
    for (const piece of best.pieces) { onBest.add(piece.tailNode); onBest.add(piece.headNode); }
    const chosen: ReadonlySet<string>[] = [travelledPieces([best])]; // per route chosen: its road pieces
    const out: AlternativePaths[] = [];
    const tried = new Set<number>();
    const tryVia = (node: number): AlternativePaths | null => {
      tried.add(node);
      const via = viaPlacement(this.graph, node);
      const first = legPath(this.graph, this.query, from, via), second = first && legPath(this.graph, this.query, via, to);
      if (!first || !second) return null;
      const halves: AlternativePaths = [first, second];
      if (first.durationDs + second.durationDs > limitDs || !isSimple(halves)) return halves;
      if (chosen.some((travelled) => sharedDs(travelled, halves) > GAMMA * (first.durationDs + second.durationDs))) return halves;
      if (!this.locallyOptimal(halves, best.durationDs * ALPHA)) return halves;
      chosen.push(travelledPieces(halves));
      out.push(halves);
      return halves;
    };
    const fromHierarchy = this.hierarchyCandidates(from.phantom, to.phantom, limitKey, onBest);
    for (let k = 0; k < fromHierarchy.length && k < MAX_CANDIDATES && out.length < count; k++) tryVia(fromHierarchy[k]);
    if (out.length < count) {
      const candidates = this.treeCandidates(from.phantom, to.phantom, limitKey, onBest);
      const distF = this.forward.dist, distB = this.backward.dist;
      for (let k = 0, examined = 0; k < candidates.length && examined < MAX_CANDIDATES && out.length < count; k++) {
        const node = candidates[k];
        if (tried.has(node)) continue;
        examined++;
        const halves = tryVia(node);
        // The nodes of this via path on the same plateau (same via key) would give the same path: try them no more.
        const total = distF[node] + distB[node];
        if (halves) for (const half of halves) for (const piece of half.pieces) if (distF[piece.headNode] + distB[piece.headNode] === total) tried.add(piece.headNode);
      }
    }
    return out.sort((a, b) => a[0].durationDs + a[1].durationDs - (b[0].durationDs + b[1].durationDs));
  }

  /** Nodes both complete upward searches settle, within the stretch and off the best route, cheapest via key first. */
  private hierarchyCandidates(from: PhantomNode, to: PhantomNode, limitKey: number, onBest: ReadonlySet<number>): number[] {
    const f = this.upForward, b = this.upBackward, upKey = this.upKey;
    f.reset();
    for (const o of from.occupancies) f.seed(o.head, o.toHeadKey);
    f.run();
    b.reset();
    for (const o of to.occupancies) b.seed(o.tail, o.fromTailKey);
    b.run();
    for (let s = 0; s < f.settledCount; s++) upKey[f.settledNode[s]] = f.settledKey[s];
    const found: { node: number; key: number }[] = [];
    for (let s = 0; s < b.settledCount; s++) {
      const node = b.settledNode[s], key = upKey[node] + b.settledKey[s];
      if (key < limitKey && !onBest.has(node)) found.push({ node, key });
    }
    for (let s = 0; s < f.settledCount; s++) upKey[f.settledNode[s]] = Infinity;
    return found.sort((x, y) => x.key - y.key).map((c) => c.node);
  }

  /** Nodes within the stretch both ways (bounded Dijkstra trees) and off the best route, cheapest via key first. */
  private treeCandidates(from: PhantomNode, to: PhantomNode, limitKey: number, onBest: ReadonlySet<number>): number[] {
    this.forward.run(from.occupancies.map((o) => [o.head, o.toHeadKey] as const), limitKey);
    this.backward.run(to.occupancies.map((o) => [o.tail, o.fromTailKey] as const), limitKey);
    const distF = this.forward.dist, distB = this.backward.dist;
    const found: number[] = [];
    for (let v = 0; v < this.graph.nodeCount; v++) {
      if (distF[v] + distB[v] < limitKey && !onBest.has(v)) found.push(v);
    }
    return found.sort((x, y) => distF[x] + distB[x] - (distF[y] + distB[y]));
  }

  /** T-test: the path between the points about `aroundDs` before and after the via node is a shortest path. */
  private locallyOptimal(halves: AlternativePaths, aroundDs: number): boolean {
    const before = halves[0].pieces, after = halves[1].pieces;
    let start = -1, startDs = 0;
    for (let i = before.length - 1; i >= 1 && startDs < aroundDs; i--) { // piece 0 starts inside an edge, at the source
      if (!before[i].reachesHead) break;
      startDs += before[i].durationDs;
      start = before[i].tailNode;
    }
    let end = -1, endDs = 0;
    for (let i = 0; i < after.length && endDs < aroundDs; i++) {
      if (!after[i].reachesHead) break;
      endDs += after[i].durationDs;
      end = after[i].headNode;
    }
    if (start < 0 || end < 0) return true; // the via node is next to an end: nothing to test
    const shortestDs = keyDurationDs(this.query.key(nodePhantom(start), nodePhantom(end)));
    return startDs + endDs <= shortestDs * 1.001 + 1;
  }
}

/** A placement standing on graph node `node`. */
function viaPlacement(graph: RoadGraph, node: number): Placement {
  const location: [number, number] = [graph.lon[node], graph.lat[node]];
  return {
    input: location, hint: '', phantom: nodePhantom(node),
    snap: { edge: -1, from: node, to: node, fraction: 0, reverseEdge: -1, location, snapDistanceM: 0, name: '' },
  };
}

/** No graph node entered twice (a via node reached and left the same way is a u-turn detour). */
function isSimple(halves: AlternativePaths): boolean {
  const seen = new Set<number>();
  for (const half of halves) for (const piece of half.pieces) {
    if (!piece.reachesHead) continue;
    if (seen.has(piece.headNode)) return false;
    seen.add(piece.headNode);
  }
  return true;
}

/** The directed road pieces (tail → head) a route travels. */
function travelledPieces(route: readonly LegPath[]): Set<string> {
  const travelled = new Set<string>();
  for (const half of route) for (const piece of half.pieces) travelled.add(`${piece.tailNode}>${piece.headNode}`);
  return travelled;
}

/** Deciseconds of `halves` on road pieces of `travelled` (see travelledPieces). */
function sharedDs(travelled: ReadonlySet<string>, halves: AlternativePaths): number {
  let shared = 0;
  for (const half of halves) for (const piece of half.pieces) if (travelled.has(`${piece.tailNode}>${piece.headNode}`)) shared += piece.durationDs;
  return shared;
}
