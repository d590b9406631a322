// WitnessSearch: bounded local Dijkstra used during contraction to prove a shortcut unnecessary.
import { IndexedMinHeap } from '../binary-heap.js';
import type { DynamicAdjacency } from './dynamic-adjacency.js';

/** Reusable search state; `distance(v)` is valid until the next `run`. */
export class WitnessSearch {
  /** Per node: tentative path key from the current source, Infinity when untouched. */
  private readonly dist: Float64Array;
  /** Nodes whose `dist` was written by the current run (for O(touched) reset). */
  private readonly touched: Uint32Array;
  private touchedCount = 0;
  private readonly heap: IndexedMinHeap;

  constructor(nodeCount: number) {
    this.dist = new Float64Array(nodeCount).fill(Infinity);
    this.touched = new Uint32Array(nodeCount);
    this.heap = new IndexedMinHeap(nodeCount);
  }

  distance(v: number): number {
    return this.dist[v];
  }

  /** Dijkstra from `source` over `out`, never entering `excluded`, stopping past `maxKey` or `settleLimit` nodes. */
  run(out: DynamicAdjacency, source: number, excluded: number, maxKey: number, settleLimit: number): void {
    const dist = this.dist, heap = this.heap;
    for (let i = 0; i < this.touchedCount; i++) dist[this.touched[i]] = Infinity;
    this.touchedCount = 0;
    heap.clear();
    dist[source] = 0;
    this.touched[this.touchedCount++] = source;
    heap.push(source, 0);
    const neighbour = out.neighbour, key = out.key, start = out.start, length = out.length;
    let settled = 0;
    while (!heap.isEmpty()) {
      const d = heap.minKey();
      if (d > maxKey || settled++ >= settleLimit) break;
      const u = heap.pop();
      const end = start[u] + length[u];
      for (let s = start[u]; s < end; s++) {
        const v = neighbour[s];
        if (v === excluded) continue;
        const nd = d + key[s];
        if (nd < dist[v]) {
          if (dist[v] === Infinity) this.touched[this.touchedCount++] = v;
          dist[v] = nd;
          heap.push(v, nd);
        }
      }
    }
  }
}
