// Writes a matrix of one-decimal numbers (given in tenths) as JSON bytes without building arrays or strings per cell:
// a 1000×1000 table is a million numbers, and per-number formatting dominated answering it over HTTP.

/** Per row-major cell: a non-negative integer number of tenths, or -1 for null. */
export type TenthsAt = (cell: number) => number;

const COMMA = 44, OPEN = 91, CLOSE = 93, DOT = 46, ZERO = 48;
const NULL = [110, 117, 108, 108];

/** JSON bytes of `[[…],[…]]` with `rows` × `cols` cells; 12.3 for 123 tenths, 5 for 50, null for -1. */
export function decimalMatrixJson(rows: number, cols: number, tenthsAt: TenthsAt): Uint8Array {
  let out = new Uint8Array(Math.max(64, rows * cols * 8 + rows * 2 + 2));
  let at = 0;
  const digits = new Uint8Array(20);
  const ensure = (more: number): void => {
    if (at + more <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, at + more));
    bigger.set(out.subarray(0, at));
    out = bigger;
  };
  ensure(2);
  out[at++] = OPEN;
  for (let r = 0; r < rows; r++) {
    ensure(2);
    if (r > 0) out[at++] = COMMA;
    out[at++] = OPEN;
    for (let c = 0; c < cols; c++) {
      ensure(24);
      if (c > 0) out[at++] = COMMA;
      const tenths = tenthsAt(r * cols + c);
      if (tenths < 0) {
        for (const b of NULL) out[at++] = b;
        continue;
      }
      let whole = Math.floor(tenths / 10);
      const fraction = tenths - whole * 10;
      let n = 0;
      do {
        digits[n++] = ZERO + (whole % 10);
        whole = Math.floor(whole / 10);
      } while (whole > 0);
      while (n > 0) out[at++] = digits[--n];
      if (fraction !== 0) {
        out[at++] = DOT;
        out[at++] = ZERO + fraction;
      }
    }
    ensure(1);
    out[at++] = CLOSE;
  }
  ensure(1);
  out[at++] = CLOSE;
  return out.subarray(0, at);
}
