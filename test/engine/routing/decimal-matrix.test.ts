// The hand-written table JSON equals JSON.stringify of the same one-decimal numbers (and nulls).
import { describe, expect, it } from 'vitest';
import { decimalMatrixJson } from '../../../engine/routing/osrm-service/decimal-matrix.js';

describe('decimalMatrixJson', () => {
  it('writes tenths as JSON numbers exactly as JSON.stringify would, nulls included', () => {
    const tenths = [0, 5, 10, 123, 5480, 9_999_999, -1, 1, 100_000_001, 70, -1, 31];
    const rows = 3, cols = 4;
    const text = Buffer.from(decimalMatrixJson(rows, cols, (cell) => tenths[cell])).toString('utf8');
    const expected = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => {
      const t = tenths[r * cols + c];
      return t < 0 ? null : t / 10;
    }));
    expect(text).toBe(JSON.stringify(expected));
    expect(Buffer.from(decimalMatrixJson(0, 0, () => 0)).toString()).toBe('[]');
  });
});
