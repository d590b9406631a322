// Whether a detour through another stop never arrives earlier than going direct: lets insertion stop scanning
// positions once a time window is missed.
import type { CompiledProblem } from '../model/compiled-problem.js';

/** Largest location count checked on every triple; larger matrices are checked on a fixed sample of triples. */
const EXHAUSTIVE_LOCATIONS = 120;
const SAMPLED_TRIPLES = 300_000;

/**
 * True when going via any stop never arrives sooner than going direct: the triangle inequality on travel times
 * (riding at the fastest courier's speed plus leg extra times) may fail by no more than the shortest service time,
 * which every intermediate stop adds (rounded matrices fail it by a second or so). Checked on every triple of a small
 * matrix, on a fixed, seed-independent sample of a large one.
 */
export function travelTimesAreMetric(p: CompiledProblem): boolean {
  const n = p.locationCount;
  let slackS = Infinity;
  for (let s = 0; s < p.stopCount; s++) slackS = Math.min(slackS, p.stopServiceS[s]);
  let maxInv = 0;
  for (let c = 0; c < p.courierCount; c++) maxInv = Math.max(maxInv, p.courierInvSpeed[c]);
  if (!Number.isFinite(slackS)) slackS = 0;
  if (n <= EXHAUSTIVE_LOCATIONS) {
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) for (let c = 0; c < n; c++) if (!triangle(p, a, b, c, maxInv, slackS)) return false;
    return true;
  }
  // Deterministic strided walk over triples (a Weyl sequence), so the verdict never depends on the run's seed.
  let x = 0, y = 0, z = 0;
  for (let q = 0; q < SAMPLED_TRIPLES; q++) {
    x = (x + 7919) % n; y = (y + 104729) % n; z = (z + 1299709) % n;
    if (!triangle(p, x, y, (z + q) % n, maxInv, slackS)) return false;
  }
  return true;
}

function triangle(p: CompiledProblem, a: number, b: number, c: number, maxInv: number, slackS: number): boolean {
  const n = p.locationCount;
  const ac = a * n + c, ab = a * n + b, bc = b * n + c;
  const d = p.durationS, e = p.legExtraS;
  const shortD = d[ac] - d[ab] - d[bc];
  const shortE = e[ac] - e[ab] - e[bc];
  const tolerance = 1e-6 * (1 + d[ac] + e[ac]);
  return (shortD > 0 ? shortD * maxInv : 0) + (shortE > 0 ? shortE : 0) <= slackS + tolerance;
}
