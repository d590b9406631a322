// Per-order service terms of the objective: a cost on each delivery's service start (click-to-door time, the told hour).
import type { CompiledProblem } from '../../model/compiled-problem.js';
import { clickToDoorTerm } from './click-to-door-term.js';
import { toldHourTerm } from './told-hour-term.js';

/**
 * A term priced on each delivery: `cost(o, serviceStartS)` is added to the cost of the route that serves order `o`,
 * for a delivery whose service starts at `serviceStartS`. It must be ≥ 0, not decrease when the delivery gets later
 * and be convex in the service start, with `slope` its rate of growth just after a start (the right derivative): the
 * insertion bounds rely on cost(o, t + d) ≥ cost(o, t) + slope(o, t) · d for d ≥ 0. Neither may allocate (they run
 * in the hot loops).
 *
 * To add a term: implement this interface next to this file, return it from `deliveryTermsOf` when the problem asks
 * for it (a field of `ObjectiveInput`, compiled into `CompiledProblem`), give it a field in `CostBreakdown`
 * (filled by `CostModel.breakdown` from `RouteState.termCost`) and recompute that field independently in
 * `engine/checker/cost.ts`. The search, insertion and every operator then price it through `CostModel`.
 */
export interface DeliveryTerm {
  /** Name of the term (statistics and messages). */
  readonly name: string;
  cost(o: number, serviceStartS: number): number;
  slope(o: number, serviceStartS: number): number;
}

/** The delivery terms `p` asks for: click-to-door and the told hour, each when the objective prices it. */
export function deliveryTermsOf(p: CompiledProblem): DeliveryTerm[] {
  return [clickToDoorTerm(p), toldHourTerm(p)].filter((term): term is DeliveryTerm => term !== null);
}
