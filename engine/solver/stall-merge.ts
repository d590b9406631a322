// Merged insertion: an order's pickups at stalls the route already visits join those visits (right after the other
// order's pickup there), the rest go in as one group; priced exactly. Lets insertion share stall visits across orders.
import type { CompiledProblem } from '../model/compiled-problem.js';
import { minInsertPosition, type InsertionResult, type InsertionScratch } from './insertion.js';
import { exactSplicedCost } from './exact-splice.js';
import type { RouteState } from './route-state.js';

/** Orders worth a merged insertion: a pickup inside a market at a location where another order also picks up. */
export function mergeableOrders(p: CompiledProblem): Uint8Array {
  const out = new Uint8Array(p.orderCount);
  const pickupsAt = new Int32Array(p.locationCount);
  for (let s = 0; s < p.stopCount; s++) if (!p.stopIsDelivery[s]) pickupsAt[p.stopLocation[s]]++;
  for (let o = 0; o < p.orderCount; o++) {
    const first = p.orderFirstStop[o];
    for (let g = 0; g < p.orderStopCount[o] - 1; g++) {
      const loc = p.stopLocation[first + g];
      if (p.locationMarket[loc] >= 0 && pickupsAt[loc] > 1) out[o] = 1;
    }
  }
  return out;
}

/**
 * Writes `stops[0..len)` with order `o` inserted in merged form into `out` and returns the new length: each pickup of
 * `o` whose location a pickup at a position before `j` already visits goes right after the last such stop, the other
 * pickups as a group before position `i`, the delivery before position `j` (original positions, i ≤ j). Returns −1
 * when no pickup joins a visit (the plain insertion covers that case).
 */
export function writeMergedSequence(p: CompiledProblem, stops: Int32Array, len: number, o: number, i: number, j: number, attach: Int32Array, out: Int32Array): number {
  if (attachPickups(p, stops, o, j, attach) === 0) return -1;
  return writeAttached(p, stops, len, o, i, j, attach, out);
}

/**
 * Fills `attach` (pickup offset of `o` → the last position before `j` whose pickup is at the same location, −1: none)
 * and returns how many pickups found such a visit.
 */
function attachPickups(p: CompiledProblem, stops: Int32Array, o: number, j: number, attach: Int32Array): number {
  const first = p.orderFirstStop[o];
  const k = p.orderStopCount[o] - 1;
  let joined = 0;
  for (let g = 0; g < k; g++) {
    const loc = p.stopLocation[first + g];
    attach[g] = -1;
    for (let q = j - 1; q >= 0; q--) {
      const s = stops[q];
      if (!p.stopIsDelivery[s] && p.stopLocation[s] === loc) { attach[g] = q; joined++; break; }
    }
  }
  return joined;
}

/** Writes the merged sequence for attachments already in `attach` (see writeMergedSequence) and returns its length. */
function writeAttached(p: CompiledProblem, stops: Int32Array, len: number, o: number, i: number, j: number, attach: Int32Array, out: Int32Array): number {
  const first = p.orderFirstStop[o];
  const k = p.orderStopCount[o] - 1;
  let w = 0;
  for (let q = 0; q <= len; q++) {
    if (q === i) for (let g = 0; g < k; g++) if (attach[g] < 0) out[w++] = first + g;
    if (q === j) out[w++] = first + k;
    if (q === len) break;
    out[w++] = stops[q];
    for (let g = 0; g < k; g++) if (attach[g] === q) out[w++] = first + g;
  }
  return w;
}

/**
 * Cheapest merged insertion of `o` into `r` (exact re-evaluation of each candidate); writes it to `best` with
 * `merge` set only when its route cost change is below `best.delta`. For each delivery position the remaining
 * group goes right before the delivery, right after the last joined visit or right before the first one (the
 * stalls are in one market, so the group belongs beside the visits): O(len²) per route.
 */
export function bestMergedInsertion(p: CompiledProblem, r: RouteState, o: number, best: InsertionResult, sc: InsertionScratch): void {
  const len = r.len;
  const k = p.orderStopCount[o] - 1;
  if (len === 0 || len + k + 1 > p.courierMaxStops[r.courier]) return;
  // The earliest position whose pickup shares a location with one of o's: no delivery position up to it joins any.
  const first = p.orderFirstStop[o];
  let earliest = -1;
  for (let q = 0; q < len && earliest < 0; q++) {
    const s = r.stops[q];
    if (p.stopIsDelivery[s]) continue;
    for (let g = 0; g < k; g++) if (p.stopLocation[first + g] === p.stopLocation[s]) { earliest = q; break; }
  }
  if (earliest < 0) return;
  const minPos = minInsertPosition(p, r);
  const attach = sc.attach;
  const out = sc.stops;
  for (let j = Math.max(minPos, earliest + 1); j <= len; j++) {
    // The attachments depend on j alone: found once, then written for each group position.
    if (attachPickups(p, r.stops, o, j, attach) === 0) continue;
    let all = true, lo = len, hi = -1;
    for (let g = 0; g < k; g++) {
      if (attach[g] < 0) { all = false; continue; }
      if (attach[g] < lo) lo = attach[g];
      if (attach[g] > hi) hi = attach[g];
    }
    consider(p, r, o, j, j, writeAttached(p, r.stops, len, o, j, j, attach, out), best, sc);
    // When every pickup joins a visit, the group is empty and its position does not matter.
    if (all) continue;
    if (hi + 1 < j) consider(p, r, o, hi + 1, j, writeAttached(p, r.stops, len, o, hi + 1, j, attach, out), best, sc);
    if (lo >= minPos && lo < hi + 1) consider(p, r, o, lo, j, writeAttached(p, r.stops, len, o, lo, j, attach, out), best, sc);
  }
}

/**
 * Prices the merged sequence in `sc.stops[0..w)` (r's stops with o's inserted before its position j) and keeps it in
 * `best` when cheaper: exactly, from the first stop of o on, as a window replacing r's positions up to j.
 */
function consider(p: CompiledProblem, r: RouteState, o: number, i: number, j: number, w: number, best: InsertionResult, sc: InsertionScratch): void {
  const seq = sc.stops;
  let from = 0;
  while (p.stopOrder[seq[from]] !== o) from++;
  const win = sc.exact.window;
  const windowEnd = w - (r.len - j);
  for (let x = from; x < windowEnd; x++) win[x - from] = seq[x];
  const delta = exactSplicedCost(p, sc.cost, r, from, j, win, windowEnd - from, sc.exact) - r.cost;
  if (delta === Infinity) return;
  if (delta < best.delta) {
    best.delta = delta;
    best.i = i;
    best.j = j;
    best.merge = true;
  }
}
