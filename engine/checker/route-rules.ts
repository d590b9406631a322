// Per-route rules: precedence and same courier within the route, capacity, windows, shift, max stops, skills,
// time in bag and the frozen next stop, all judged on the checker's own recomputed timeline.
import { OBJECTIVE_DEFAULTS } from '../model/defaults.js';
import type { CourierInput, ProblemInput } from '../model/problem-input.js';
import { isOnBoard } from './problem-index.js';
import type { RouteTimeline } from './route-timeline.js';
import { exceeds, type Violation } from './violations.js';

/** Appends to `out` every rule `timeline` breaks on `courier`. */
export function checkRouteRules(input: ProblemInput, courier: CourierInput, timeline: RouteTimeline, relTol: number, out: Violation[]): void {
  const routeCourierId = courier.id;
  const { route, stops } = timeline;
  const hardWindows = !(input.objective?.softTimeWindows ?? OBJECTIVE_DEFAULTS.softTimeWindows);

  if (courier.maxStops !== undefined && stops.length > courier.maxStops) {
    out.push({ code: 'max_stops', routeCourierId, message: `${stops.length} stops exceed the courier's maxStops ${courier.maxStops}` });
  }
  if (exceeds(route.endS, courier.shift.latestS, relTol)) {
    out.push({ code: 'shift', routeCourierId, message: `route ends at ${route.endS}s, after the shift's end ${courier.shift.latestS}s` });
  }
  if (courier.nextStopId !== undefined && route.stops[0]?.stopId !== courier.nextStopId) {
    out.push({ code: 'frozen_next_stop', routeCourierId, stopId: courier.nextStopId, message: `the courier's next stop ${courier.nextStopId} is not its first stop` });
  }

  const courierSkills = new Set(courier.skills ?? []);
  const firstPickupS = new Map<string, number>();
  const skillsChecked = new Set<string>();
  for (let k = 0; k < stops.length; k++) {
    const stop = stops[k];
    const planned = route.stops[k];
    const order = stop.order;
    const stopId = stop.stopId;
    const orderId = order.id;
    for (let d = 0; d < planned.loadAfter.length; d++) {
      const capacity = courier.capacity[d] ?? 0;
      if (exceeds(planned.loadAfter[d], capacity, relTol)) {
        out.push({ code: 'capacity', routeCourierId, stopId, orderId, message: `load ${planned.loadAfter[d]} of ${input.loadDimensions[d]} exceeds capacity ${capacity} after ${stopId}` });
      }
    }
    if (hardWindows && planned.lateS > 0 && exceeds(planned.serviceStartS, stop.input.window?.latestS ?? Infinity, relTol)) {
      out.push({ code: 'time_window', routeCourierId, stopId, orderId, message: `service at ${stopId} starts ${planned.lateS}s after its window closes` });
    }
    if (!skillsChecked.has(orderId)) {
      skillsChecked.add(orderId);
      const missing = (order.skills ?? []).filter((skill) => !courierSkills.has(skill));
      if (missing.length > 0) out.push({ code: 'skills', routeCourierId, orderId, message: `courier lacks skills ${missing.join(', ')} for order ${orderId}` });
    }
    if (stop.kind === 'pickup') {
      if (!firstPickupS.has(orderId)) firstPickupS.set(orderId, planned.serviceStartS);
      continue;
    }
    checkDelivery(courier, timeline, k, firstPickupS, relTol, out);
  }
}

/** A delivery comes after every remaining pickup of its order on this route, within the order's time in bag. */
function checkDelivery(courier: CourierInput, timeline: RouteTimeline, k: number, firstPickupS: Map<string, number>, relTol: number, out: Violation[]): void {
  const routeCourierId = courier.id;
  const stop = timeline.stops[k];
  const order = stop.order;
  const orderId = order.id;
  const done = new Set(order.donePickupIds ?? []);
  const before = new Set<string>();
  for (let j = 0; j < k; j++) if (timeline.stops[j].order === order) before.add(timeline.stops[j].stopId);
  const pending = order.pickups.filter((p) => !done.has(p.id) && !before.has(p.id)).map((p) => p.id);
  if (pending.length > 0) {
    out.push({ code: 'precedence', routeCourierId, stopId: stop.stopId, orderId, message: `delivery ${stop.stopId} before pickups ${pending.join(', ')} on this courier` });
  }
  if (order.maxInBagS === undefined) return;
  const onBoardHere = isOnBoard(order) && order.onBoardCourierId === courier.id;
  const fromS = onBoardHere ? timeline.route.startS : firstPickupS.get(orderId);
  if (fromS === undefined) return;
  const inBagS = timeline.route.stops[k].serviceStartS - fromS;
  if (exceeds(inBagS, order.maxInBagS, relTol)) {
    out.push({ code: 'max_in_bag', routeCourierId, stopId: stop.stopId, orderId, message: `goods of ${orderId} ride ${inBagS}s, more than maxInBagS ${order.maxInBagS}` });
  }
}
