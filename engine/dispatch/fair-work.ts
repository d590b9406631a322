// Fair work within a fleet, priced for the solver: a courier with no work pays a small fixed cost for its place in
// the fleet's idle queue (longest idle first at equal cost) and for what it earned today above the fleet's least.
import type { FleetKind } from '../model/problem-input.js';
import type { DispatchConfig } from './dispatch-config.js';
import type { SnapshotCourier } from './dispatch-types.js';

export type FairWorkSettings = Pick<DispatchConfig, 'idleQueueStepCost' | 'earningsBalanceCostPerRp'>;

/** courier id → fixed cost of giving it a new route (couriers with work pay nothing: their route is already open). */
export function fairWorkCosts(couriers: readonly SnapshotCourier[], nowMs: number, settings: FairWorkSettings): Map<string, number> {
  const costs = new Map<string, number>();
  const fleets = new Map<FleetKind, SnapshotCourier[]>();
  for (const c of couriers) fleets.set(c.courier.fleet, [...(fleets.get(c.courier.fleet) ?? []), c]);
  for (const members of fleets.values()) {
    const leastRp = Math.min(...members.map((c) => c.earnedRp ?? 0));
    const queue = members.filter((c) => c.routeStopIds.length === 0)
      .sort((a, b) => (a.idleSinceMs ?? nowMs) - (b.idleSinceMs ?? nowMs) || (a.courier.id < b.courier.id ? -1 : 1));
    queue.forEach((c, place) => {
      const cost = place * settings.idleQueueStepCost + ((c.earnedRp ?? 0) - leastRp) * settings.earningsBalanceCostPerRp;
      if (cost > 0) costs.set(c.courier.id, cost);
    });
  }
  return costs;
}
