// Cheapest insertion of a whole order (pickup group + delivery) into one route: O(1) per position pair from the
// route caches under hard windows, with an exact linear re-check when time-in-bag or soft windows make O(1) inexact.
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { Prng } from './prng.js';
import { evaluateRoute, RouteEvalScratch, type RouteEvaluation } from './route-eval.js';
import type { RouteState } from './route-state.js';

/** Feasibility tolerance on times and loads (matrices may hold unrounded floats). */
const EPS = 1e-9;

/** Best insertion found: route cost change (Infinity when none), pickup-group position i, delivery position j. */
export interface InsertionResult {
  delta: number;
  i: number;
  j: number;
}

export function newInsertion(): InsertionResult {
  return { delta: Infinity, i: -1, j: -1 };
}

/** Reusable buffers of the insertion evaluator. */
export class InsertionScratch {
  readonly stops: Int32Array;
  readonly evalScratch: RouteEvalScratch;
  readonly evaluation: RouteEvaluation = { feasible: true, cost: 0, distanceM: 0, endS: 0, lateS: 0 };
  constructor(p: CompiledProblem) {
    this.stops = new Int32Array(p.stopCount + 1);
    this.evalScratch = new RouteEvalScratch(p);
  }
}

/** First position where new stops may go: after a courier's frozen next stop. */
export function minInsertPosition(p: CompiledProblem, r: RouteState): number {
  return r.len > 0 && p.courierNextStop[r.courier] === r.stops[0] ? 1 : 0;
}

/** Exact route-cost change of inserting `o` at (i, j) by a linear re-evaluation; Infinity when infeasible. */
export function exactInsertionDelta(p: CompiledProblem, r: RouteState, o: number, i: number, j: number, sc: InsertionScratch): number {
  const first = p.orderFirstStop[o];
  const k = p.orderStopCount[o] - 1;
  const out = sc.stops;
  let w = 0;
  for (let q = 0; q <= r.len; q++) {
    if (q === i) for (let g = 0; g < k; g++) out[w++] = first + g;
    if (q === j) out[w++] = first + k;
    if (q < r.len) out[w++] = r.stops[q];
  }
  const e = evaluateRoute(p, r.courier, out, w, sc.evalScratch, sc.evaluation);
  return e.feasible ? e.cost - r.cost : Infinity;
}

/**
 * Finds the cheapest feasible insertion of order `o` into route `r`, writing it to `best` only when cheaper than
 * `best.delta`. `blinkRate` skips each candidate with that probability (SISR blinks). Allocates nothing.
 */
export function bestInsertion(p: CompiledProblem, r: RouteState, o: number, best: InsertionResult, sc: InsertionScratch, rng: Prng | null, blinkRate: number): void {
  const c = r.courier;
  const len = r.len;
  const k = p.orderStopCount[o] - 1;
  if (len + k + 1 > p.courierMaxStops[c]) return;
  const D = p.dims;
  const n = p.locationCount;
  const dist = p.distanceM;
  const first = p.orderFirstStop[o];
  const del = first + k;
  const delLoc = p.stopLocation[del];
  const maxBag = p.orderMaxInBagS[o];
  const exact = p.softTimeWindows || r.inBagOrders > 0;
  const startS = p.courierStartS[c];
  const oldEnd = len === 0 ? startS : r.endS;
  const perS = p.courierCostPerHour[c] / 3600;
  const perM = p.courierCostPerKm[c] / 1000;
  const fixed = len === 0 ? p.courierFixedCost[c] : 0;
  const latestEnd = p.courierLatestEndS[c] + EPS;
  const soft = p.softTimeWindows;
  const capBase = c * D;
  // Travel inlined (hot loop): ready leg = duration / speed + setup on a change of location.
  const dur = p.durationS;
  const inv = p.courierInvSpeed[c];
  const setup = p.setupS;
  const endLoc = p.courierEndLocation[c];
  for (let i = minInsertPosition(p, r); i <= len; i++) {
    const prevLoc = i === 0 ? p.courierStartLocation[c] : p.stopLocation[r.stops[i - 1]];
    let t = i === 0 ? startS : r.depS[i - 1];
    let loc = prevLoc;
    let distGroup = 0;
    let bagStart = p.orderHasDonePickups[o] ? startS : -1;
    let ok = true;
    // Pickup group, in order; capacity checked against the load before position i plus the goods so far.
    for (let g = 0; g < k && ok; g++) {
      const s = first + g;
      const l = p.stopLocation[s];
      const ready = t + (dur[loc * n + l] * inv + (loc !== l ? setup : 0));
      const start = ready > p.stopEarliestS[s] ? ready : p.stopEarliestS[s];
      if (!soft && start > p.stopLatestS[s] + EPS) ok = false;
      if (bagStart < 0) bagStart = start;
      distGroup += dist[loc * n + l];
      t = start + p.stopServiceS[s];
      loc = l;
    }
    if (!ok) continue;
    for (let d = 0; d < D && ok; d++) {
      const before = i === 0 ? p.courierInitialLoad[capBase + d] : r.loadAfter[(i - 1) * D + d];
      if (before + p.orderLoad[o * D + d] > p.courierCapacity[capBase + d] + EPS) ok = false;
    }
    if (!ok) continue;
    // j = i: the delivery right after the group.
    {
      const ready = t + (dur[loc * n + delLoc] * inv + (loc !== delLoc ? setup : 0));
      const start = ready > p.stopEarliestS[del] ? ready : p.stopEarliestS[del];
      const bag = bagStart < 0 ? start : bagStart;
      if ((soft || start <= p.stopLatestS[del] + EPS) && start - bag <= maxBag + EPS) {
        const dep = start + p.stopServiceS[del];
        let end: number, addM: number;
        let feasible = true;
        if (i < len) {
          const nx = r.stops[i];
          const nl = p.stopLocation[nx];
          const r2 = dep + (dur[delLoc * n + nl] * inv + (delLoc !== nl ? setup : 0));
          if (!soft && r2 > r.latestReadyS[i] + EPS) feasible = false;
          end = Math.max(r2 + r.sufA[i], r.sufB[i]);
          addM = distGroup + dist[loc * n + delLoc] + dist[delLoc * n + nl] - dist[prevLoc * n + nl];
        } else {
          end = dep + (endLoc < 0 ? 0 : dur[delLoc * n + endLoc] * inv);
          if (end > latestEnd) feasible = false;
          addM = distGroup + dist[loc * n + delLoc] + (endLoc < 0 ? 0 : dist[delLoc * n + endLoc]) - (len > 0 ? (endLoc < 0 ? 0 : dist[prevLoc * n + endLoc]) : 0);
        }
        if (feasible) consider(p, r, o, i, i, fixed + perS * (end - oldEnd) + perM * addM, exact, best, sc, rng, blinkRate);
      }
    }
    if (i === len) continue;
    // j > i: walk the pushed segment i..m, the delivery going after stop m.
    const li = p.stopLocation[r.stops[i]];
    let ready = t + (dur[loc * n + li] * inv + (loc !== li ? setup : 0));
    const inM = distGroup + dist[loc * n + li] - dist[prevLoc * n + li];
    // Bound: the group's detour alone already costs more than the best (triangle inequality assumed).
    if (perS === 0 && fixed + perM * inM >= best.delta) continue;
    for (let m = i; m < len; m++) {
      const sm = r.stops[m];
      const lm = p.stopLocation[sm];
      const start = ready > p.stopEarliestS[sm] ? ready : p.stopEarliestS[sm];
      if (!soft && start > p.stopLatestS[sm] + EPS) break;
      let loadOk = true;
      for (let d = 0; d < D; d++) {
        if (r.loadAfter[m * D + d] + p.orderLoad[o * D + d] > p.courierCapacity[capBase + d] + EPS) loadOk = false;
      }
      if (!loadOk) break;
      const dep = start + p.stopServiceS[sm];
      const dReady = dep + (dur[lm * n + delLoc] * inv + (lm !== delLoc ? setup : 0));
      const dStart = dReady > p.stopEarliestS[del] ? dReady : p.stopEarliestS[del];
      const bag = bagStart < 0 ? dStart : bagStart;
      if ((soft || dStart <= p.stopLatestS[del] + EPS) && dStart - bag <= maxBag + EPS) {
        const dDep = dStart + p.stopServiceS[del];
        let end: number, addM: number;
        let feasible = true;
        if (m + 1 < len) {
          const nx = r.stops[m + 1];
          const nl = p.stopLocation[nx];
          const r2 = dDep + (dur[delLoc * n + nl] * inv + (delLoc !== nl ? setup : 0));
          if (!soft && r2 > r.latestReadyS[m + 1] + EPS) feasible = false;
          end = Math.max(r2 + r.sufA[m + 1], r.sufB[m + 1]);
          addM = inM + dist[lm * n + delLoc] + dist[delLoc * n + nl] - dist[lm * n + nl];
        } else {
          end = dDep + (endLoc < 0 ? 0 : dur[delLoc * n + endLoc] * inv);
          if (end > latestEnd) feasible = false;
          addM = inM + dist[lm * n + delLoc] + (endLoc < 0 ? 0 : dist[delLoc * n + endLoc]) - (endLoc < 0 ? 0 : dist[lm * n + endLoc]);
        }
        if (feasible) consider(p, r, o, i, m + 1, fixed + perS * (end - oldEnd) + perM * addM, exact, best, sc, rng, blinkRate);
      }
      if (m + 1 < len) {
        const nl = p.stopLocation[r.stops[m + 1]];
        ready = dep + dur[lm * n + nl] * inv + (lm !== nl ? setup : 0);
      }
    }
  }
}

function consider(p: CompiledProblem, r: RouteState, o: number, i: number, j: number, delta: number, exact: boolean, best: InsertionResult, sc: InsertionScratch, rng: Prng | null, blinkRate: number): void {
  if (delta >= best.delta) return;
  if (blinkRate > 0 && rng !== null && rng.next() < blinkRate) return;
  if (exact) {
    delta = exactInsertionDelta(p, r, o, i, j, sc);
    if (delta >= best.delta) return;
  }
  best.delta = delta;
  best.i = i;
  best.j = j;
}
