// The single cost evaluator of the solver: route cost, lateness, delivery terms, stability and unassigned cost,
// priced here and nowhere else (insertion, every operator, the search and the reported breakdown call it).
import type { CompiledProblem } from '../../model/compiled-problem.js';
import type { CostBreakdown } from '../../model/problem-input.js';
import { deliveryTermsOf, type DeliveryTerm } from './delivery-terms.js';

/**
 * total = Σ unassigned order costs
 *       + Σ used routes (fixedCost + costPerHour · durationS / 3600 + costPerKm · distanceM / 1000 + Σ stop terms)
 *       + stabilityCost · (orders whose courier differs from the previous plan, unassigned included),
 * where a stop's term is latenessCostPerS · lateness plus, on a delivery, every `DeliveryTerm` at its service start.
 */
export class CostModel {
  /** courier → cost of using it at all. */
  readonly fixedCost: Float64Array;
  /** courier → cost per second of route duration (waiting included). */
  readonly costPerS: Float64Array;
  /** courier → cost per metre. */
  readonly costPerM: Float64Array;
  readonly latenessCostPerS: number;
  readonly deliveryTerms: readonly DeliveryTerm[];
  /**
   * True when a route's cost depends on individual service times beyond its end time (soft windows, delivery terms):
   * the O(1) insertion and segment checks then re-price candidates exactly.
   */
  readonly timeDependent: boolean;

  constructor(readonly p: CompiledProblem, deliveryTerms: readonly DeliveryTerm[] = deliveryTermsOf(p)) {
    const C = p.courierCount;
    this.fixedCost = Float64Array.from(p.courierFixedCost);
    this.costPerS = new Float64Array(C);
    this.costPerM = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      this.costPerS[c] = p.courierCostPerHour[c] / 3600;
      this.costPerM[c] = p.courierCostPerKm[c] / 1000;
    }
    this.latenessCostPerS = p.latenessCostPerS;
    this.deliveryTerms = deliveryTerms;
    this.timeDependent = p.softTimeWindows || deliveryTerms.length > 0;
  }

  /** Cost of courier `c`'s used route lasting `durationS` over `distanceM` with stop terms summing to `termCost`. */
  routeCost(c: number, durationS: number, distanceM: number, termCost: number): number {
    return this.fixedCost[c] + this.costPerS[c] * durationS + this.costPerM[c] * distanceM + termCost;
  }

  /** Change of courier `c`'s route cost when its duration and distance grow by the given amounts (`opens`: it was empty). */
  routeCostChange(c: number, opens: boolean, durationChangeS: number, distanceChangeM: number): number {
    return (opens ? this.fixedCost[c] : 0) + this.costPerS[c] * durationChangeS + this.costPerM[c] * distanceChangeM;
  }

  /** True when courier `c` pays for time: then a shorter detour alone does not bound a move's cost. */
  pricesTime(c: number): boolean {
    return this.costPerS[c] > 0;
  }

  /** Lateness of serving stop `s` at `serviceStartS`, s (0 when within its window). */
  latenessS(s: number, serviceStartS: number): number {
    const late = serviceStartS - this.p.stopLatestS[s];
    return late > 0 ? late : 0;
  }

  /** Cost of serving stop `s` at `serviceStartS`: its lateness plus, on a delivery, every delivery term. */
  stopTermCost(s: number, serviceStartS: number): number {
    const p = this.p;
    const late = serviceStartS - p.stopLatestS[s];
    let cost = late > 0 ? late * this.latenessCostPerS : 0;
    if (this.deliveryTerms.length > 0 && p.stopIsDelivery[s]) {
      const o = p.stopOrder[s];
      for (const term of this.deliveryTerms) cost += term.cost(o, serviceStartS);
    }
    return cost;
  }

  /**
   * How fast stop `s`'s term grows when its service starts later than `serviceStartS` (the right derivative): the term
   * is convex, so a delay of d adds at least this times d.
   */
  stopTermSlope(s: number, serviceStartS: number): number {
    const p = this.p;
    let slope = serviceStartS >= p.stopLatestS[s] ? this.latenessCostPerS : 0;
    if (this.deliveryTerms.length > 0 && p.stopIsDelivery[s]) {
      const o = p.stopOrder[s];
      for (const term of this.deliveryTerms) slope += term.slope(o, serviceStartS);
    }
    return slope;
  }

  /** Stability cost of order `o` served by courier `c` (−1: unassigned). */
  stability(o: number, c: number): number {
    const prev = this.p.orderPreviousCourier[o];
    return prev >= 0 && prev !== c ? this.p.stabilityCost : 0;
  }

  /** Change of the stability cost when order `o` goes from courier `from` to courier `to` (−1: unassigned). */
  stabilityChange(o: number, from: number, to: number): number {
    return this.stability(o, to) - this.stability(o, from);
  }

  /** Cost of leaving order `o` unassigned. */
  unassigned(o: number): number {
    return this.p.orderUnassignedCost[o];
  }

  /** Cost of order `o`'s assignment alone: unassigned cost when `c` < 0, plus its stability. */
  assignmentCost(o: number, c: number): number {
    return (c < 0 ? this.p.orderUnassignedCost[o] : 0) + this.stability(o, c);
  }

  /** The objective of a plan: its route costs plus every order's assignment cost. */
  total(routeCosts: number, orderRoute: Int32Array): number {
    let total = routeCosts;
    for (let o = 0; o < orderRoute.length; o++) total += this.assignmentCost(o, orderRoute[o]);
    return total;
  }

  /** The reported breakdown of a plan from its used routes' durations, distances and lateness and the assignment. */
  breakdown(routes: readonly { readonly courier: number; readonly durationS: number; readonly distanceM: number; readonly lateS: number; readonly termCost: number }[], orderRoute: Int32Array): CostBreakdown {
    let fixed = 0, duration = 0, distance = 0, lateness = 0, unassigned = 0, stability = 0, service = 0;
    for (const r of routes) {
      fixed += this.fixedCost[r.courier];
      duration += this.costPerS[r.courier] * r.durationS;
      distance += this.costPerM[r.courier] * r.distanceM;
      lateness += r.lateS * this.latenessCostPerS;
      service += r.termCost - r.lateS * this.latenessCostPerS; // the delivery terms
    }
    for (let o = 0; o < orderRoute.length; o++) {
      if (orderRoute[o] < 0) unassigned += this.unassigned(o);
      stability += this.stability(o, orderRoute[o]);
    }
    const total = unassigned + lateness + fixed + duration + distance + stability + service;
    return { unassigned, lateness, fixed, duration, distance, stability, ...(this.deliveryTerms.length > 0 ? { service } : {}), total };
  }
}

const models = new WeakMap<CompiledProblem, CostModel>();

/** The cost model of `p`, built once per compiled problem. */
export function costModelOf(p: CompiledProblem): CostModel {
  let model = models.get(p);
  if (model === undefined) {
    model = new CostModel(p);
    models.set(p, model);
  }
  return model;
}
