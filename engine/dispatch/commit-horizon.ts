// Delayed commitment: a new order planned onto a busy courier's route is offered only once that courier will reach the
// order's first stop within the commit horizon. Until then it stays pending and is planned again each window, free to
// go to a courier who turns free sooner, instead of being promised early to a courier still out on deliveries. An
// order whose goods are ready only later (booked ahead) waits the same way, so no courier idles at a stall for it.
import type { RouteStop } from './dispatch-types.js';

export interface HeldRoute {
  readonly stops: RouteStop[];
  /** New orders kept back for a later plan: the first stop of each, in route order. */
  readonly held: readonly RouteStop[];
}

/** Leaves out of `stops` the new orders (`isNew`) that `late` holds back, judged by each order's first stop. */
export function holdLateOrders(stops: readonly RouteStop[], isNew: (orderId: string) => boolean, late: (first: RouteStop) => boolean): HeldRoute {
  const held = new Map<string, RouteStop>();
  const seen = new Set<string>();
  for (const s of stops) {
    if (seen.has(s.orderId)) continue;
    seen.add(s.orderId);
    if (isNew(s.orderId) && late(s)) held.set(s.orderId, s);
  }
  return held.size === 0 ? { stops: [...stops], held: [] } : { stops: stops.filter((s) => !held.has(s.orderId)), held: [...held.values()] };
}
