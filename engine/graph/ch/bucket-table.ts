// BucketTable: many-to-many path keys by the bucket method (backward climbs fill per-node buckets, forward climbs scan them).
import type { ContractionHierarchy } from './contraction-hierarchy.js';
import type { PhantomNode } from './phantom.js';
import { UpwardSearch } from './upward-search.js';

/** Reusable many-to-many engine over one hierarchy. Not re-entrant: one `keys`, or one `prepare` and its `rows`, at a time. */
export class BucketTable {
  private readonly forward: UpwardSearch;
  private readonly backward: UpwardSearch;
  /** Per bucket entry (in backward-search order): node, target index and path key from the node to that target. */
  private entryNode = new Uint32Array(1 << 16);
  private entryTarget = new Uint32Array(1 << 16);
  private entryKey = new Float64Array(1 << 16);
  /** Per node (length n + 1): first slot of its bucket in `bucketTarget`/`bucketKey`. */
  private readonly bucketFirst: Uint32Array;
  /** Per bucket slot, grouped by node: target index and path key from the node to the target. */
  private bucketTarget = new Uint32Array(1 << 16);
  private bucketKey = new Float64Array(1 << 16);

  constructor(private readonly ch: ContractionHierarchy) {
    this.forward = new UpwardSearch(ch, 'forward');
    this.backward = new UpwardSearch(ch, 'backward');
    this.bucketFirst = new Uint32Array(ch.nodeCount + 1);
  }

  /** Targets whose buckets are filled (`prepare`), and per edge id the indices of those with an occupancy on it. */
  private targets: readonly PhantomNode[] = [];
  private targetsByEdge = new Map<number, number[]>();

  /**
   * Row-major path keys (`i * targets.length + j`), Infinity where unreachable, written into `out` when given
   * (length at least sources × targets) or into a new array.
   */
  keys(sources: readonly PhantomNode[], targets: readonly PhantomNode[], out?: Float64Array): Float64Array {
    this.prepare(targets);
    return this.rows(sources, out);
  }

  /** Fills the buckets of `targets` (one backward climb each); `rows` then answers any sources against them. */
  prepare(targets: readonly PhantomNode[]): void {
    this.targets = targets;
    this.groupBuckets(this.fillBuckets(targets));
    this.targetsByEdge = new Map();
    targets.forEach((t, j) => {
      for (const o of t.occupancies) {
        const list = this.targetsByEdge.get(o.edge);
        if (list) list.push(j); else this.targetsByEdge.set(o.edge, [j]);
      }
    });
  }

  /**
   * Row-major path keys from `sources` to the prepared targets (one forward climb per source), written into `out`
   * from index 0 when given (length at least sources × targets) or into a new array: a table may be answered in row
   * chunks against one `prepare`.
   */
  rows(sources: readonly PhantomNode[], out?: Float64Array): Float64Array {
    const width = this.targets.length;
    const result = (out ?? new Float64Array(sources.length * width)).fill(Infinity, 0, sources.length * width);
    const first = this.bucketFirst, bucketTarget = this.bucketTarget, bucketKey = this.bucketKey;
    const search = this.forward;
    for (let i = 0; i < sources.length; i++) {
      search.reset();
      for (const o of sources[i].occupancies) search.seed(o.head, o.toHeadKey);
      search.run();
      const row = i * width;
      const settledNode = search.settledNode, settledKey = search.settledKey;
      for (let s = 0; s < search.settledCount; s++) {
        const x = settledNode[s], d = settledKey[s];
        for (let b = first[x], end = first[x + 1]; b < end; b++) {
          const k = d + bucketKey[b];
          const at = row + bucketTarget[b];
          if (k < result[at]) result[at] = k;
        }
      }
    }
    applyDirect(sources, this.targets, this.targetsByEdge, result);
    return result;
  }

  /** Runs one backward climb per target and records its settled nodes; returns the entry count. */
  private fillBuckets(targets: readonly PhantomNode[]): number {
    const search = this.backward;
    let count = 0;
    for (let j = 0; j < targets.length; j++) {
      search.reset();
      for (const o of targets[j].occupancies) search.seed(o.tail, o.fromTailKey);
      search.run();
      if (count + search.settledCount > this.entryNode.length) this.growEntries(count + search.settledCount);
      for (let s = 0; s < search.settledCount; s++, count++) {
        this.entryNode[count] = search.settledNode[s];
        this.entryTarget[count] = j;
        this.entryKey[count] = search.settledKey[s];
      }
    }
    return count;
  }

  /** Counting sort of the entries by node into the bucket CSR. */
  private groupBuckets(count: number): void {
    const n = this.ch.nodeCount, first = this.bucketFirst;
    first.fill(0);
    for (let i = 0; i < count; i++) first[this.entryNode[i] + 1]++;
    for (let u = 0; u < n; u++) first[u + 1] += first[u];
    if (count > this.bucketTarget.length) {
      this.bucketTarget = new Uint32Array(Math.ceil(count * 1.25));
      this.bucketKey = new Float64Array(Math.ceil(count * 1.25));
    }
    for (let i = 0; i < count; i++) {
      const at = first[this.entryNode[i]]++;
      this.bucketTarget[at] = this.entryTarget[i];
      this.bucketKey[at] = this.entryKey[i];
    }
    for (let u = n; u > 0; u--) first[u] = first[u - 1];
    first[0] = 0;
  }

  private growEntries(needed: number): void {
    const size = Math.ceil(needed * 1.5);
    const node = new Uint32Array(size), target = new Uint32Array(size), key = new Float64Array(size);
    node.set(this.entryNode); target.set(this.entryTarget); key.set(this.entryKey);
    this.entryNode = node; this.entryTarget = target; this.entryKey = key;
  }
}

/** Lowers entries where source and target share an edge and the target lies ahead of the source on it. */
function applyDirect(sources: readonly PhantomNode[], targets: readonly PhantomNode[], byEdge: ReadonlyMap<number, number[]>, result: Float64Array): void {
  const width = targets.length;
  sources.forEach((s, i) => {
    for (const so of s.occupancies) {
      for (const j of byEdge.get(so.edge) ?? []) {
        for (const to of targets[j].occupancies) {
          if (to.edge !== so.edge || so.fraction > to.fraction) continue;
          const key = to.fromTailKey - so.fromTailKey;
          if (key < result[i * width + j]) result[i * width + j] = key;
        }
      }
    }
  });
}
