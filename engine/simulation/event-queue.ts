// Priority queue of timed simulation events: a binary min-heap on (time, insertion order), so ties run FIFO.

export interface Timed<T> {
  readonly atMs: number;
  readonly seq: number;
  readonly event: T;
}

export class EventQueue<T> {
  private readonly heap: Timed<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(atMs: number, event: T): void {
    const heap = this.heap;
    heap.push({ atMs, seq: this.seq++, event });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** The earliest event, removed; undefined when empty. */
  pop(): Timed<T> | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }

  peekTime(): number {
    return this.heap.length > 0 ? this.heap[0].atMs : Number.POSITIVE_INFINITY;
  }
}

const before = <T>(a: Timed<T>, b: Timed<T>): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
