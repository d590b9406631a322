// Converts a search state into the public Solution (string ids, planned stops with times and loads, cost breakdown).
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { CostBreakdown, PlannedRoute, PlannedStop, Solution, UnassignedReason } from '../model/problem-input.js';
import type { SolutionState } from './solution-state.js';

/** Builds the Solution of `s`; `reasons[o]` names why a never-insertable order is unassigned. */
export function toSolution(p: CompiledProblem, s: SolutionState, reasons: readonly (UnassignedReason | null)[]): Solution {
  const D = p.dims;
  const n = p.locationCount;
  const routes: PlannedRoute[] = [];
  let fixed = 0, duration = 0, distance = 0, lateness = 0;
  for (const r of s.routes) {
    if (r.len === 0) continue;
    const c = r.courier;
    const stops: PlannedStop[] = [];
    let loc = p.courierStartLocation[c];
    let t = p.courierStartS[c];
    const load = Array.from(p.courierInitialLoad.subarray(c * D, c * D + D));
    for (let k = 0; k < r.len; k++) {
      const st = r.stops[k];
      const l = p.stopLocation[st];
      const arrivalS = t + p.durationS[loc * n + l] * p.courierInvSpeed[c];
      const serviceStartS = Math.max(arrivalS + (l !== loc ? p.setupS : 0), p.stopEarliestS[st]);
      const departureS = serviceStartS + p.stopServiceS[st];
      for (let d = 0; d < D; d++) load[d] += p.stopLoad[st * D + d];
      const o = p.stopOrder[st];
      stops.push({
        stopId: p.stopIds[st], orderId: p.orderIds[o], kind: p.stopIsDelivery[st] ? 'delivery' : 'pickup',
        locationId: p.locationIds[l], arrivalS, serviceStartS, departureS,
        lateS: Math.max(0, serviceStartS - p.stopLatestS[st]), loadAfter: load.slice(),
      });
      t = departureS;
      loc = l;
    }
    const startS = p.courierStartS[c];
    const durationS = r.endS - startS;
    routes.push({ courierId: p.courierIds[c], stops, startS, endS: r.endS, durationS, distanceM: r.distanceM });
    fixed += p.courierFixedCost[c];
    duration += (p.courierCostPerHour[c] * durationS) / 3600;
    distance += (p.courierCostPerKm[c] * r.distanceM) / 1000;
    lateness += r.lateS * p.latenessCostPerS;
  }
  const unassigned: { orderId: string; reason: UnassignedReason }[] = [];
  let unassignedCost = 0, stability = 0;
  for (let o = 0; o < p.orderCount; o++) {
    const c = s.orderRoute[o];
    stability += s.stabilityOf(o, c);
    if (c >= 0) continue;
    unassigned.push({ orderId: p.orderIds[o], reason: reasons[o] ?? 'not_inserted' });
    unassignedCost += p.orderUnassignedCost[o];
  }
  const cost: CostBreakdown = {
    unassigned: unassignedCost, lateness, fixed, duration, distance, stability,
    total: unassignedCost + lateness + fixed + duration + distance + stability,
  };
  return { routes, unassigned, cost };
}
