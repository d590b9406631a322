// Stall sequencing: the solver picks the order in which a courier visits an order's stalls (the shortest walk or
// ride through them and on to the delivery) by renumbering each order's pickup stops in that order.
import type { CompiledProblem } from '../model/compiled-problem.js';
import { isImprovement } from './cost/tolerance.js';

/** Orders with more pickups than this keep their input order (permutations grow as k!). */
const MAX_PERMUTED = 6;

/**
 * `p` with each order's remaining pickups renumbered in their best sequence: the one minimising the time from the
 * first stall through the others to the delivery (riding at speed 1 plus each leg's extra time: walking inside a
 * market, parking, setup); ties keep the input order. Returns `p` itself when no order changes. The search may
 * still split the group (or-opt), e.g. to share a stall visit with another order.
 */
export function withStallSequence(p: CompiledProblem): CompiledProblem {
  const perm = Int32Array.from({ length: p.stopCount }, (_, s) => s);
  let changed = false;
  const frozen = new Set<number>();
  for (let c = 0; c < p.courierCount; c++) if (p.courierNextStop[c] >= 0) frozen.add(p.stopOrder[p.courierNextStop[c]]);
  for (let o = 0; o < p.orderCount; o++) {
    const k = p.orderStopCount[o] - 1;
    if (k < 2 || k > MAX_PERMUTED || frozen.has(o)) continue;
    const first = p.orderFirstStop[o];
    const best = bestSequence(p, first, k, first + k);
    for (let g = 0; g < k; g++) {
      perm[first + g] = first + best[g];
      if (best[g] !== g) changed = true;
    }
  }
  if (!changed) return p;
  // New stop index s takes the data of old stop perm[s].
  const D = p.dims;
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
    const out = a.slice() as T;
    for (let s = 0; s < p.stopCount; s++) out[s] = a[perm[s]];
    return out;
  };
  const stopLoad = new Float64Array(p.stopLoad.length);
  for (let s = 0; s < p.stopCount; s++) for (let d = 0; d < D; d++) stopLoad[s * D + d] = p.stopLoad[perm[s] * D + d];
  return {
    ...p,
    stopIds: Array.from(perm, (old) => p.stopIds[old]),
    stopLocation: pick(p.stopLocation), stopServiceS: pick(p.stopServiceS), stopEarliestS: pick(p.stopEarliestS),
    stopLatestS: pick(p.stopLatestS), stopLoad,
  };
}

/** Offsets 0..k−1 of the pickups starting at `first`, in the order of the quickest path through them to `delivery`. */
function bestSequence(p: CompiledProblem, first: number, k: number, delivery: number): number[] {
  const n = p.locationCount;
  const leg = (a: number, b: number): number => {
    const from = p.stopLocation[a], to = p.stopLocation[b];
    return p.durationS[from * n + to] + p.legExtraS[from * n + to];
  };
  const order = Array.from({ length: k }, (_, g) => g);
  let best = order.slice();
  const cost = (seq: number[]): number => {
    let t = leg(first + seq[k - 1], delivery);
    for (let g = 1; g < k; g++) t += leg(first + seq[g - 1], first + seq[g]);
    return t;
  };
  let bestS = cost(order);
  const visit = (m: number): void => {
    if (m === k) {
      const c = cost(order);
      if (isImprovement(c - bestS, bestS)) { bestS = c; best = order.slice(); }
      return;
    }
    for (let q = m; q < k; q++) {
      [order[m], order[q]] = [order[q], order[m]];
      visit(m + 1);
      [order[m], order[q]] = [order[q], order[m]];
    }
  };
  visit(0);
  return best;
}
