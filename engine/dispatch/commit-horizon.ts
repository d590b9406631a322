// Delayed commitment: a new order planned onto a busy courier's route is offered only once that courier will reach the
// order's first stop within the commit horizon. Until then it stays pending and is planned again each window, free to
// go to a courier who turns free sooner, instead of being promised early to a courier still out on deliveries.
import type { RouteStop } from './dispatch-types.js';

export interface HeldRoute {
  readonly stops: RouteStop[];
  /** New orders kept back for a later plan. */
  readonly held: readonly string[];
}

/** Leaves out of `stops` the new orders (`isNew`) whose first stop is due after `horizonEndMs`. */
export function holdLateOrders(stops: readonly RouteStop[], horizonEndMs: number, isNew: (orderId: string) => boolean): HeldRoute {
  const held = new Set<string>();
  const seen = new Set<string>();
  for (const s of stops) {
    if (seen.has(s.orderId)) continue;
    seen.add(s.orderId);
    if (isNew(s.orderId) && s.etaMs > horizonEndMs) held.add(s.orderId);
  }
  return held.size === 0 ? { stops: [...stops], held: [] } : { stops: stops.filter((s) => !held.has(s.orderId)), held: [...held] };
}
