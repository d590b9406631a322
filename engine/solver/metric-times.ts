// Whether travel obeys the triangle inequality (no detour arrives earlier): lets insertion stop scanning positions
// once a time window is missed.
import type { CompiledProblem } from '../model/compiled-problem.js';

/** Largest location count checked on every triple; larger matrices are checked on a fixed sample of triples. */
const EXHAUSTIVE_LOCATIONS = 120;
const SAMPLED_TRIPLES = 300_000;

/**
 * True when durations and leg extra times each obey the triangle inequality (checked on every triple of a small
 * matrix, on a fixed, seed-independent sample of a large one): then reaching a stop via another never arrives sooner.
 */
export function travelTimesAreMetric(p: CompiledProblem): boolean {
  const n = p.locationCount;
  if (n <= EXHAUSTIVE_LOCATIONS) {
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) for (let c = 0; c < n; c++) if (!triangle(p, a, b, c)) return false;
    return true;
  }
  // Deterministic strided walk over triples (a Weyl sequence), so the verdict never depends on the run's seed.
  let x = 0, y = 0, z = 0;
  for (let q = 0; q < SAMPLED_TRIPLES; q++) {
    x = (x + 7919) % n; y = (y + 104729) % n; z = (z + 1299709) % n;
    if (!triangle(p, x, y, (z + q) % n)) return false;
  }
  return true;
}

function triangle(p: CompiledProblem, a: number, b: number, c: number): boolean {
  const n = p.locationCount;
  const ac = a * n + c, ab = a * n + b, bc = b * n + c;
  const d = p.durationS, e = p.legExtraS;
  const slack = 1e-6 * (1 + d[ac] + e[ac]);
  return d[ac] <= d[ab] + d[bc] + slack && e[ac] <= e[ab] + e[bc] + slack;
}
