// DynamicAdjacency: per-node edge lists in pooled typed arrays that grow and shrink while a graph is contracted.

/**
 * One direction of a mutable graph (out-edges or in-edges). Node u's entries are the slots
 * start[u] .. start[u]+length[u]-1 of the pooled arrays; a full block moves to the pool's end with double capacity.
 * At most one entry per (u, neighbour): `upsert` keeps the smaller key.
 */
export class DynamicAdjacency {
  /** Per node: first slot of its block. */
  readonly start: Uint32Array;
  /** Per node: number of live entries in its block. */
  readonly length: Uint32Array;
  /** Per node: slots reserved for its block. */
  private readonly capacity: Uint32Array;
  /** Per slot: the neighbour node. */
  neighbour: Uint32Array;
  /** Per slot: path key of the edge (see path-key.ts). */
  key: Float64Array;
  /** Per slot: contracted middle node of a shortcut, -1 for an original edge. */
  middle: Int32Array;
  /** Per slot: number of original edges the entry stands for. */
  hops: Uint32Array;
  private used = 0;

  constructor(nodeCount: number, initialCapacity: Uint32Array) {
    this.start = new Uint32Array(nodeCount);
    this.length = new Uint32Array(nodeCount);
    this.capacity = new Uint32Array(nodeCount);
    let total = 0;
    for (let u = 0; u < nodeCount; u++) {
      this.start[u] = total;
      this.capacity[u] = initialCapacity[u] + 2;
      total += initialCapacity[u] + 2;
    }
    this.used = total;
    const size = Math.max(16, Math.ceil(total * 1.5));
    this.neighbour = new Uint32Array(size);
    this.key = new Float64Array(size);
    this.middle = new Int32Array(size);
    this.hops = new Uint32Array(size);
  }

  /** Slot of the entry u → v, or -1. */
  find(u: number, v: number): number {
    const end = this.start[u] + this.length[u];
    for (let s = this.start[u]; s < end; s++) if (this.neighbour[s] === v) return s;
    return -1;
  }

  /** Adds u → v or lowers its key; returns true when the graph changed. */
  upsert(u: number, v: number, key: number, middle: number, hops: number): boolean {
    let slot = this.find(u, v);
    if (slot >= 0) {
      if (key >= this.key[slot]) return false;
    } else {
      if (this.length[u] === this.capacity[u]) this.grow(u);
      slot = this.start[u] + this.length[u]++;
      this.neighbour[slot] = v;
    }
    this.key[slot] = key;
    this.middle[slot] = middle;
    this.hops[slot] = hops;
    return true;
  }

  /** Removes u → v if present. */
  remove(u: number, v: number): void {
    const slot = this.find(u, v);
    if (slot < 0) return;
    const last = this.start[u] + --this.length[u];
    this.neighbour[slot] = this.neighbour[last];
    this.key[slot] = this.key[last];
    this.middle[slot] = this.middle[last];
    this.hops[slot] = this.hops[last];
  }

  private grow(u: number): void {
    const oldStart = this.start[u], count = this.length[u];
    const newCapacity = Math.max(4, this.capacity[u] * 2);
    if (this.used + newCapacity > this.neighbour.length) this.reallocate(Math.ceil((this.used + newCapacity) * 1.5));
    const newStart = this.used;
    this.neighbour.copyWithin(newStart, oldStart, oldStart + count);
    this.key.copyWithin(newStart, oldStart, oldStart + count);
    this.middle.copyWithin(newStart, oldStart, oldStart + count);
    this.hops.copyWithin(newStart, oldStart, oldStart + count);
    this.start[u] = newStart;
    this.capacity[u] = newCapacity;
    this.used += newCapacity;
  }

  private reallocate(size: number): void {
    const neighbour = new Uint32Array(size), key = new Float64Array(size);
    const middle = new Int32Array(size), hops = new Uint32Array(size);
    neighbour.set(this.neighbour.subarray(0, this.used));
    key.set(this.key.subarray(0, this.used));
    middle.set(this.middle.subarray(0, this.used));
    hops.set(this.hops.subarray(0, this.used));
    this.neighbour = neighbour;
    this.key = key;
    this.middle = middle;
    this.hops = hops;
  }
}
