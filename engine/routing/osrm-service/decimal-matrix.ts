// Writes table rows of one-decimal numbers as JSON bytes straight from path keys, into one buffer per row chunk:
// a 1000×1000 table is a million numbers, and per-number formatting dominated answering it over HTTP.
import { DISTANCE_SPAN } from '../../graph/ch/path-key.js';

/** Which number of a path key a matrix shows: the duration × `scale` or the distance, in tenths. */
export interface KeyCells {
  readonly part: 'duration' | 'distance';
  readonly scale: number;
  /** Per unreachable cell (row-major index in the whole table): tenths to show instead of null. */
  readonly fallbackTenths: ReadonlyMap<number, number> | null;
}

const COMMA = 44, OPEN = 91, CLOSE = 93, DOT = 46, ZERO = 48;
/** Most bytes one cell takes: a comma, up to 21 digits, a dot and one decimal. */
const MAX_CELL_BYTES = 24;
const INT32_LIMIT = 2 ** 31;

/** The two ASCII digits of 0..99, at index 2·n. */
const DIGIT_PAIRS = Uint8Array.from({ length: 200 }, (_, i) => ZERO + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

/** Decimal digits of a non-negative integer below 2^31. */
function digitCount(n: number): number {
  if (n < 10_000) return n < 100 ? (n < 10 ? 1 : 2) : n < 1_000 ? 3 : 4;
  if (n < 100_000_000) return n < 1_000_000 ? (n < 100_000 ? 5 : 6) : n < 10_000_000 ? 7 : 8;
  return n < 1_000_000_000 ? 9 : 10;
}

/** Writes `tenths` (a non-negative integer) at `at` as 12.3 for 123, 5 for 50; returns the next free index. */
export function writeTenths(out: Uint8Array, at: number, tenths: number): number {
  if (tenths >= INT32_LIMIT) {
    const text = String(tenths / 10);
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
    return at + text.length;
  }
  let whole = (tenths / 10) | 0;
  const fraction = tenths - whole * 10;
  const end = at + digitCount(whole);
  let pos = end;
  while (whole >= 100) {
    const q = (whole / 100) | 0, pair = (whole - q * 100) << 1;
    out[--pos] = DIGIT_PAIRS[pair + 1];
    out[--pos] = DIGIT_PAIRS[pair];
    whole = q;
  }
  if (whole >= 10) {
    out[--pos] = DIGIT_PAIRS[(whole << 1) + 1];
    out[--pos] = DIGIT_PAIRS[whole << 1];
  } else {
    out[--pos] = ZERO + whole;
  }
  if (fraction === 0) return end;
  out[end] = DOT;
  out[end + 1] = ZERO + fraction;
  return end + 2;
}

/**
 * JSON bytes of `rowCount` matrix rows `[…],[…]` of `cols` cells from row-major path keys (`keys[0]` is the first
 * cell of table row `firstRow`; a comma leads unless that row is the table's first). Unreachable keys (Infinity)
 * are null unless `cells.fallbackTenths` has them.
 */
export function keyRowsJson(keys: Float64Array, rowCount: number, cols: number, firstRow: number, cells: KeyCells): Uint8Array {
  const out = Buffer.allocUnsafe(rowCount * (cols * MAX_CELL_BYTES + 3));
  const duration = cells.part === 'duration', scale = cells.scale, fallback = cells.fallbackTenths;
  let at = 0;
  for (let r = 0; r < rowCount; r++) {
    if (firstRow + r > 0) out[at++] = COMMA;
    out[at++] = OPEN;
    const row = r * cols;
    for (let c = 0; c < cols; c++) {
      if (c > 0) out[at++] = COMMA;
      const key = keys[row + c];
      let tenths: number | undefined;
      if (key === Infinity) {
        tenths = fallback?.get((firstRow + r) * cols + c);
        if (tenths === undefined) {
          out[at] = 110; out[at + 1] = 117; out[at + 2] = 108; out[at + 3] = 108; // null
          at += 4;
          continue;
        }
      } else {
        const durationDs = Math.floor(key / DISTANCE_SPAN);
        tenths = duration ? (scale === 1 ? durationDs : Math.round(durationDs * scale)) : key - durationDs * DISTANCE_SPAN;
      }
      at = writeTenths(out, at, tenths);
    }
    out[at++] = CLOSE;
  }
  return out.subarray(0, at);
}
