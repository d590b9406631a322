// Solution-wide rules: known couriers and stops, each order exactly once (whole on one route, or unassigned),
// valid unassigned reasons, and on-board orders staying on their courier.
import type { Solution, UnassignedReason } from '../model/problem-input.js';
import type { ProblemIndex } from './problem-index.js';
import type { Violation } from './violations.js';

const REASONS: ReadonlySet<UnassignedReason> = new Set(['capacity', 'time_window', 'max_in_bag', 'skills', 'shift', 'no_courier', 'not_inserted']);

/** Appends every solution-wide violation to `out`; returns order id → the courier serving it (first route seen). */
export function checkAssignment(index: ProblemIndex, solution: Solution, out: Violation[]): Map<string, string> {
  const seenCouriers = new Set<string>();
  const seenStops = new Map<string, string>();
  /** order id → courier ids whose routes hold some of its stops, in order of appearance. */
  const orderCouriers = new Map<string, string[]>();
  for (const route of solution.routes) {
    const routeCourierId = route.courierId;
    if (!index.couriers.has(routeCourierId)) out.push({ code: 'unknown_courier', routeCourierId, message: `route for unknown courier ${routeCourierId}` });
    if (seenCouriers.has(routeCourierId)) out.push({ code: 'duplicate_route', routeCourierId, message: `courier ${routeCourierId} has more than one route` });
    seenCouriers.add(routeCourierId);
    if (route.stops.length === 0) out.push({ code: 'empty_route', routeCourierId, message: `route of ${routeCourierId} has no stops` });
    for (const planned of route.stops) {
      const stopId = planned.stopId;
      const stop = index.stops.get(stopId);
      if (!stop) {
        out.push({ code: 'unknown_stop', routeCourierId, stopId, message: `unknown stop ${stopId}` });
        continue;
      }
      const orderId = stop.order.id;
      if (planned.orderId !== orderId || planned.kind !== stop.kind || planned.locationId !== stop.input.locationId) {
        out.push({ code: 'stop_mismatch', routeCourierId, stopId, orderId, message: `stop ${stopId} is reported as ${planned.kind} of ${planned.orderId} at ${planned.locationId}, input says ${stop.kind} of ${orderId} at ${stop.input.locationId}` });
      }
      if (stop.done) out.push({ code: 'done_pickup_planned', routeCourierId, stopId, orderId, message: `pickup ${stopId} is already done but planned again` });
      const earlier = seenStops.get(stopId);
      if (earlier !== undefined) out.push({ code: 'duplicate_stop', routeCourierId, stopId, orderId, message: `stop ${stopId} is planned twice (also on ${earlier})` });
      seenStops.set(stopId, routeCourierId);
      const list = orderCouriers.get(orderId) ?? [];
      if (!list.includes(routeCourierId)) list.push(routeCourierId);
      orderCouriers.set(orderId, list);
    }
  }

  const unassigned = new Set<string>();
  for (const entry of solution.unassigned) {
    const orderId = entry.orderId;
    if (!index.orders.has(orderId)) out.push({ code: 'unknown_order', orderId, message: `unassigned entry for unknown order ${orderId}` });
    if (!REASONS.has(entry.reason)) out.push({ code: 'invalid_reason', orderId, message: `unknown unassigned reason '${String(entry.reason)}'` });
    if (unassigned.has(orderId)) out.push({ code: 'order_duplicated', orderId, message: `order ${orderId} is listed as unassigned twice` });
    unassigned.add(orderId);
  }

  const servedBy = new Map<string, string>();
  for (const order of index.orders.values()) {
    const orderId = order.id;
    const couriers = orderCouriers.get(orderId);
    if (couriers) servedBy.set(orderId, couriers[0]);
    if (couriers && unassigned.has(orderId)) out.push({ code: 'order_duplicated', orderId, message: `order ${orderId} is both routed and unassigned` });
    if (!couriers && !unassigned.has(orderId)) out.push({ code: 'order_missing', orderId, message: `order ${orderId} is neither routed nor unassigned` });
    if (couriers && couriers.length > 1) out.push({ code: 'order_split', orderId, message: `order ${orderId} is split over couriers ${couriers.join(', ')}` });
    if (couriers) {
      const missing = index.remainingStopIds.get(orderId)!.filter((id) => !seenStops.has(id));
      if (missing.length > 0) out.push({ code: 'order_incomplete', orderId, message: `order ${orderId} misses stops ${missing.join(', ')}` });
    }
    const frozenOn = order.onBoardCourierId;
    if (frozenOn !== undefined && (couriers === undefined || couriers[0] !== frozenOn || couriers.length > 1)) {
      out.push({ code: 'frozen_on_board', routeCourierId: frozenOn, orderId, message: `order ${orderId} must stay on courier ${frozenOn}` });
    }
  }
  return servedBy;
}
