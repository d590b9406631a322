// The hand-written table JSON equals JSON.stringify of the same one-decimal numbers (and nulls), in row chunks too.
import { describe, expect, it } from 'vitest';
import { pathKey } from '../../../engine/graph/ch/path-key.js';
import { keyRowsJson, writeTenths } from '../../../engine/routing/osrm-service/decimal-matrix.js';

describe('keyRowsJson', () => {
  const rows = 3, cols = 4;
  const durationDs = [0, 5, 10, 123, 5480, 9_999_999, -1, 1, 100_000_001, 70, -1, 31];
  const distanceDm = [0, 7, 1, 99, 40_000, 12, -1, 3, 65_000_000, 10, -1, 8];
  const keys = Float64Array.from(durationDs, (d, i) => (d < 0 ? Infinity : pathKey(d, distanceDm[i])));
  const expected = (values: number[], scale = 1, fallback = new Map<number, number>()) =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => {
      const cell = r * cols + c, t = values[cell];
      if (t >= 0) return Math.round(t * scale) / 10;
      return fallback.has(cell) ? fallback.get(cell)! / 10 : null;
    }));
  const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

  it('writes durations and distances as JSON.stringify would, nulls included', () => {
    expect(`[${text(keyRowsJson(keys, rows, cols, 0, { part: 'duration', scale: 1, fallbackTenths: null }))}]`).toBe(JSON.stringify(expected(durationDs)));
    expect(`[${text(keyRowsJson(keys, rows, cols, 0, { part: 'distance', scale: 1, fallbackTenths: null }))}]`).toBe(JSON.stringify(expected(distanceDm)));
  });

  it('scales durations, fills fallback cells and joins row chunks into one matrix', () => {
    const fallback = new Map([[6, 4321], [10, 7]]);
    const cells = { part: 'duration' as const, scale: 2.5, fallbackTenths: fallback };
    const chunked = [0, 1, 2].map((r) => text(keyRowsJson(keys.subarray(r * cols, (r + 1) * cols), 1, cols, r, cells))).join('');
    expect(`[${chunked}]`).toBe(JSON.stringify(expected(durationDs, 2.5, fallback)));
  });

  it('writes tenths beyond 32-bit integers', () => {
    const out = new Uint8Array(32);
    for (const tenths of [2 ** 31 - 1, 2 ** 31, 2 ** 31 + 5, 123_456_789_012_3]) {
      expect(text(out.subarray(0, writeTenths(out, 0, tenths)))).toBe(JSON.stringify(tenths / 10));
    }
  });
});
