// OneToManyDijkstra: plain Dijkstra on the original road graph with phantom sources and targets (the exactness reference).
import { IndexedMinHeap } from './binary-heap.js';
import { edgeKeys } from './ch/path-key.js';
import { directKey, type PhantomNode } from './ch/phantom.js';
import type { RoadGraph } from './road-graph.js';

/** Reusable one-to-many search; keys are path keys (see ch/path-key.ts). Not re-entrant. */
export class OneToManyDijkstra {
  /** Per edge: path key of the original road edge. */
  private readonly edgeKey: Float64Array;
  /** Per node: tentative path key from the source, Infinity when untouched. */
  private readonly dist: Float64Array;
  /** Per node: the node it was reached from, -1 for a seed. */
  private readonly parent: Int32Array;
  private readonly touched: Uint32Array;
  private touchedCount = 0;
  /** Per node: search stamp when it is the tail of a still-unsettled target occupancy. */
  private readonly wanted: Uint32Array;
  private stamp = 0;
  private readonly heap: IndexedMinHeap;

  constructor(private readonly graph: RoadGraph) {
    const n = graph.nodeCount;
    this.edgeKey = edgeKeys(graph.durationDs, graph.distanceDm);
    this.dist = new Float64Array(n).fill(Infinity);
    this.parent = new Int32Array(n).fill(-1);
    this.touched = new Uint32Array(n);
    this.wanted = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  /** Path keys from `source` to each target, written to `out[offset + j]`; stops once every target is settled. */
  run(source: PhantomNode, targets: readonly PhantomNode[], out: Float64Array, offset = 0): void {
    this.search(source, targets);
    for (let j = 0; j < targets.length; j++) {
      let best = directKey(source, targets[j]);
      for (const o of targets[j].occupancies) {
        const key = this.dist[o.tail] + o.fromTailKey;
        if (key < best) best = key;
      }
      out[offset + j] = best;
    }
  }

  /** Original nodes of the shortest path to `target` as `run` found it (call right after `run` with that target). */
  pathTo(target: PhantomNode): number[] {
    let bestTail = -1, best = Infinity;
    for (const o of target.occupancies) {
      const key = this.dist[o.tail] + o.fromTailKey;
      if (key < best) { best = key; bestTail = o.tail; }
    }
    const nodes: number[] = [];
    for (let v = bestTail; v >= 0; v = this.parent[v]) nodes.push(v);
    return nodes.reverse();
  }

  private search(source: PhantomNode, targets: readonly PhantomNode[]): void {
    const g = this.graph, dist = this.dist, heap = this.heap, edgeKey = this.edgeKey;
    for (let i = 0; i < this.touchedCount; i++) dist[this.touched[i]] = Infinity;
    this.touchedCount = 0;
    heap.clear();
    const stamp = ++this.stamp;
    let remaining = 0;
    for (const t of targets) {
      for (const o of t.occupancies) {
        if (this.wanted[o.tail] !== stamp) { this.wanted[o.tail] = stamp; remaining++; }
      }
    }
    for (const o of source.occupancies) this.relax(o.head, o.toHeadKey, -1);
    while (!heap.isEmpty() && remaining > 0) {
      const d = heap.minKey();
      const u = heap.pop();
      if (this.wanted[u] === stamp) { this.wanted[u] = 0; remaining--; }
      for (let e = g.firstEdge[u], end = g.firstEdge[u + 1]; e < end; e++) this.relax(g.target[e], d + edgeKey[e], u);
    }
  }

  private relax(v: number, key: number, from: number): void {
    const old = this.dist[v];
    if (key >= old) return;
    if (old === Infinity) this.touched[this.touchedCount++] = v;
    this.dist[v] = key;
    this.parent[v] = from;
    this.heap.push(v, key);
  }
}

/** A full table of path keys by one Dijkstra per source (row-major, Infinity where unreachable). */
export function dijkstraTableKeys(graph: RoadGraph, sources: readonly PhantomNode[], targets: readonly PhantomNode[]): Float64Array {
  const search = new OneToManyDijkstra(graph);
  const out = new Float64Array(sources.length * targets.length);
  for (let i = 0; i < sources.length; i++) search.run(sources[i], targets, out, i * targets.length);
  return out;
}
