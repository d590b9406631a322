// Cheapest insertion of a whole order (pickup group + delivery) into one route: O(1) per position pair from the
// route caches under hard windows; where time in bag or time terms make that inexact, candidates a lower bound cannot
// rule out are priced exactly (exact-splice.ts).
import type { CompiledProblem } from '../model/compiled-problem.js';
import { costModelOf, type CostModel } from './cost/cost-model.js';
import { TOLERANCE as EPS } from './cost/tolerance.js';
import type { Prng } from '../random/prng.js';
import { exactInsertionDelta, ExactSpliceScratch } from './exact-splice.js';
import type { RouteState } from './route-state.js';
import { travelTimesAreMetric } from './metric-times.js';
import { columnMatricesOf, type ColumnMatrices } from './column-matrices.js';
import { endLegS } from './travel.js';
import { EmptyInsertionMemo } from './empty-insertion-memo.js';

/**
 * Slack on the latest-ready prune of the delivery scan, s: the triangle check on travel times (metric-times.ts) allows
 * float noise far below this, so the prune never drops a position the exact checks would accept.
 */
const PUSH_SLACK_S = 1e-3;

/** Relative slack on the lower bound of consider(): its O(1) sums differ from the exact walk's by float noise. */
const BOUND_SLACK = 1e-9;

/**
 * Best insertion found: route cost change (Infinity when none), pickup-group position i, delivery position j, and
 * whether pickups join stall visits the route already makes (`merge`, see stall-merge.ts).
 */
export interface InsertionResult {
  delta: number;
  i: number;
  j: number;
  merge: boolean;
}

export function newInsertion(): InsertionResult {
  return { delta: Infinity, i: -1, j: -1, merge: false };
}

/** Reusable buffers of the insertion evaluator. */
export class InsertionScratch {
  /** A merged insertion's sequence (stall-merge.ts). */
  readonly stops: Int32Array;
  /** position m → least delivery detour over positions ≥ m (delivery right after stop m or later), m. */
  readonly delDetourMinM: Float64Array;
  /** pickup offset → position whose visit it joins in a merged insertion (−1: in the group). */
  readonly attach: Int32Array;
  /** Travel times obey the triangle inequality: a missed window ends the scan of later positions. */
  readonly metricTimes: boolean;
  /** Matrices by destination: the legs into the order's pickup and delivery read one contiguous row each. */
  readonly columns: ColumnMatrices;
  /** The problem's cost model (looked up once, not per insertion). */
  readonly cost: CostModel;
  /** Buffers of the exact re-pricing (exact-splice.ts). */
  readonly exact: ExactSpliceScratch;
  /** Scans that found nothing, skipped when asked again under no larger bound. */
  readonly emptyScans: EmptyInsertionMemo;
  /**
   * Set by a scan that priced a candidate below its bound or took an early exit that depends on the bound: its
   * finding nothing holds for that bound only, and it is not memoised.
   */
  boundSensitive = false;
  constructor(p: CompiledProblem) {
    this.cost = costModelOf(p);
    this.emptyScans = new EmptyInsertionMemo(p.orderCount, p.courierCount);
    this.metricTimes = travelTimesAreMetric(p);
    this.columns = columnMatricesOf(p);
    this.stops = new Int32Array(p.stopCount + 1);
    this.delDetourMinM = new Float64Array(p.stopCount + 1);
    this.attach = new Int32Array(p.stopCount + 1);
    this.exact = new ExactSpliceScratch(p);
  }
}

/**
 * The part of `cost.routeCostChange(c, opens, 0, x)` that does not depend on x: that call equals
 * `distanceChangeBase(cost, c, opens) + cost.costPerM[c] * x` to the bit (its terms in its order, the time term
 * 0 · costPerS folded into the first), so hot loops price distance-only changes without the call.
 */
export function distanceChangeBase(cost: CostModel, c: number, opens: boolean): number {
  return (opens ? cost.fixedCost[c] : 0) + cost.costPerS[c] * 0;
}

/** First position where new stops may go: after a courier's frozen next stop. */
export function minInsertPosition(p: CompiledProblem, r: RouteState): number {
  return r.len > 0 && p.courierNextStop[r.courier] === r.stops[0] ? 1 : 0;
}

/**
 * Finds the cheapest feasible insertion of order `o` into route `r`, writing it to `best` only when cheaper than
 * `best.delta`. `blinkRate` skips each candidate with that probability (SISR blinks). Allocates nothing. A scan
 * known to find nothing under a bound no smaller is skipped (empty-insertion-memo.ts): same result, same draws.
 * Returns true when nothing was found and nothing would be under any smaller bound (callers may memoise that).
 */
export function bestInsertion(p: CompiledProblem, r: RouteState, o: number, best: InsertionResult, sc: InsertionScratch, rng: Prng | null, blinkRate: number): boolean {
  const bound = best.delta;
  // Version 0: a route never refreshed (its caches are not to be trusted to stay as they are).
  const memo = r.version > 0 ? sc.emptyScans : null;
  if (memo !== null && memo.knowsNothingBelow(o, r.courier, r.version, bound)) return true;
  sc.boundSensitive = false;
  scanInsertions(p, r, o, best, sc, rng, blinkRate);
  if (sc.boundSensitive) return false;
  if (memo !== null) memo.recordNothing(o, r.courier, r.version, bound);
  return true;
}

/** bestInsertion's scan of every position pair; sets `sc.boundSensitive` as documented there. */
function scanInsertions(p: CompiledProblem, r: RouteState, o: number, best: InsertionResult, sc: InsertionScratch, rng: Prng | null, blinkRate: number): void {
  const c = r.courier;
  const len = r.len;
  const k = p.orderStopCount[o] - 1;
  if (len + k + 1 > p.courierMaxStops[c]) return;
  const D = p.dims;
  const n = p.locationCount;
  const first = p.orderFirstStop[o];
  const del = first + k;
  const maxBag = p.orderMaxInBagS[o];
  const cost = sc.cost;
  // Time-dependent terms, time in bag and a route already breaking a window (market legs are not metric: taking an
  // order out can make a later stall late) make the O(1) price inexact: candidates are then re-priced exactly.
  const exact = cost.timeDependent || r.inBagOrders > 0 || !r.feasible;
  const startS = p.courierStartS[c];
  const oldEnd = len === 0 ? startS : r.endS;
  const opens = len === 0;
  const latestEnd = p.courierLatestEndS[c] + EPS;
  // Distance-only prices in the hot loop: cost.routeCostChange(c, opens, 0, x) = base0 + perM · x to the bit.
  const base0 = distanceChangeBase(cost, c, opens);
  const perM = cost.costPerM[c];
  const soft = p.softTimeWindows;
  const metric = sc.metricTimes;
  const capBase = c * D;
  // Hot loop: arrays hoisted, travel inlined (ready leg = duration / speed + the leg's extra time).
  const dist = p.distanceM;
  const dur = sc.columns.durFromS;
  const inv = p.courierInvSpeed[c];
  const extra = p.legExtraS;
  // Legs into a fixed location by destination (contiguous); no extra time at all on most matrices.
  const distTo = sc.columns.distToM;
  const durTo = sc.columns.durToS;
  const extraTo = sc.columns.extraToS;
  const endLoc = p.courierEndLocation[c];
  const early = p.stopEarliestS;
  const late = p.stopLatestS;
  const service = p.stopServiceS;
  const stopLoc = p.stopLocation;
  const locs = r.locs;
  const depS = r.depS;
  const startAt = r.startS;
  // Term growth of the stops a delay reaches (route-state.ts), for the bound on exactly priced candidates.
  const slopes = exact && cost.timeDependent;
  const runSlope = r.runSlopeSum;
  const runEnd = r.runEnd;
  const latestReady = r.latestReadyS;
  const sufA = r.sufA;
  const sufB = r.sufB;
  const loadAfter = r.loadAfter;
  // Route legs from the caches: legM[m] = stop m → m + 1 (the last: to the end), legRideS[m] its riding time.
  const legM = r.legM;
  const legRide = r.legRideS;
  const delLoc = stopLoc[del];
  const delEarly = early[del];
  const delLate = soft ? Infinity : late[del] + EPS;
  const delService = service[del];
  const delEndS = endLegS(p, c, delLoc);
  const delEndM = endLoc < 0 ? 0 : dist[delLoc * n + endLoc];
  // Free capacity needed on every stop between the group and the delivery (single dimension fast path).
  const load0 = D > 0 ? p.orderLoad[o * D] : 0;
  const cap0 = D > 0 ? p.courierCapacity[capBase] + EPS - load0 : Infinity;
  const capLimit0 = D > 0 ? p.courierCapacity[capBase] + EPS : Infinity;
  const initialLoad0 = D > 0 ? p.courierInitialLoad[capBase] : 0;
  // Distance bound on the delivery: least detour of putting it after stop m or any later stop (filled from the end
  // down to the first position asked for, extended further down when a smaller one is asked for).
  const detourMin = sc.delDetourMinM;
  let detourFrom = len;
  const delRow = delLoc * n;
  const prunePushed = metric && !soft;
  // The first pickup's location, row of the by-destination matrices, window and service.
  const pickLoc = stopLoc[first];
  const pickRow = pickLoc * n;
  const pickEarly = early[first];
  const pickLate = late[first];
  const pickService = service[first];
  // Time in bag counts from the shift start when some of o's goods are already on board.
  const bagStart0 = p.orderHasDonePickups[o] ? startS : -1;
  for (let i = minInsertPosition(p, r); i <= len; i++) {
    const prevLoc = i === 0 ? p.courierStartLocation[c] : locs[i - 1];
    let t = i === 0 ? startS : depS[i - 1];
    let loc = prevLoc;
    let distGroup = 0;
    let bagStart = bagStart0;
    let ok = true;
    let tooLate = false;
    // Pickup group, in order; capacity checked against the load before position i plus the goods so far. One pickup
    // (the common case) reads its stop's data from locals: the same arithmetic as the loop below.
    if (k === 1) {
      const ready = extraTo === null ? t + durTo[pickRow + loc] * inv : t + durTo[pickRow + loc] * inv + extraTo[pickRow + loc];
      const start = ready > pickEarly ? ready : pickEarly;
      if (!soft && start > pickLate + EPS) { ok = false; tooLate = true; }
      if (bagStart < 0) bagStart = start;
      distGroup += distTo[pickRow + loc];
      t = start + pickService;
      loc = pickLoc;
    } else for (let g = 0; g < k && ok; g++) {
      const s = first + g;
      const l = stopLoc[s];
      const ready = extraTo === null ? t + durTo[l * n + loc] * inv : t + durTo[l * n + loc] * inv + extraTo[l * n + loc];
      const start = ready > early[s] ? ready : early[s];
      if (!soft && start > late[s] + EPS) { ok = false; tooLate = true; }
      if (bagStart < 0) bagStart = start;
      distGroup += distTo[l * n + loc];
      t = start + service[s];
      loc = l;
    }
    // Later positions only reach the pickups later (travel times obey the triangle inequality).
    if (tooLate && metric) break;
    if (!ok) continue;
    if (D === 1) {
      if ((i === 0 ? initialLoad0 : loadAfter[i - 1]) + load0 > capLimit0) continue;
    } else {
      for (let d = 0; d < D && ok; d++) {
        const before = i === 0 ? p.courierInitialLoad[capBase + d] : loadAfter[(i - 1) * D + d];
        if (before + p.orderLoad[o * D + d] > p.courierCapacity[capBase + d] + EPS) ok = false;
      }
      if (!ok) continue;
    }
    const nextLoc = i < len ? locs[i] : endLoc;
    // Bound: the group's detour alone (triangle inequality assumed) already costs more than the best.
    const inM = i < len ? distGroup + dist[loc * n + nextLoc] - (i === 0 ? dist[prevLoc * n + nextLoc] : legM[i - 1]) : 0;
    if (i < len && base0 + perM * inM >= best.delta) continue;
    // j = i: the delivery right after the group.
    {
      let addM: number;
      if (i < len) addM = distGroup + dist[loc * n + delLoc] + dist[delLoc * n + nextLoc] - (i === 0 ? dist[prevLoc * n + nextLoc] : legM[i - 1]);
      else addM = distGroup + dist[loc * n + delLoc] + delEndM - (len > 0 && endLoc >= 0 ? dist[prevLoc * n + endLoc] : 0);
      if (base0 + perM * addM < best.delta) {
        const ready = extraTo === null ? t + dur[loc * n + delLoc] * inv : t + dur[loc * n + delLoc] * inv + extra[loc * n + delLoc];
        const start = ready > delEarly ? ready : delEarly;
        const bag = bagStart < 0 ? start : bagStart;
        // Too late right after the group: every later delivery position, and every later group position, is later.
        if (start > delLate && metric) { sc.boundSensitive = true; break; }
        if (start <= delLate && start - bag <= maxBag + EPS) {
          const dep = start + delService;
          if (i < len) {
            const r2 = extraTo === null ? dep + dur[delLoc * n + nextLoc] * inv : dep + dur[delLoc * n + nextLoc] * inv + extra[delLoc * n + nextLoc];
            if (soft || r2 <= latestReady[i] + EPS) {
              const end = r2 + sufA[i] > sufB[i] ? r2 + sufA[i] : sufB[i];
              const nextEarly = early[r.stops[i]];
              const shiftS = (r2 > nextEarly ? r2 : nextEarly) - startAt[i];
              consider(p, r, o, i, i, cost.routeCostChange(c, opens, end - oldEnd, addM), exact, shiftS >= 0 ? start : NaN, slopes ? shiftS * runSlope[i] : 0, best, sc, rng, blinkRate);
            }
          } else {
            const end = dep + delEndS;
            if (end <= latestEnd) consider(p, r, o, i, i, cost.routeCostChange(c, opens, end - oldEnd, addM), exact, start, 0, best, sc, rng, blinkRate);
          }
        }
      }
    }
    if (i === len) continue;
    // j > i: walk the pushed segment i..m, the delivery going after stop m. Every check below only ends the walk,
    // so their order is free: the distance bound (linear to prepare) goes first where already prepared, else after
    // the time and load checks, prepared on first need.
    // With the distance bound already prepared, the walk is not begun when it would end at its first step.
    if (i >= detourFrom && base0 + perM * (inM + detourMin[i]) >= best.delta) continue;
    let ready = extraTo === null ? t + dur[loc * n + nextLoc] * inv : t + dur[loc * n + nextLoc] * inv + extra[loc * n + nextLoc];
    // How much later the pushed segment's first stop starts than on r; when ≥ 0, no stop of the segment starts earlier
    // (the legs after it are r's own) and those up to the first wait start at least that much later.
    let segmentShiftS = -1;
    for (let m = i; m < len; m++) {
      // No later delivery position can beat the best (distance bound; checked first where already prepared).
      if (m >= detourFrom && base0 + perM * (inM + detourMin[m]) >= best.delta) break;
      const sm = r.stops[m];
      const lm = locs[m];
      // Arriving after the latest ready time that keeps stop m and the rest in their windows: a delivery after m only
      // pushes the rest later (travel times obey the triangle inequality), so no later position is feasible.
      if (prunePushed && ready > latestReady[m] + PUSH_SLACK_S) break;
      const start = ready > early[sm] ? ready : early[sm];
      if (m === i) segmentShiftS = start - startAt[i];
      if (!soft && start > late[sm] + EPS) break;
      if (D === 1) {
        if (loadAfter[m] > cap0) break;
      } else {
        let loadOk = true;
        for (let d = 0; d < D; d++) {
          if (loadAfter[m * D + d] + p.orderLoad[o * D + d] > p.courierCapacity[capBase + d] + EPS) loadOk = false;
        }
        if (!loadOk) break;
      }
      if (m < detourFrom) {
        fillDetourMin(detourMin, len, detourFrom, m, locs, legM, dist, distTo, delRow, delEndM);
        detourFrom = m;
        if (base0 + perM * (inM + detourMin[m]) >= best.delta) break;
      }
      const dep = start + service[sm];
      const last = m + 1 === len;
      const nl = last ? endLoc : locs[m + 1];
      const addM = last
        ? inM + distTo[delRow + lm] + delEndM - legM[m]
        : inM + distTo[delRow + lm] + dist[delRow + nl] - legM[m];
      if (base0 + perM * addM < best.delta) {
        const dReady = extraTo === null ? dep + durTo[delRow + lm] * inv : dep + durTo[delRow + lm] * inv + extraTo[delRow + lm];
        const dStart = dReady > delEarly ? dReady : delEarly;
        const bag = bagStart < 0 ? dStart : bagStart;
        if (dStart > delLate && metric) { sc.boundSensitive = true; break; }
        if (dStart <= delLate && dStart - bag <= maxBag + EPS) {
          const dDep = dStart + delService;
          if (!last) {
            const r2 = extraTo === null ? dDep + dur[delLoc * n + nl] * inv : dDep + dur[delLoc * n + nl] * inv + extra[delLoc * n + nl];
            if (soft || r2 <= latestReady[m + 1] + EPS) {
              const end = r2 + sufA[m + 1] > sufB[m + 1] ? r2 + sufA[m + 1] : sufB[m + 1];
              const nextEarly = early[r.stops[m + 1]];
              const shiftS = (r2 > nextEarly ? r2 : nextEarly) - startAt[m + 1];
              const keeps = segmentShiftS >= 0 && shiftS >= 0;
              // Slopes of the segment's run from i, cut at the delivery, and of the run after it.
              const segmentSlope = slopes ? (runEnd[i] >= m + 1 ? runSlope[i] - runSlope[m + 1] : runSlope[i]) : 0;
              const othersMin = slopes ? segmentShiftS * segmentSlope + shiftS * runSlope[m + 1] : 0;
              consider(p, r, o, i, m + 1, cost.routeCostChange(c, opens, end - oldEnd, addM), exact, keeps ? dStart : NaN, othersMin, best, sc, rng, blinkRate);
            }
          } else {
            const end = dDep + delEndS;
            if (end <= latestEnd) consider(p, r, o, i, m + 1, cost.routeCostChange(c, opens, end - oldEnd, addM), exact, segmentShiftS >= 0 ? dStart : NaN, slopes ? segmentShiftS * runSlope[i] : 0, best, sc, rng, blinkRate);
          }
        }
      }
      if (!last) ready = extraTo === null ? dep + legRide[m] : dep + legRide[m] + extra[lm * n + nl];
    }
  }
}

/**
 * detourMin[m] = least distance detour of the delivery (row `delRow` of the matrices) after stop m or any later stop,
 * for m in [to, from): positions from `from` on are filled already (from = len: none).
 */
function fillDetourMin(detourMin: Float64Array, len: number, from: number, to: number, locs: Int32Array, legM: Float64Array, dist: Float64Array, distTo: Float64Array, delRow: number, delEndM: number): void {
  let runningMin = from < len ? detourMin[from] : Infinity;
  for (let m = from - 1; m >= to; m--) {
    const lm = locs[m];
    const detour = m + 1 < len
      ? distTo[delRow + lm] + dist[delRow + locs[m + 1]] - legM[m]
      : distTo[delRow + lm] + delEndM - legM[m];
    if (detour < runningMin) runningMin = detour;
    detourMin[m] = runningMin;
  }
}

/**
 * Offers the candidate (i, j) whose route cost change without stop terms is `delta` (exact, from the caches). When it
 * is priced exactly, `delStartS` (NaN: unknown) is the delivery's service start with no stop of r starting earlier than
 * before, and `othersMin` a lower bound on the growth of r's stop terms: then `delta`, the delivery's own term and
 * `othersMin` bound the exact price from below, and a candidate that bound rules out is dropped unpriced (after the
 * blink draw, so the draws and the plans stay as they were).
 */
function consider(p: CompiledProblem, r: RouteState, o: number, i: number, j: number, delta: number, exact: boolean, delStartS: number, othersMin: number, best: InsertionResult, sc: InsertionScratch, rng: Prng | null, blinkRate: number): void {
  if (delta >= best.delta) return;
  sc.boundSensitive = true;
  if (blinkRate > 0 && rng !== null && rng.next() < blinkRate) return;
  if (exact) {
    if (delStartS === delStartS) {
      const bound = delta + sc.cost.stopTermCost(p.orderFirstStop[o] + p.orderStopCount[o] - 1, delStartS) + othersMin;
      // Float noise of the O(1) sums is far below this slack.
      if (bound - BOUND_SLACK * (1 + Math.abs(bound)) >= best.delta) return;
    }
    delta = exactInsertionDelta(p, sc.cost, r, o, i, j, sc.exact);
    if (delta >= best.delta) return;
  }
  best.delta = delta;
  best.i = i;
  best.j = j;
  best.merge = false;
}
