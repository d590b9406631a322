// Converts a search state into the public Solution (string ids, planned stops with times and loads, cost breakdown).
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { PlannedRoute, PlannedStop, Solution, UnassignedReason } from '../model/problem-input.js';
import type { SolutionState } from './solution-state.js';
import { arrivalLegS, readyLegS } from './travel.js';

/** Builds the Solution of `s`; `reasons[o]` names why a never-insertable order is unassigned. */
export function toSolution(p: CompiledProblem, s: SolutionState, reasons: readonly (UnassignedReason | null)[]): Solution {
  const D = p.dims;
  const routes: PlannedRoute[] = [];
  const priced: { courier: number; durationS: number; distanceM: number; lateS: number; termCost: number }[] = [];
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
      const arrivalS = t + arrivalLegS(p, c, loc, l);
      const readyS = t + readyLegS(p, c, loc, l);
      const serviceStartS = Math.max(readyS, p.stopEarliestS[st]);
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
    priced.push({ courier: c, durationS, distanceM: r.distanceM, lateS: r.lateS, termCost: r.termCost });
  }
  const unassigned: { orderId: string; reason: UnassignedReason }[] = [];
  for (let o = 0; o < p.orderCount; o++) {
    if (s.orderRoute[o] < 0) unassigned.push({ orderId: p.orderIds[o], reason: reasons[o] ?? 'not_inserted' });
  }
  return { routes, unassigned, cost: s.cost.breakdown(priced, s.orderRoute) };
}
