// UpwardSearch: a complete one-directional climb through the hierarchy with stall-on-demand (the bucket method's half).
import { IndexedMinHeap } from '../binary-heap.js';
import type { ContractionHierarchy } from './contraction-hierarchy.js';

/** Which half of the hierarchy a search climbs: forward from a source or backward from a target. */
export type SearchDirection = 'forward' | 'backward';

/** Reusable state; after `run`, `settledNode[0..settledCount-1]` and `settledKey` list the unstalled settled nodes. */
export class UpwardSearch {
  /** Per node: tentative path key from the seeds, Infinity when untouched. */
  private readonly dist: Float64Array;
  private readonly touched: Uint32Array;
  private touchedCount = 0;
  private readonly heap: IndexedMinHeap;
  /** Per settled slot: node id, in settling order. */
  readonly settledNode: Uint32Array;
  /** Per settled slot: its path key. */
  readonly settledKey: Float64Array;
  settledCount = 0;
  private readonly ownFirst: Uint32Array; private readonly ownTarget: Uint32Array; private readonly ownKey: Float64Array;
  private readonly oppFirst: Uint32Array; private readonly oppTarget: Uint32Array; private readonly oppKey: Float64Array;

  constructor(ch: ContractionHierarchy, direction: SearchDirection) {
    const n = ch.nodeCount;
    this.dist = new Float64Array(n).fill(Infinity);
    this.touched = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
    this.settledNode = new Uint32Array(n);
    this.settledKey = new Float64Array(n);
    const forward = direction === 'forward';
    this.ownFirst = forward ? ch.upFirst : ch.downFirst;
    this.ownTarget = forward ? ch.upTarget : ch.downTarget;
    this.ownKey = forward ? ch.upKey : ch.downKey;
    this.oppFirst = forward ? ch.downFirst : ch.upFirst;
    this.oppTarget = forward ? ch.downTarget : ch.upTarget;
    this.oppKey = forward ? ch.downKey : ch.upKey;
  }

  /** Starts a search: clears the previous one. Call `seed` then `run`. */
  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) this.dist[this.touched[i]] = Infinity;
    this.touchedCount = 0;
    this.settledCount = 0;
    this.heap.clear();
  }

  seed(node: number, key: number): void {
    if (key < this.dist[node]) {
      if (this.dist[node] === Infinity) this.touched[this.touchedCount++] = node;
      this.dist[node] = key;
      this.heap.push(node, key);
    }
  }

  run(): void {
    const dist = this.dist, heap = this.heap;
    const ownFirst = this.ownFirst, ownTarget = this.ownTarget, ownKey = this.ownKey;
    const oppFirst = this.oppFirst, oppTarget = this.oppTarget, oppKey = this.oppKey;
    while (!heap.isEmpty()) {
      const d = heap.minKey();
      const u = heap.pop();
      let stalled = false;
      for (let e = oppFirst[u], end = oppFirst[u + 1]; e < end; e++) {
        if (dist[oppTarget[e]] + oppKey[e] < d) { stalled = true; break; }
      }
      if (stalled) continue;
      this.settledNode[this.settledCount] = u;
      this.settledKey[this.settledCount++] = d;
      for (let e = ownFirst[u], end = ownFirst[u + 1]; e < end; e++) {
        const v = ownTarget[e];
        const nd = d + ownKey[e];
        const old = dist[v];
        if (nd < old) {
          if (old === Infinity) this.touched[this.touchedCount++] = v;
          dist[v] = nd;
          heap.push(v, nd);
        }
      }
    }
  }
}
