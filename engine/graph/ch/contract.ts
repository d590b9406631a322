// Contraction: orders nodes by importance (lazy updates), adds shortcuts where no witness path exists, and emits the CH.
import { IndexedMinHeap } from '../binary-heap.js';
import type { RoadGraph } from '../road-graph.js';
import { type ContractionHierarchy, EdgeCollector } from './contraction-hierarchy.js';
import { DynamicAdjacency } from './dynamic-adjacency.js';
import { DISTANCE_SPAN } from './path-key.js';
import { WitnessSearch } from './witness-search.js';

export interface ContractOptions {
  /** Settled-node bound of witness searches while estimating priorities (default 60). */
  readonly simulateSettleLimit?: number;
  /** Settled-node bound of witness searches while contracting (default 400). */
  readonly contractSettleLimit?: number;
  /** Re-evaluates a node's priority when it reaches the top of the queue (default true). */
  readonly lazyUpdates?: boolean;
}

/** Contracts `graph` into a hierarchy whose upward searches give exact shortest paths (keys from path-key.ts). */
export function contractHierarchy(graph: RoadGraph, options: ContractOptions = {}): ContractionHierarchy {
  return new Contractor(graph, options).run();
}

/** Priority discount of nodes off the main network: larger than any priority a node can otherwise have. */
const OFF_MAIN_FIRST = 1e9;

class Contractor {
  private readonly n: number;
  private readonly out: DynamicAdjacency;
  private readonly into: DynamicAdjacency;
  private readonly witness: WitnessSearch;
  private readonly queue: IndexedMinHeap;
  /** Per node: contraction order, valid once contracted. */
  private readonly rank: Uint32Array;
  /** Per node: 1 + the highest level among its contracted neighbours (a depth term of the priority). */
  private readonly level: Uint32Array;
  /** Per node: how many of its neighbours are contracted already. */
  private readonly deletedNeighbours: Uint32Array;
  /** Per node: stamp used to visit each neighbour once per contraction. */
  private readonly seen: Uint32Array;
  /** Scratch copies of the contracted node's in- and out-entries (neighbour, key, middle, hops). */
  private readonly inNode: Uint32Array; private readonly inKey: Float64Array; private readonly inMid: Int32Array; private readonly inHops: Uint32Array;
  private readonly outNode: Uint32Array; private readonly outKey: Float64Array; private readonly outMid: Int32Array; private readonly outHops: Uint32Array;
  /** Scratch: the contracted node's neighbours (in then out, duplicates possible). */
  private readonly neighbourScratch: Uint32Array;
  private readonly up = new EdgeCollector();
  private readonly down = new EdgeCollector();
  private readonly simulateLimit: number;
  private readonly contractLimit: number;
  private readonly lazy: boolean;
  /** Nodes from this id on are off the main network (see RoadGraph.mainNodeCount): contracted first. */
  private readonly mainNodeCount: number;

  constructor(graph: RoadGraph, options: ContractOptions) {
    const n = (this.n = graph.nodeCount);
    this.simulateLimit = options.simulateSettleLimit ?? 60;
    this.contractLimit = options.contractSettleLimit ?? 400;
    this.lazy = options.lazyUpdates ?? true;
    this.mainNodeCount = graph.mainNodeCount;
    const outDegree = new Uint32Array(n), inDegree = new Uint32Array(n); // per node: original edge counts
    for (let u = 0; u < n; u++) {
      for (let e = graph.firstEdge[u]; e < graph.firstEdge[u + 1]; e++) {
        const v = graph.target[e];
        if (v !== u) { outDegree[u]++; inDegree[v]++; }
      }
    }
    this.out = new DynamicAdjacency(n, outDegree);
    this.into = new DynamicAdjacency(n, inDegree);
    for (let u = 0; u < n; u++) {
      for (let e = graph.firstEdge[u]; e < graph.firstEdge[u + 1]; e++) {
        const v = graph.target[e];
        if (v === u) continue;
        const key = graph.durationDs[e] * DISTANCE_SPAN + graph.distanceDm[e];
        this.out.upsert(u, v, key, -1, 1);
        this.into.upsert(v, u, key, -1, 1);
      }
    }
    this.witness = new WitnessSearch(n);
    this.queue = new IndexedMinHeap(n);
    this.rank = new Uint32Array(n);
    this.level = new Uint32Array(n);
    this.deletedNeighbours = new Uint32Array(n);
    this.seen = new Uint32Array(n);
    const maxDegree = Math.max(1, n);
    this.inNode = new Uint32Array(maxDegree); this.inKey = new Float64Array(maxDegree); this.inMid = new Int32Array(maxDegree); this.inHops = new Uint32Array(maxDegree);
    this.neighbourScratch = new Uint32Array(2 * maxDegree);
    this.outNode = new Uint32Array(maxDegree); this.outKey = new Float64Array(maxDegree); this.outMid = new Int32Array(maxDegree); this.outHops = new Uint32Array(maxDegree);
  }

  run(): ContractionHierarchy {
    for (let v = 0; v < this.n; v++) this.queue.push(v, this.priority(v));
    let order = 0;
    while (!this.queue.isEmpty()) {
      const v = this.queue.pop();
      if (this.lazy && !this.queue.isEmpty()) {
        const priority = this.priority(v);
        if (priority > this.queue.minKey()) { this.queue.push(v, priority); continue; }
      }
      this.rank[v] = order++;
      this.contract(v);
    }
    const up = this.up.toCsr(this.n), down = this.down.toCsr(this.n);
    return {
      nodeCount: this.n, rank: this.rank,
      upFirst: up.first, upTarget: up.target, upKey: up.key, upMiddle: up.middle,
      downFirst: down.first, downTarget: down.target, downKey: down.key, downMiddle: down.middle,
    };
  }

  /** Copies v's live entries into the scratch arrays; returns [inCount, outCount]. */
  private snapshot(v: number): [number, number] {
    const into = this.into, out = this.out;
    const inCount = into.length[v], outCount = out.length[v];
    for (let i = 0, s = into.start[v]; i < inCount; i++, s++) {
      this.inNode[i] = into.neighbour[s]; this.inKey[i] = into.key[s]; this.inMid[i] = into.middle[s]; this.inHops[i] = into.hops[s];
    }
    for (let i = 0, s = out.start[v]; i < outCount; i++, s++) {
      this.outNode[i] = out.neighbour[s]; this.outKey[i] = out.key[s]; this.outMid[i] = out.middle[s]; this.outHops[i] = out.hops[s];
    }
    return [inCount, outCount];
  }

  /**
   * Shortcuts v's contraction needs from in-neighbour slot i: adds them when `add`, else only counts them.
   * Returns the count and leaves their summed original-edge count in `hopSum`.
   */
  private shortcutsFrom(v: number, i: number, outCount: number, limit: number, add: boolean): number {
    const u = this.inNode[i], inKey = this.inKey[i];
    let maxOut = -1;
    for (let j = 0; j < outCount; j++) if (this.outNode[j] !== u && this.outKey[j] > maxOut) maxOut = this.outKey[j];
    if (maxOut < 0) return 0;
    this.witness.run(this.out, u, v, inKey + maxOut, limit);
    let count = 0;
    this.hopSum = 0;
    for (let j = 0; j < outCount; j++) {
      const w = this.outNode[j];
      if (w === u) continue;
      const via = inKey + this.outKey[j];
      if (this.witness.distance(w) <= via) continue;
      count++;
      const hops = this.inHops[i] + this.outHops[j];
      this.hopSum += hops;
      if (add) {
        this.out.upsert(u, w, via, v, hops);
        this.into.upsert(w, u, via, v, hops);
      }
    }
    return count;
  }
  /** Original edges behind the shortcuts of the last `shortcutsFrom` call. */
  private hopSum = 0;

  /**
   * Importance of contracting v now: smaller goes first. Nodes off the main network (islands, one-way fringes) go
   * before every main-network node, so searches between main-network points never climb onto them.
   */
  private priority(v: number): number {
    const [inCount, outCount] = this.snapshot(v);
    let added = 0, addedHops = 0, removedHops = 0;
    for (let i = 0; i < inCount; i++) {
      added += this.shortcutsFrom(v, i, outCount, this.simulateLimit, false);
      addedHops += this.hopSum;
      removedHops += this.inHops[i];
    }
    for (let j = 0; j < outCount; j++) removedHops += this.outHops[j];
    const removed = inCount + outCount;
    const offMain = v >= this.mainNodeCount ? -OFF_MAIN_FIRST : 0;
    return offMain + 2 * (added / Math.max(1, removed)) + addedHops / Math.max(1, removedHops) + this.level[v] + 0.5 * this.deletedNeighbours[v];
  }

  private contract(v: number): void {
    const [inCount, outCount] = this.snapshot(v);
    for (let i = 0; i < inCount; i++) this.down.add(v, this.inNode[i], this.inKey[i], this.inMid[i]);
    for (let j = 0; j < outCount; j++) this.up.add(v, this.outNode[j], this.outKey[j], this.outMid[j]);
    for (let i = 0; i < inCount; i++) this.shortcutsFrom(v, i, outCount, this.contractLimit, true);
    for (let i = 0; i < inCount; i++) this.out.remove(this.inNode[i], v);
    for (let j = 0; j < outCount; j++) this.into.remove(this.outNode[j], v);
    const stamp = v + 1;
    const nextLevel = this.level[v] + 1;
    for (let k = 0; k < inCount + outCount; k++) {
      const x = k < inCount ? this.inNode[k] : this.outNode[k - inCount];
      if (this.seen[x] === stamp) continue;
      this.seen[x] = stamp;
      this.deletedNeighbours[x]++;
      if (this.level[x] < nextLevel) this.level[x] = nextLevel;
    }
    // Priorities are re-estimated from a copy of the neighbour list: priority() overwrites the scratch arrays.
    const count = inCount + outCount;
    const neighbours = this.neighbourScratch;
    for (let k = 0; k < count; k++) neighbours[k] = k < inCount ? this.inNode[k] : this.outNode[k - inCount];
    for (let k = 0; k < count; k++) {
      const x = neighbours[k];
      if (this.seen[x] !== stamp) continue;
      this.seen[x] = 0;
      this.queue.set(x, this.priority(x));
    }
  }
}
