// Exact price of a route with one window of positions replaced (insertions, merged insertions, segment moves), to the
// bit what a full re-evaluation gives, walking only what the change can reach.
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { CostModel } from './cost/cost-model.js';
import { exceedsLimit } from './cost/tolerance.js';
import type { RouteState } from './route-state.js';
import { BagScratch } from './route-timeline.js';
import { endLegM, endLegS, readyLegS } from './travel.js';

/** Reusable buffers of the exact splice price: the window, the load carried, bag starts, and a route's stop index. */
export class ExactSpliceScratch {
  readonly window: Int32Array;
  readonly load: Float64Array;
  readonly bag: BagScratch;
  /** stop → its position on the route indexed last (valid where `indexStamp` equals `indexTick`). */
  readonly positionOf: Int32Array;
  readonly indexStamp: Int32Array;
  indexTick = 0;
  /** Version of the route indexed last (0: none; a route never refreshed is indexed on every use). */
  indexedVersion = 0;
  constructor(p: CompiledProblem) {
    this.window = new Int32Array(p.stopCount + 1);
    this.load = new Float64Array(p.dims);
    this.bag = new BagScratch(p.orderCount);
    this.positionOf = new Int32Array(p.stopCount);
    this.indexStamp = new Int32Array(p.stopCount);
  }
}

/**
 * Cost of route `r` (on its courier) with positions [from, to) replaced by `win[0..wn)`; Infinity when the new route
 * breaks a rule. The value is the one `evaluateRoute` gives for the new sequence, to the bit: the same arithmetic in
 * the same order.
 * - The stops before `from` are `r`'s own: the walk starts from `r`'s caches at position from − 1.
 * - Once a stop of the tail (r's positions from `to` on) starts exactly when it did on `r` (a wait absorbed the
 *   change), every later one does too: their legs and terms are replayed from `r`'s caches, loads are summed
 *   on, and only time-in-bag limits whose pickups were walked are checked again. This needs every rule of `r` to hold.
 * - The first broken rule ends the walk (the route is infeasible whatever follows).
 * Orders move whole: a stop of the window belongs to an order whose other stops are in the window, or on `r`. Needs
 * `r`'s caches refreshed. Allocates nothing.
 */
export function exactSplicedCost(p: CompiledProblem, cost: CostModel, r: RouteState, from: number, to: number, win: Int32Array, wn: number, sc: ExactSpliceScratch): number {
  const c = r.courier;
  const len = r.len;
  const windowEnd = from + wn;
  const newLen = windowEnd + len - to;
  if (newLen === 0) return 0;
  if (newLen > p.courierMaxStops[c]) return Infinity;
  const D = p.dims;
  const n = p.locationCount;
  const soft = p.softTimeWindows;
  const startS = p.courierStartS[c];
  const { bag, load } = sc;
  const tick = ++bag.tick;
  let loc: number, t: number, dist: number, termCost: number;
  if (from === 0) {
    loc = p.courierStartLocation[c]; t = startS; dist = 0; termCost = 0;
    for (let d = 0; d < D; d++) load[d] = p.courierInitialLoad[c * D + d];
  } else {
    if (r.rulesOk[from - 1] !== 1) return Infinity;
    loc = r.locs[from - 1]; t = r.depS[from - 1]; dist = r.distToM[from - 1]; termCost = r.termSum[from - 1];
    for (let d = 0; d < D; d++) load[d] = r.loadAfter[(from - 1) * D + d];
  }
  // The replay after a matching start relies on every later stop of r keeping its rules (a feasible route does).
  const mayReplay = len > 0 && r.feasible;
  let replayFrom = len;
  for (let x = from; x < newLen; x++) {
    // New position x → stop, and its position on r when it is a tail stop (−1: a stop of the window).
    const q = x < windowEnd ? -1 : to + x - windowEnd;
    const s = q < 0 ? win[x - from] : r.stops[q];
    const l = p.stopLocation[s];
    const ready = t + readyLegS(p, c, loc, l);
    dist += p.distanceM[loc * n + l];
    const start = ready > p.stopEarliestS[s] ? ready : p.stopEarliestS[s];
    // A hard window broken (lateness itself is priced in the stop's term).
    if (!soft && exceedsLimit(start, p.stopLatestS[s])) return Infinity;
    termCost += cost.stopTermCost(s, start);
    t = start + p.stopServiceS[s];
    for (let d = 0; d < D; d++) {
      load[d] += p.stopLoad[s * D + d];
      if (exceedsLimit(load[d], p.courierCapacity[c * D + d])) return Infinity;
    }
    const so = p.stopOrder[s];
    if (p.orderMaxInBagS[so] < Infinity) {
      if (p.stopIsDelivery[s]) {
        // Bag start as the full walk finds it: a pickup walked here, else r's first pickup before `from`, else none.
        let fromS = start;
        if (p.orderHasDonePickups[so]) fromS = startS;
        else if (bag.stamp[so] === tick) fromS = bag.bagStartS[so];
        else {
          const first = q >= 0 ? r.bagFromPos[q] : firstPickupOnRoute(p, r, so, sc);
          if (first >= 0 && first < from) fromS = r.startS[first];
        }
        if (exceedsLimit(start - fromS, p.orderMaxInBagS[so])) return Infinity;
      } else if (bag.stamp[so] !== tick) {
        // The order's first pickup, unless one before `from` is (that one keeps its time on r and is read from there).
        const first = q >= 0 ? r.bagFromPos[q] : firstPickupOnRoute(p, r, so, sc);
        if (first < 0 || first >= from) {
          bag.stamp[so] = tick;
          bag.bagStartS[so] = start;
        }
      }
    }
    loc = l;
    if (q >= 0 && mayReplay && start === r.startS[q]) { replayFrom = q + 1; break; }
  }
  if (replayFrom < len) {
    // From here on r's stops start as before: the same legs and terms, summed in the same order.
    for (let q = replayFrom; q < len; q++) {
      const s = r.stops[q];
      dist += r.legM[q - 1];
      termCost += r.stopTerm[q];
      // Loads are summed on as the full walk sums them (goods in and out need not cancel to the bit).
      for (let d = 0; d < D; d++) {
        load[d] += p.stopLoad[s * D + d];
        if (exceedsLimit(load[d], p.courierCapacity[c * D + d])) return Infinity;
      }
      const so = p.stopOrder[s];
      // A limit whose pickup was walked above counts from the pickup's new time.
      if (p.stopIsDelivery[s] && p.orderMaxInBagS[so] < Infinity && !p.orderHasDonePickups[so] && bag.stamp[so] === tick) {
        if (exceedsLimit(r.startS[q] - bag.bagStartS[so], p.orderMaxInBagS[so])) return Infinity;
      }
    }
    loc = r.locs[len - 1];
    t = r.depS[len - 1];
  }
  const endS = t + endLegS(p, c, loc);
  if (exceedsLimit(endS, p.courierLatestEndS[c])) return Infinity;
  return cost.routeCost(c, endS - startS, dist + endLegM(p, c, loc), termCost);
}

/**
 * Route-cost change of inserting order `o` into `r` with its pickup group before position `i` and its delivery before
 * position `j` (i ≤ j, positions of `r`; no stop of `o` on `r`); Infinity when the new route breaks a rule. Exact, as
 * exactSplicedCost: the window is the group, r's stops i..j − 1 and the delivery.
 */
export function exactInsertionDelta(p: CompiledProblem, cost: CostModel, r: RouteState, o: number, i: number, j: number, sc: ExactSpliceScratch): number {
  const first = p.orderFirstStop[o];
  const k = p.orderStopCount[o] - 1;
  const win = sc.window;
  let wn = 0;
  for (let g = 0; g < k; g++) win[wn++] = first + g;
  for (let q = i; q < j; q++) win[wn++] = r.stops[q];
  win[wn++] = first + k;
  return exactSplicedCost(p, cost, r, i, j, win, wn, sc) - r.cost;
}

/** Position on `r` of the first pickup of order `so` (−1: none on r), from an index of r's stops built once per version. */
function firstPickupOnRoute(p: CompiledProblem, r: RouteState, so: number, sc: ExactSpliceScratch): number {
  if (r.version === 0 || sc.indexedVersion !== r.version) {
    const tick = ++sc.indexTick;
    for (let q = 0; q < r.len; q++) {
      sc.positionOf[r.stops[q]] = q;
      sc.indexStamp[r.stops[q]] = tick;
    }
    sc.indexedVersion = r.version;
  }
  const delivery = p.orderFirstStop[so] + p.orderStopCount[so] - 1;
  return sc.indexStamp[delivery] === sc.indexTick ? r.bagFromPos[sc.positionOf[delivery]] : -1;
}
