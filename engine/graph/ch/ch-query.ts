// ChQuery: exact point-to-point shortest path by bidirectional upward search with stall-on-demand, then unpacking.
import { IndexedMinHeap } from '../binary-heap.js';
import type { ContractionHierarchy } from './contraction-hierarchy.js';
import { directKey, type PhantomNode } from './phantom.js';
import { unpackEdge } from './unpack.js';

/** A shortest path between two phantom nodes. */
export interface ChPath {
  /** Path key (see path-key.ts); Infinity when unreachable. */
  readonly key: number;
  /** Original road nodes from the first edge head after the source to the last edge tail before the target;
   *  empty when the path stays on one edge (or none exists). */
  readonly nodes: number[];
}

/** One search direction's state over the whole node set. */
class Side {
  /** Per node: tentative path key, Infinity when untouched. */
  readonly dist: Float64Array;
  /** Per node: the neighbour it was reached from in this search, -1 for a seed. */
  readonly parent: Int32Array;
  readonly touched: Uint32Array;
  touchedCount = 0;
  readonly heap: IndexedMinHeap;
  constructor(n: number) {
    this.dist = new Float64Array(n).fill(Infinity);
    this.parent = new Int32Array(n).fill(-1);
    this.touched = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
  }
  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) this.dist[this.touched[i]] = Infinity;
    this.touchedCount = 0;
    this.heap.clear();
  }
  relax(v: number, key: number, from: number): void {
    const old = this.dist[v];
    if (key >= old) return;
    if (old === Infinity) this.touched[this.touchedCount++] = v;
    this.dist[v] = key;
    this.parent[v] = from;
    this.heap.push(v, key);
  }
}

/** Reusable point-to-point engine over one hierarchy. Not re-entrant. */
export class ChQuery {
  private readonly forward: Side;
  private readonly backward: Side;
  private best = Infinity;
  private meet = -1;

  constructor(private readonly ch: ContractionHierarchy) {
    this.forward = new Side(ch.nodeCount);
    this.backward = new Side(ch.nodeCount);
  }

  /** The shortest path key from `source` to `target` (Infinity when unreachable). */
  key(source: PhantomNode, target: PhantomNode): number {
    this.search(source, target);
    return this.best;
  }

  /** The shortest path with its original nodes. */
  path(source: PhantomNode, target: PhantomNode): ChPath {
    this.search(source, target);
    if (this.meet < 0) return { key: this.best, nodes: [] };
    const up: number[] = []; // meeting node back to the source seed
    for (let v = this.meet; v >= 0; v = this.forward.parent[v]) up.push(v);
    up.reverse();
    const nodes = [up[0]];
    for (let i = 1; i < up.length; i++) unpackEdge(this.ch, up[i - 1], up[i], nodes);
    for (let v = this.meet, next = this.backward.parent[v]; next >= 0; v = next, next = this.backward.parent[next]) {
      unpackEdge(this.ch, v, next, nodes);
    }
    return { key: this.best, nodes };
  }

  private search(source: PhantomNode, target: PhantomNode): void {
    const f = this.forward, b = this.backward, ch = this.ch;
    f.reset();
    b.reset();
    this.best = directKey(source, target);
    this.meet = -1;
    for (const o of source.occupancies) f.relax(o.head, o.toHeadKey, -1);
    for (const o of target.occupancies) b.relax(o.tail, o.fromTailKey, -1);
    let turnForward = true;
    for (;;) {
      const fMin = f.heap.minKey(), bMin = b.heap.minKey();
      const fLive = fMin < this.best, bLive = bMin < this.best;
      if (!fLive && !bLive) break;
      const goForward = fLive && (!bLive || turnForward);
      turnForward = !turnForward;
      if (goForward) this.step(f, b, ch.upFirst, ch.upTarget, ch.upKey, ch.downFirst, ch.downTarget, ch.downKey);
      else this.step(b, f, ch.downFirst, ch.downTarget, ch.downKey, ch.upFirst, ch.upTarget, ch.upKey);
    }
  }

  /** Settles one node of `own`: checks the meeting, stalls if a higher node reaches it cheaper, else relaxes upward. */
  private step(
    own: Side, other: Side,
    ownFirst: Uint32Array, ownTarget: Uint32Array, ownKey: Float64Array,
    oppFirst: Uint32Array, oppTarget: Uint32Array, oppKey: Float64Array,
  ): void {
    const d = own.heap.minKey();
    const u = own.heap.pop();
    const through = d + other.dist[u];
    if (through < this.best) { this.best = through; this.meet = u; }
    const dist = own.dist;
    for (let e = oppFirst[u], end = oppFirst[u + 1]; e < end; e++) {
      if (dist[oppTarget[e]] + oppKey[e] < d) return;
    }
    for (let e = ownFirst[u], end = ownFirst[u + 1]; e < end; e++) own.relax(ownTarget[e], d + ownKey[e], u);
  }
}
