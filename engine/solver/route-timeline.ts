// The one forward simulation of a route (times, loads, distance, every rule, cost): the route caches and the exact
// evaluator both run it, so lateness, terms and rules are computed in one place.
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { CostModel } from './cost/cost-model.js';
import { exceedsLimit } from './cost/tolerance.js';
import { endLegM, endLegS, readyLegS } from './travel.js';

/** Per-position arrays the simulation fills (a route's caches, or scratch). */
export interface TimelineSink {
  /** position → service start, s. */
  readonly startS: Float64Array;
  /** position → departure, s. */
  readonly depS: Float64Array;
  /** position · D + d → load after the stop. */
  readonly loadAfter: Float64Array;
  /** position → distance travelled on arrival, m. */
  readonly distToM: Float64Array;
  /** position → location index. */
  readonly locs: Int32Array;
  /** position → lateness summed over the stops up to it, s. */
  readonly lateSumS: Float64Array;
  /** position → stop terms summed over the stops up to it. */
  readonly termSum: Float64Array;
  /** position → 1 while every per-stop rule (window, capacity, time in bag) holds up to it. */
  readonly rulesOk: Uint8Array;
  /** position → the stop's own term (lateness cost and, on a delivery, the delivery terms). */
  readonly stopTerm: Float64Array;
  /** position → 1 when the stop waited for its window to open (its start later than its ready time). */
  readonly waited: Uint8Array;
  /**
   * position → where the order's time in bag starts: the position of its first pickup on the route up to here (−1:
   * none). Complete when the simulation started at position 0; otherwise used by nobody (no order bounds its bag).
   */
  readonly bagFromPos: Int32Array;
}

/** Totals of one simulation; reused between calls. */
export interface TimelineTotals {
  /** Every rule holds: max stops, windows (when hard), capacity, time in bag, shift end. */
  feasible: boolean;
  distanceM: number;
  endS: number;
  lateS: number;
  /** Σ stop terms (lateness cost and delivery terms). */
  termCost: number;
  /** Route cost (0 when empty), whether or not it is feasible. */
  cost: number;
  /** Orders delivered on the route whose time in bag is bounded. */
  inBagOrders: number;
}

export function newTotals(): TimelineTotals {
  return { feasible: true, distanceM: 0, endS: 0, lateS: 0, termCost: 0, cost: 0, inBagOrders: 0 };
}

/** Bag start per order, time and position (valid where `stamp` equals the current tick): no clearing between simulations. */
export class BagScratch {
  readonly bagStartS: Float64Array;
  readonly bagStartPos: Int32Array;
  readonly stamp: Int32Array;
  tick = 0;
  constructor(orderCount: number) {
    this.bagStartS = new Float64Array(orderCount);
    this.bagStartPos = new Int32Array(orderCount);
    this.stamp = new Int32Array(orderCount);
  }
}

/**
 * Simulates `stops[0..len)` on courier `c`, filling `sink` and `out`. With `resumeAt` > 0 the sink already holds
 * this simulation's values for the positions before it (same courier, same stops there) and the simulation resumes
 * there: the same arithmetic in the same order, so the same values to the bit. Resuming needs a problem where no
 * order bounds its time in bag (earlier pickups' bag starts are not kept); otherwise the simulation starts over.
 */
export function simulateRoute(p: CompiledProblem, cost: CostModel, c: number, stops: Int32Array, len: number, sink: TimelineSink, bag: BagScratch, out: TimelineTotals, resumeAt = 0): TimelineTotals {
  const D = p.dims;
  const n = p.locationCount;
  const startS = p.courierStartS[c];
  const tick = ++bag.tick;
  const soft = p.softTimeWindows;
  const first = p.anyMaxInBag || !(resumeAt > 0) ? 0 : Math.min(resumeAt, len);
  let rulesOk = true;
  let loc = p.courierStartLocation[c];
  let t = startS;
  let dist = 0;
  let lateS = 0;
  let termCost = 0;
  let inBag = 0;
  if (first > 0) {
    loc = sink.locs[first - 1];
    t = sink.depS[first - 1];
    dist = sink.distToM[first - 1];
    lateS = sink.lateSumS[first - 1];
    termCost = sink.termSum[first - 1];
    rulesOk = sink.rulesOk[first - 1] === 1;
  }
  for (let k = first; k < len; k++) {
    const s = stops[k];
    const l = p.stopLocation[s];
    sink.locs[k] = l;
    const ready = t + readyLegS(p, c, loc, l);
    dist += p.distanceM[loc * n + l];
    sink.distToM[k] = dist;
    const start = ready > p.stopEarliestS[s] ? ready : p.stopEarliestS[s];
    sink.startS[k] = start;
    sink.waited[k] = start > ready ? 1 : 0;
    const late = cost.latenessS(s, start);
    if (late > 0) {
      lateS += late;
      if (!soft && exceedsLimit(start, p.stopLatestS[s])) rulesOk = false;
    }
    const term = cost.stopTermCost(s, start);
    termCost += term;
    sink.stopTerm[k] = term;
    t = start + p.stopServiceS[s];
    sink.depS[k] = t;
    for (let d = 0; d < D; d++) {
      const load = (k === 0 ? p.courierInitialLoad[c * D + d] : sink.loadAfter[(k - 1) * D + d]) + p.stopLoad[s * D + d];
      sink.loadAfter[k * D + d] = load;
      if (exceedsLimit(load, p.courierCapacity[c * D + d])) rulesOk = false;
    }
    const o = p.stopOrder[s];
    if (p.stopIsDelivery[s]) {
      if (p.orderMaxInBagS[o] < Infinity) {
        inBag++;
        const from = p.orderHasDonePickups[o] ? startS : bag.stamp[o] === tick ? bag.bagStartS[o] : start;
        if (exceedsLimit(start - from, p.orderMaxInBagS[o])) rulesOk = false;
      }
      sink.bagFromPos[k] = bag.stamp[o] === tick ? bag.bagStartPos[o] : -1;
    } else {
      if (bag.stamp[o] !== tick) {
        bag.stamp[o] = tick;
        bag.bagStartS[o] = start;
        bag.bagStartPos[o] = k;
      }
      sink.bagFromPos[k] = bag.bagStartPos[o];
    }
    sink.lateSumS[k] = lateS;
    sink.termSum[k] = termCost;
    sink.rulesOk[k] = rulesOk ? 1 : 0;
    loc = l;
  }
  let feasible = len <= p.courierMaxStops[c] && rulesOk;
  out.inBagOrders = inBag;
  out.lateS = lateS;
  out.termCost = termCost;
  if (len === 0) {
    out.feasible = feasible; out.distanceM = 0; out.endS = startS; out.cost = 0;
    return out;
  }
  out.endS = t + endLegS(p, c, loc);
  out.distanceM = dist + endLegM(p, c, loc);
  if (exceedsLimit(out.endS, p.courierLatestEndS[c])) feasible = false;
  out.feasible = feasible;
  out.cost = cost.routeCost(c, out.endS - startS, out.distanceM, termCost);
  return out;
}

const bagScratches = new WeakMap<CompiledProblem, BagScratch>();

/** A bag scratch shared by every route of `p` (simulations never interleave). */
export function sharedBagScratch(p: CompiledProblem): BagScratch {
  let bag = bagScratches.get(p);
  if (bag === undefined) {
    bag = new BagScratch(p.orderCount);
    bagScratches.set(p, bag);
  }
  return bag;
}
