// IndexedMinHeap: a reusable binary min-heap of dense item ids keyed by float64, with decrease-key, on typed arrays.

/**
 * Items are dense ids in [0, capacity). `clear()` costs O(size) so one heap serves many searches
 * without reallocating; no method allocates.
 */
export class IndexedMinHeap {
  /** Per heap slot (0..size-1): the item id stored there. */
  private readonly items: Uint32Array;
  /** Per heap slot: the key of the item stored there (any float64 unit the caller chooses). */
  private readonly keys: Float64Array;
  /** Per item id: its slot + 1 while in the heap, 0 when absent. */
  private readonly slotOf: Uint32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Uint32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.slotOf = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  isEmpty(): boolean {
    return this.count === 0;
  }

  contains(item: number): boolean {
    return this.slotOf[item] !== 0;
  }

  /** The smallest key; Infinity when empty. */
  minKey(): number {
    return this.count === 0 ? Infinity : this.keys[0];
  }

  /** Inserts `item`, or lowers its key if it is already present with a larger key. */
  push(item: number, key: number): void {
    const slot = this.slotOf[item];
    if (slot !== 0) {
      if (key < this.keys[slot - 1]) this.siftUp(slot - 1, item, key);
      return;
    }
    this.siftUp(this.count++, item, key);
  }

  /** Inserts `item` or moves it to `key`, larger or smaller. */
  set(item: number, key: number): void {
    const slot = this.slotOf[item];
    if (slot === 0) this.siftUp(this.count++, item, key);
    else if (key < this.keys[slot - 1]) this.siftUp(slot - 1, item, key);
    else this.siftDown(slot - 1, item, key);
  }

  /** Removes and returns the item with the smallest key (read `minKey()` first for its key). */
  pop(): number {
    const top = this.items[0];
    this.slotOf[top] = 0;
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.items[last], this.keys[last]);
    return top;
  }

  /** Empties the heap in O(size). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.slotOf[this.items[i]] = 0;
    this.count = 0;
  }

  private siftUp(slot: number, item: number, key: number): void {
    const items = this.items, keys = this.keys, slotOf = this.slotOf;
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      const parentKey = keys[parent];
      if (parentKey <= key) break;
      const parentItem = items[parent];
      items[slot] = parentItem;
      keys[slot] = parentKey;
      slotOf[parentItem] = slot + 1;
      slot = parent;
    }
    items[slot] = item;
    keys[slot] = key;
    slotOf[item] = slot + 1;
  }

  private siftDown(slot: number, item: number, key: number): void {
    const items = this.items, keys = this.keys, slotOf = this.slotOf, n = this.count;
    for (;;) {
      let child = 2 * slot + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      const childItem = items[child];
      items[slot] = childItem;
      keys[slot] = keys[child];
      slotOf[childItem] = slot + 1;
      slot = child;
    }
    items[slot] = item;
    keys[slot] = key;
    slotOf[item] = slot + 1;
  }
}
