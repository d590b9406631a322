// The bag cap: a proposed route keeps every order the courier already carries or accepted, and new orders in route
// order only while the route holds at most `maxOrders` orders.
import type { RouteStop } from './dispatch-types.js';

export interface CappedRoute {
  readonly stops: RouteStop[];
  /** New orders left out to respect the cap. */
  readonly dropped: readonly string[];
}

/** Caps `stops` at `maxOrders` distinct orders; `isNew(orderId)` tells which orders may be left out. */
export function capRouteOrders(stops: readonly RouteStop[], maxOrders: number, isNew: (orderId: string) => boolean): CappedRoute {
  const orderIds = [...new Set(stops.map((s) => s.orderId))];
  if (orderIds.length <= maxOrders) return { stops: [...stops], dropped: [] };
  let room = maxOrders - orderIds.filter((id) => !isNew(id)).length;
  const dropped = new Set<string>();
  for (const id of orderIds) {
    if (!isNew(id)) continue;
    if (room > 0) room--;
    else dropped.add(id);
  }
  return { stops: stops.filter((s) => !dropped.has(s.orderId)), dropped: [...dropped] };
}
