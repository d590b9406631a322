// The exact route evaluator (cost and every rule, linear in the route): the reference the O(1) checks fall back to.
import type { CompiledProblem } from '../model/compiled-problem.js';
import * as travel from './travel.js';

// Local bindings: module namespace getters are slow in hot loops.
const { endLegM, endLegS, readyLegS, routeCost } = travel;

/** Result of evaluating one route; reused between calls to avoid allocation. */
export interface RouteEvaluation {
  feasible: boolean;
  /** Route cost plus lateness cost (soft windows); Infinity when infeasible. */
  cost: number;
  distanceM: number;
  endS: number;
  lateS: number;
}

/** Scratch for evaluateRoute: bag start per order, s (indexed by order), valid where stamp matches. */
export class RouteEvalScratch {
  readonly bagStartS: Float64Array;
  readonly stamp: Int32Array;
  readonly load: Float64Array;
  tick = 0;
  constructor(p: CompiledProblem) {
    this.bagStartS = new Float64Array(p.orderCount);
    this.stamp = new Int32Array(p.orderCount);
    this.load = new Float64Array(p.dims);
  }
}

/** Evaluates `stops[0..len)` on courier `c` exactly: times, loads, windows, shift, max stops, time in bag and cost. */
export function evaluateRoute(p: CompiledProblem, c: number, stops: Int32Array, len: number, scratch: RouteEvalScratch, out: RouteEvaluation): RouteEvaluation {
  out.feasible = true; out.cost = 0; out.distanceM = 0; out.endS = p.courierStartS[c]; out.lateS = 0;
  if (len === 0) return out;
  const D = p.dims;
  const n = p.locationCount;
  const load = scratch.load;
  for (let d = 0; d < D; d++) load[d] = p.courierInitialLoad[c * D + d];
  const tick = ++scratch.tick;
  const startS = p.courierStartS[c];
  let feasible = len <= p.courierMaxStops[c];
  let loc = p.courierStartLocation[c];
  let t = startS;
  let dist = 0;
  let lateS = 0;
  for (let k = 0; k < len; k++) {
    const s = stops[k];
    const l = p.stopLocation[s];
    const ready = t + readyLegS(p, c, loc, l);
    dist += p.distanceM[loc * n + l];
    const start = ready > p.stopEarliestS[s] ? ready : p.stopEarliestS[s];
    const late = start - p.stopLatestS[s];
    if (late > 0) {
      if (p.softTimeWindows) lateS += late;
      else feasible = false;
    }
    for (let d = 0; d < D; d++) {
      load[d] += p.stopLoad[s * D + d];
      if (load[d] > p.courierCapacity[c * D + d] + 1e-9) feasible = false;
    }
    const o = p.stopOrder[s];
    if (p.stopIsDelivery[s]) {
      if (p.orderMaxInBagS[o] < Infinity) {
        const bag = p.orderHasDonePickups[o] ? startS : scratch.stamp[o] === tick ? scratch.bagStartS[o] : start;
        if (start - bag > p.orderMaxInBagS[o] + 1e-9) feasible = false;
      }
    } else if (scratch.stamp[o] !== tick) {
      scratch.stamp[o] = tick;
      scratch.bagStartS[o] = start;
    }
    t = start + p.stopServiceS[s];
    loc = l;
  }
  const endS = t + endLegS(p, c, loc);
  dist += endLegM(p, c, loc);
  if (endS > p.courierLatestEndS[c] + 1e-9) feasible = false;
  out.feasible = feasible;
  out.distanceM = dist;
  out.endS = endS;
  out.lateS = lateS;
  out.cost = feasible ? routeCost(p, c, endS - startS, dist) + lateS * p.latenessCostPerS : Infinity;
  return out;
}
