// IndexedMinHeap: pops in key order, decrease-key and set move items, clear empties for reuse; checked against a sort.
import { describe, expect, it } from 'vitest';
import { IndexedMinHeap } from '../../../engine/graph/binary-heap.js';
import { seededRandom } from './ch/random-graph.js';

describe('IndexedMinHeap', () => {
  it('pops items in key order after random pushes, decreases and sets', () => {
    const random = seededRandom(3);
    const heap = new IndexedMinHeap(500);
    const key = new Map<number, number>();
    for (let step = 0; step < 3000; step++) {
      const item = Math.floor(random() * 500), k = Math.floor(random() * 1000);
      if (random() < 0.5) {
        heap.push(item, k); // insert or decrease only
        key.set(item, Math.min(key.get(item) ?? Infinity, k));
      } else {
        heap.set(item, k);
        key.set(item, k);
      }
    }
    expect(heap.size).toBe(key.size);
    const popped: number[] = [];
    while (!heap.isEmpty()) {
      const k = heap.minKey();
      const item = heap.pop();
      expect(k).toBe(key.get(item));
      expect(heap.contains(item)).toBe(false);
      popped.push(k);
    }
    expect(popped).toEqual([...key.values()].sort((a, b) => a - b));
    expect(heap.minKey()).toBe(Infinity);
  });

  it('ignores a push with a larger key and is reusable after clear', () => {
    const heap = new IndexedMinHeap(4);
    heap.push(2, 5);
    heap.push(2, 9);
    expect(heap.minKey()).toBe(5);
    heap.push(1, 7);
    heap.clear();
    expect(heap.isEmpty()).toBe(true);
    expect(heap.contains(2)).toBe(false);
    heap.push(3, 1);
    expect(heap.pop()).toBe(3);
  });
});
