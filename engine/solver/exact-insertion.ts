// Exact price of one order's insertion, to the bit what a full re-evaluation gives, walking only what it changes.
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { CostModel } from './cost/cost-model.js';
import { exceedsLimit } from './cost/tolerance.js';
import type { RouteState } from './route-state.js';
import { BagScratch } from './route-timeline.js';
import { endLegM, endLegS, readyLegS } from './travel.js';

/** Reusable buffers of exactInsertionDelta: the load carried and the orders' bag starts. */
export class ExactInsertionScratch {
  readonly load: Float64Array;
  readonly bag: BagScratch;
  constructor(p: CompiledProblem) {
    this.load = new Float64Array(p.dims);
    this.bag = new BagScratch(p.orderCount);
  }
}

/**
 * Route-cost change of inserting order `o` into `r` with its pickup group before position `i` and its delivery before
 * position `j` (i ≤ j, positions of `r`); Infinity when the new route breaks a rule. The value is the one
 * `evaluateRoute` gives for the new sequence minus `r.cost`, to the bit: the same arithmetic in the same order.
 * - The stops before `i` are `r`'s own: the walk starts from `r`'s caches at position i − 1.
 * - Once a stop after the delivery starts exactly when it did on `r` (a wait absorbed the delay), every later stop
 *   does too: their legs, terms and lateness are replayed from `r`'s caches; loads are summed on and only time-in-bag
 *   limits whose pickups moved are checked again. This needs every rule of `r` to hold.
 * - The first broken rule ends the walk (the route is infeasible whatever follows).
 * Needs `r`'s caches refreshed and no stop of `o` on `r`. Allocates nothing.
 */
export function exactInsertionDelta(p: CompiledProblem, cost: CostModel, r: RouteState, o: number, i: number, j: number, sc: ExactInsertionScratch): number {
  const { bag, load } = sc;
  const c = r.courier;
  const len = r.len;
  const first = p.orderFirstStop[o];
  const k = p.orderStopCount[o] - 1;
  const newLen = len + k + 1;
  if (newLen > p.courierMaxStops[c]) return Infinity;
  const D = p.dims;
  const n = p.locationCount;
  const soft = p.softTimeWindows;
  const startS = p.courierStartS[c];
  const tick = ++bag.tick;
  let loc: number, t: number, dist: number, lateS: number, termCost: number;
  if (i === 0) {
    loc = p.courierStartLocation[c]; t = startS; dist = 0; lateS = 0; termCost = 0;
    for (let d = 0; d < D; d++) load[d] = p.courierInitialLoad[c * D + d];
  } else {
    if (r.rulesOk[i - 1] !== 1) return Infinity;
    loc = r.locs[i - 1]; t = r.depS[i - 1]; dist = r.distToM[i - 1]; lateS = r.lateSumS[i - 1]; termCost = r.termSum[i - 1];
    for (let d = 0; d < D; d++) load[d] = r.loadAfter[(i - 1) * D + d];
  }
  // The replay after a matching start relies on every later stop of r keeping its rules.
  const mayReplay = r.feasible && r.rulesOk[len - 1] === 1;
  let replayFrom = len;
  for (let w = i; w < newLen; w++) {
    // New position w → stop, and its position on r (−1: a stop of o).
    let s: number, q: number;
    if (w < i + k) { s = first + w - i; q = -1; }
    else if (w < j + k) { q = w - k; s = r.stops[q]; }
    else if (w === j + k) { s = first + k; q = -1; }
    else { q = w - k - 1; s = r.stops[q]; }
    const l = p.stopLocation[s];
    const ready = t + readyLegS(p, c, loc, l);
    dist += p.distanceM[loc * n + l];
    const start = ready > p.stopEarliestS[s] ? ready : p.stopEarliestS[s];
    const late = cost.latenessS(s, start);
    if (late > 0) {
      lateS += late;
      if (!soft && exceedsLimit(start, p.stopLatestS[s])) return Infinity;
    }
    termCost += cost.stopTermCost(s, start);
    t = start + p.stopServiceS[s];
    for (let d = 0; d < D; d++) {
      load[d] += p.stopLoad[s * D + d];
      if (exceedsLimit(load[d], p.courierCapacity[c * D + d])) return Infinity;
    }
    const so = p.stopOrder[s];
    if (p.stopIsDelivery[s]) {
      if (p.orderMaxInBagS[so] < Infinity) {
        // Bag start as the full walk finds it: a pickup walked here, else r's first pickup before i, else none.
        const fromPos = q < 0 ? -1 : r.bagFromPos[q];
        const from = p.orderHasDonePickups[so] ? startS : bag.stamp[so] === tick ? bag.bagStartS[so] : fromPos >= 0 && fromPos < i ? r.startS[fromPos] : start;
        if (exceedsLimit(start - from, p.orderMaxInBagS[so])) return Infinity;
      }
    } else if (bag.stamp[so] !== tick && (q < 0 || r.bagFromPos[q] >= i)) {
      // The order's first pickup (one before i keeps its time on r and is read from there).
      bag.stamp[so] = tick;
      bag.bagStartS[so] = start;
    }
    loc = l;
    if (mayReplay && q >= j && start === r.startS[q]) { replayFrom = q + 1; break; }
  }
  if (replayFrom < len) {
    // From here on r's stops start as before: the same legs, lateness and terms, summed in the same order.
    for (let q = replayFrom; q < len; q++) {
      const s = r.stops[q];
      dist += r.legM[q - 1];
      const late = cost.latenessS(s, r.startS[q]);
      if (late > 0) lateS += late;
      termCost += r.stopTerm[q];
      // Loads are summed on as the full walk sums them (o's goods in and out need not cancel to the bit).
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
  const distanceM = dist + endLegM(p, c, loc);
  return cost.routeCost(c, endS - startS, distanceM, termCost) - r.cost;
}
