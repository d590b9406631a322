// The exact route evaluator (cost and every rule, linear in the route): the reference the O(1) checks fall back to.
import type { CompiledProblem } from '../model/compiled-problem.js';
import { costModelOf } from './cost/cost-model.js';
import { BagScratch, newTotals, simulateRoute, type TimelineSink } from './route-timeline.js';

/** Result of evaluating one route; reused between calls to avoid allocation. */
export interface RouteEvaluation {
  feasible: boolean;
  /** Route cost plus its stop terms; Infinity when infeasible. */
  cost: number;
  distanceM: number;
  endS: number;
  lateS: number;
}

/** Scratch for evaluateRoute: per-position timeline arrays and per-order bag starts. */
export class RouteEvalScratch implements TimelineSink {
  readonly startS: Float64Array;
  readonly depS: Float64Array;
  readonly loadAfter: Float64Array;
  readonly distToM: Float64Array;
  readonly locs: Int32Array;
  readonly lateSumS: Float64Array;
  readonly termSum: Float64Array;
  readonly rulesOk: Uint8Array;
  readonly stopTerm: Float64Array;
  readonly waited: Uint8Array;
  readonly bagFromPos: Int32Array;
  readonly bag: BagScratch;
  readonly totals = newTotals();
  constructor(p: CompiledProblem) {
    const capacity = p.stopCount + 1;
    this.startS = new Float64Array(capacity);
    this.depS = new Float64Array(capacity);
    this.loadAfter = new Float64Array(capacity * p.dims);
    this.distToM = new Float64Array(capacity);
    this.locs = new Int32Array(capacity);
    this.lateSumS = new Float64Array(capacity);
    this.termSum = new Float64Array(capacity);
    this.rulesOk = new Uint8Array(capacity);
    this.stopTerm = new Float64Array(capacity);
    this.waited = new Uint8Array(capacity);
    this.bagFromPos = new Int32Array(capacity);
    this.bag = new BagScratch(p.orderCount);
  }
}

/** Evaluates `stops[0..len)` on courier `c` exactly: times, loads, windows, shift, max stops, time in bag and cost. */
export function evaluateRoute(p: CompiledProblem, c: number, stops: Int32Array, len: number, scratch: RouteEvalScratch, out: RouteEvaluation): RouteEvaluation {
  const t = simulateRoute(p, costModelOf(p), c, stops, len, scratch, scratch.bag, scratch.totals);
  out.feasible = t.feasible;
  out.distanceM = t.distanceM;
  out.endS = t.endS;
  out.lateS = t.lateS;
  out.cost = t.feasible ? t.cost : Infinity;
  return out;
}
