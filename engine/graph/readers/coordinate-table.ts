// CoordinateTable: open-addressing hash from OSM node id to [lon, lat] in typed arrays, sized by what is kept, not by the file.

/** Node id → coordinate for the nodes a clip keeps. Ids are integers below 2^53 (negative ids too); lookups of absent ids return -1. */
export class CoordinateTable {
  private ids: Float64Array;
  private lonLat: Float64Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(initialCapacity = 1 << 16) {
    let capacity = 1 << 4;
    while (capacity < initialCapacity) capacity <<= 1;
    this.ids = new Float64Array(capacity).fill(Number.NaN);
    this.lonLat = new Float64Array(2 * capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
  }

  /** Slots allocated (for memory accounting): bytes ≈ 24 × capacity. */
  get capacity(): number {
    return this.mask + 1;
  }

  private slotOf(id: number): number {
    const low = id >>> 0, high = (id / 4294967296) >>> 0;
    return Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> this.shift;
  }

  /** Stores (or overwrites) the coordinate of `id`. */
  set(id: number, lon: number, lat: number): void {
    if ((this.size + 1) * 2 > this.capacity) this.grow();
    const ids = this.ids, mask = this.mask;
    let slot = this.slotOf(id);
    while (ids[slot] === ids[slot] && ids[slot] !== id) slot = (slot + 1) & mask;
    if (ids[slot] !== ids[slot]) { ids[slot] = id; this.size++; }
    this.lonLat[2 * slot] = lon;
    this.lonLat[2 * slot + 1] = lat;
  }

  /** The slot holding `id`, or -1; read its coordinate with `lon(slot)` / `lat(slot)`. */
  find(id: number): number {
    const ids = this.ids, mask = this.mask;
    let slot = this.slotOf(id);
    for (;;) {
      const stored = ids[slot];
      if (stored === id) return slot;
      if (stored !== stored) return -1; // NaN marks an empty slot
      slot = (slot + 1) & mask;
    }
  }

  lon(slot: number): number {
    return this.lonLat[2 * slot];
  }

  lat(slot: number): number {
    return this.lonLat[2 * slot + 1];
  }

  private grow(): void {
    const oldIds = this.ids, oldLonLat = this.lonLat;
    const capacity = this.capacity * 2;
    this.ids = new Float64Array(capacity).fill(Number.NaN);
    this.lonLat = new Float64Array(2 * capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
    this.size = 0;
    for (let s = 0; s < oldIds.length; s++) if (oldIds[s] === oldIds[s]) this.set(oldIds[s], oldLonLat[2 * s], oldLonLat[2 * s + 1]);
  }
}
