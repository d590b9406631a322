// Compares what a solution reports (times, loads, route totals, cost) with the checker's recomputation.
import type { CostBreakdown, PlannedRoute } from '../model/problem-input.js';
import { nearlyEqual, type Violation } from './violations.js';

const STOP_FIELDS = ['arrivalS', 'serviceStartS', 'departureS', 'lateS'] as const;
const ROUTE_FIELDS = ['startS', 'endS', 'durationS', 'distanceM'] as const;
const COST_FIELDS = ['unassigned', 'lateness', 'fixed', 'duration', 'distance', 'stability', 'total'] as const;

/** Appends a `reported_mismatch` for every stop or route number that differs from the recomputed one. */
export function compareRoute(reported: PlannedRoute, recomputed: PlannedRoute, relTol: number, out: Violation[]): void {
  const routeCourierId = reported.courierId;
  for (const field of ROUTE_FIELDS) {
    if (!nearlyEqual(reported[field], recomputed[field], relTol)) {
      out.push({ code: 'reported_mismatch', routeCourierId, message: `route ${field} reported ${reported[field]}, recomputed ${recomputed[field]}` });
    }
  }
  // Recomputed stops skip unknown ids; compare stops matched by id.
  const byId = new Map(recomputed.stops.map((s) => [s.stopId, s]));
  for (const stop of reported.stops) {
    const mine = byId.get(stop.stopId);
    if (!mine) continue;
    const stopId = stop.stopId;
    for (const field of STOP_FIELDS) {
      if (!nearlyEqual(stop[field], mine[field], relTol)) {
        out.push({ code: 'reported_mismatch', routeCourierId, stopId, orderId: mine.orderId, message: `${stopId} ${field} reported ${stop[field]}, recomputed ${mine[field]}` });
      }
    }
    const sameLength = stop.loadAfter.length === mine.loadAfter.length;
    if (!sameLength || stop.loadAfter.some((v, d) => !nearlyEqual(v, mine.loadAfter[d], relTol))) {
      out.push({ code: 'reported_mismatch', routeCourierId, stopId, orderId: mine.orderId, message: `${stopId} loadAfter reported [${stop.loadAfter.join(', ')}], recomputed [${mine.loadAfter.join(', ')}]` });
    }
  }
}

/** Appends a `cost_mismatch` for every cost component that differs from the recomputed one. */
export function compareCost(reported: CostBreakdown, recomputed: CostBreakdown, relTol: number, out: Violation[]): void {
  for (const field of COST_FIELDS) {
    if (!nearlyEqual(reported[field], recomputed[field], relTol)) {
      out.push({ code: 'cost_mismatch', message: `cost ${field} reported ${reported[field]}, recomputed ${recomputed[field]}` });
    }
  }
  if (!nearlyEqual(reported.service ?? 0, recomputed.service ?? 0, relTol)) {
    out.push({ code: 'cost_mismatch', message: `cost service reported ${reported.service ?? 0}, recomputed ${recomputed.service ?? 0}` });
  }
}
