// The engine's one generator: the published xoshiro128** outputs, reproducible seeds, and each helper's range and law.
import { describe, expect, it } from 'vitest';
import { Prng, prngStream } from '../../../engine/random/prng.js';

const draws = <T>(count: number, draw: () => T): T[] => Array.from({ length: count }, draw);

describe('Prng', () => {
  it('gives the reference outputs of xoshiro128** from the state 1, 2, 3, 4 (Blackman & Vigna, xoshiro128starstar.c)', () => {
    const prng = Prng.fromState([1, 2, 3, 4]);
    expect(draws(10, () => prng.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
    expect(() => Prng.fromState([0, 0, 0, 0])).toThrow(RangeError);
  });

  it('repeats a seed and separates neighbouring seeds and purposes', () => {
    const a = new Prng(42), b = new Prng(42), c = new Prng(43);
    const first = draws(100, () => a.next());
    expect(draws(100, () => b.next())).toEqual(first);
    expect(draws(100, () => c.next()).filter((x, i) => x === first[i])).toEqual([]);
    expect(draws(5, () => prngStream(7, 'travel').next())).toEqual(draws(5, () => prngStream(7, 'travel').next()));
    expect(prngStream(7, 'travel').next()).not.toBe(prngStream(7, 'offers').next());
  });

  it('keeps every draw in its range and reaches both ends of the integer ranges', () => {
    const prng = new Prng(1);
    const ints = draws(2_000, () => prng.int(5)), between = draws(2_000, () => prng.intBetween(-2, 2));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(new Set(between)).toEqual(new Set([-2, -1, 0, 1, 2]));
    for (const x of draws(2_000, () => prng.next())) expect(x >= 0 && x < 1).toBe(true);
    for (const x of draws(500, () => prng.uniform(3, 4))) expect(x >= 3 && x < 4).toBe(true);
    expect(new Set(draws(500, () => prng.step(60, 180, 30)))).toEqual(new Set([60, 90, 120, 150, 180]));
    expect(new Set(draws(500, () => prng.pick(['a', 'b', 'c'])))).toEqual(new Set(['a', 'b', 'c']));
  });

  it('shuffles into a permutation and samples distinct indices', () => {
    const prng = new Prng(9);
    const shuffled = prng.shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(shuffled).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(shuffled)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const sample = prng.sample(20, 8);
    expect(new Set(sample).size).toBe(8);
    for (const i of sample) expect(i >= 0 && i < 20).toBe(true);
    expect(prng.sample(3, 10)).toHaveLength(3);
  });

  it('draws weighted indices, chances, normals and exponentials with their laws (20,000 draws, ±5 standard errors)', () => {
    const prng = new Prng(2026), n = 20_000;
    const counts = [0, 0, 0];
    for (let k = 0; k < n; k++) counts[prng.weighted([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2] / n - 0.75)).toBeLessThan(5 * Math.sqrt(0.75 * 0.25 / n));
    const hits = draws(n, () => prng.chance(0.2)).filter(Boolean).length;
    expect(Math.abs(hits / n - 0.2)).toBeLessThan(5 * Math.sqrt(0.2 * 0.8 / n));
    const normals = draws(n, () => prng.normal());
    const mean = normals.reduce((s, x) => s + x, 0) / n;
    const variance = normals.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // Exponential with mean 30: the standard deviation equals the mean.
    const gaps = draws(n, () => prng.exponential(30));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(gaps.reduce((s, x) => s + x, 0) / n - 30)).toBeLessThan(5 * 30 / Math.sqrt(n));
  });
});
