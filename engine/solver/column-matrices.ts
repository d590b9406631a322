// Travel matrices read by destination: legs into one location sit in one contiguous row (shared when symmetric).
import type { CompiledProblem } from '../model/compiled-problem.js';

/**
 * `distToM[to · n + from]` = `distanceM[from · n + to]`, likewise durations; `extraToS` null when every extra time is 0;
 * `durFromS` is `durationS` (by origin), or `distanceM` when both hold the same values.
 */
export interface ColumnMatrices {
  readonly durFromS: Float64Array;
  readonly distToM: Float64Array;
  readonly durToS: Float64Array;
  readonly extraToS: Float64Array | null;
}

const cache = new WeakMap<CompiledProblem, ColumnMatrices>();

/** The problem's matrices by destination, built once per problem (a symmetric matrix is its own transpose). */
export function columnMatricesOf(p: CompiledProblem): ColumnMatrices {
  let m = cache.get(p);
  if (m === undefined) {
    const n = p.locationCount;
    const distToM = transposed(p.distanceM, n);
    // Equal matrices (travel time = distance, as on Li & Lim) share one array: half the memory the hot loops touch.
    const same = sameValues(p.durationS, p.distanceM);
    const durToS = same ? distToM : transposed(p.durationS, n);
    m = { durFromS: same ? p.distanceM : p.durationS, distToM, durToS, extraToS: allZero(p.legExtraS) ? null : transposed(p.legExtraS, n) };
    cache.set(p, m);
  }
  return m;
}

function transposed(a: Float64Array, n: number): Float64Array {
  let symmetric = true;
  for (let i = 0; i < n && symmetric; i++) {
    for (let j = i + 1; j < n; j++) if (!Object.is(a[i * n + j], a[j * n + i])) { symmetric = false; break; }
  }
  if (symmetric) return a;
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j];
  return t;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}

function allZero(a: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], 0)) return false;
  return true;
}
