// Recomputes the objective from the input and recomputed routes: unassigned, lateness, fixed, duration, distance, stability, service.
import { COURIER_COST_DEFAULTS, OBJECTIVE_DEFAULTS } from '../model/defaults.js';
import type { CostBreakdown, PlannedRoute } from '../model/problem-input.js';
import type { ProblemIndex } from './problem-index.js';

/**
 * total = Σ unassigned order costs + latenessCostPerS · Σ lateS + Σ route costs
 * + stabilityCost · (orders of `previousAssignment` whose courier now differs, unassigned included), where a
 * route with stops costs fixedCost + costPerHour · durationS / 3600 + costPerKm · distanceM / 1000.
 * `servedBy` maps each routed order id to its courier id.
 */
export function recomputeCost(index: ProblemIndex, routes: readonly PlannedRoute[], servedBy: ReadonlyMap<string, string>): CostBreakdown {
  const objective = index.input.objective ?? {};
  const defaultUnassigned = objective.unassignedCost ?? OBJECTIVE_DEFAULTS.unassignedCost;
  let unassigned = 0;
  for (const order of index.orders.values()) {
    if (!servedBy.has(order.id)) unassigned += order.unassignedCost ?? defaultUnassigned;
  }
  let lateS = 0;
  let fixed = 0;
  let duration = 0;
  let distance = 0;
  for (const route of routes) {
    const courier = index.couriers.get(route.courierId);
    if (!courier || route.stops.length === 0) continue;
    for (const stop of route.stops) lateS += stop.lateS;
    fixed += courier.fixedCost ?? COURIER_COST_DEFAULTS.fixedCost;
    duration += ((courier.costPerHour ?? COURIER_COST_DEFAULTS.costPerHour) * route.durationS) / 3600;
    distance += ((courier.costPerKm ?? COURIER_COST_DEFAULTS.costPerKm) * route.distanceM) / 1000;
  }
  const lateness = (objective.latenessCostPerS ?? OBJECTIVE_DEFAULTS.latenessCostPerS) * lateS;
  let moved = 0;
  for (const [orderId, previousCourierId] of Object.entries(objective.previousAssignment ?? {})) {
    if (index.orders.has(orderId) && servedBy.get(orderId) !== previousCourierId) moved++;
  }
  const stability = (objective.stabilityCost ?? OBJECTIVE_DEFAULTS.stabilityCost) * moved;
  const service = serviceCost(index, routes);
  const total = unassigned + lateness + fixed + duration + distance + stability + (service ?? 0);
  return { unassigned, lateness, fixed, duration, distance, stability, ...(service !== undefined ? { service } : {}), total };
}

/**
 * The service terms over deliveries, undefined when none is priced: click-to-door, costPerS · wait + overTargetCostPerS ·
 * (wait − targetS)⁺ with wait = service start − order creation; and the told hour, costPerS · (service start −
 * toldArrivalS − slackS)⁺ for orders told one.
 */
function serviceCost(index: ProblemIndex, routes: readonly PlannedRoute[]): number | undefined {
  const objective = index.input.objective;
  const c2d = objective?.clickToDoor && (objective.clickToDoor.costPerS > 0 || objective.clickToDoor.overTargetCostPerS > 0) ? objective.clickToDoor : undefined;
  const anyTold = [...index.orders.values()].some((o) => o.toldArrivalS !== undefined);
  const told = objective?.toldHour && objective.toldHour.costPerS > 0 && anyTold ? objective.toldHour : undefined;
  if (!c2d && !told) return undefined;
  let cost = 0;
  for (const route of routes) {
    if (!index.couriers.has(route.courierId)) continue;
    for (const stop of route.stops) {
      if (stop.kind !== 'delivery') continue;
      const order = index.orders.get(stop.orderId);
      if (c2d) {
        const waitS = stop.serviceStartS - (order?.createdS ?? 0);
        if (waitS > 0) cost += c2d.costPerS * waitS + c2d.overTargetCostPerS * Math.max(0, waitS - c2d.targetS);
      }
      if (told && order?.toldArrivalS !== undefined) cost += told.costPerS * Math.max(0, stop.serviceStartS - order.toldArrivalS - told.slackS);
    }
  }
  return cost;
}
