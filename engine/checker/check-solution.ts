// The independent solution checker: recomputes every route from the input alone, judges every rule and the cost.
import type { PlannedRoute, ProblemInput, Solution } from '../model/problem-input.js';
import { checkAssignment } from './assignment-rules.js';
import { recomputeCost } from './cost.js';
import { indexProblem } from './problem-index.js';
import { compareCost, compareRoute } from './reported-values.js';
import { checkRouteRules } from './route-rules.js';
import { recomputeRoute } from './route-timeline.js';
import type { CheckOptions, CheckResult, Violation } from './violations.js';

/**
 * Validates `solution` against `input`: every order exactly once, precedence on one courier, capacity at every
 * stop, time windows, shifts, max stops, skills, time in bag, frozen stops, and the reported times and costs
 * (relative tolerance, default 1e-6). Never throws on a malformed solution: each defect is a violation.
 */
export function checkSolution(input: ProblemInput, solution: Solution, options: CheckOptions = {}): CheckResult {
  const relTol = options.relativeTolerance ?? 1e-6;
  const index = indexProblem(input);
  const violations: Violation[] = [];
  const servedBy = checkAssignment(index, solution, violations);

  const recomputedRoutes: PlannedRoute[] = [];
  const routed = new Set<string>();
  for (const route of solution.routes) {
    const courier = index.couriers.get(route.courierId);
    if (!courier) {
      recomputedRoutes.push({ ...route, stops: [] });
      continue;
    }
    routed.add(courier.id);
    const timeline = recomputeRoute(index, courier, route.stops.map((s) => s.stopId));
    recomputedRoutes.push(timeline.route);
    checkRouteRules(input, courier, timeline, relTol, violations);
    compareRoute(route, timeline.route, relTol, violations);
  }
  for (const courier of index.couriers.values()) {
    if (courier.nextStopId !== undefined && !routed.has(courier.id)) {
      violations.push({ code: 'frozen_next_stop', routeCourierId: courier.id, stopId: courier.nextStopId, message: `courier ${courier.id} has next stop ${courier.nextStopId} but no route` });
    }
  }

  const cost = recomputeCost(index, recomputedRoutes, servedBy);
  compareCost(solution.cost, cost, relTol, violations);
  return { feasible: violations.length === 0, violations, cost, recomputedRoutes };
}
