import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../engine/index.js';

describe('EventQueue', () => {
  it('pops by time, ties in insertion order', () => {
    const q = new EventQueue<string>();
    const input: [number, string][] = [[5, 'a'], [1, 'b'], [5, 'c'], [3, 'd'], [1, 'e'], [9, 'f'], [0, 'g']];
    for (const [t, e] of input) q.push(t, e);
    const out: string[] = [];
    for (let x = q.pop(); x; x = q.pop()) out.push(x.event);
    expect(out).toEqual(['g', 'b', 'e', 'd', 'a', 'c', 'f']);
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('matches a sort on many random times', () => {
    const q = new EventQueue<number>();
    const times = Array.from({ length: 500 }, (_, i) => (i * 7919) % 101);
    times.forEach((t, i) => q.push(t, i));
    const popped: number[] = [];
    for (let x = q.pop(); x; x = q.pop()) popped.push(x.event);
    const expected = times.map((t, i) => [t, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
    expect(popped).toEqual(expected);
  });
});
