// Courier pool policy: which couriers a market's batch may use. Pangkalan of the market first, then ojol
// candidates by distance within a radius, capped; couriers already carrying work always stay in.
import type { CourierPoolPolicy } from './dispatch-config.js';
import type { CourierPosition, DispatchCourier } from './dispatch-types.js';

export interface PoolCandidate {
  readonly courier: DispatchCourier;
  readonly position: CourierPosition;
  /** Distance to the market (metres), e.g. from PostGIS KNN; required for ojol couriers. */
  readonly distanceM: number;
  /** The courier carries accepted or on-board orders: it must stay in the problem. */
  readonly hasWork: boolean;
}

export interface PoolMember {
  readonly candidate: PoolCandidate;
  readonly stale: boolean;
}

export type PoolDropReason = 'out_of_radius' | 'stale_position' | 'pool_full';

export interface CourierPool {
  readonly members: readonly PoolMember[];
  readonly dropped: readonly { readonly courierId: string; readonly reason: PoolDropReason }[];
  /** Couriers whose position is older than the policy allows (members or dropped). */
  readonly staleIds: readonly string[];
}

/** Applies the policy at time `nowMs`. Deterministic: ties break on courier id. */
export function selectCourierPool(candidates: readonly PoolCandidate[], policy: CourierPoolPolicy, nowMs: number): CourierPool {
  const members: PoolMember[] = [];
  const dropped: { courierId: string; reason: PoolDropReason }[] = [];
  const staleIds: string[] = [];
  let free = 0; // members without work, the ones the cap counts
  const rank = (c: PoolCandidate): number => (c.hasWork ? 0 : c.courier.homeMarket && c.courier.fleet === 'pangkalan' ? 1 : 2);
  const ordered = [...candidates].sort(
    (a, b) => rank(a) - rank(b) || a.distanceM - b.distanceM || (a.courier.id < b.courier.id ? -1 : a.courier.id > b.courier.id ? 1 : 0),
  );
  for (const candidate of ordered) {
    const id = candidate.courier.id;
    const stale = nowMs - candidate.position.atMs > policy.stalePositionMs;
    if (stale) staleIds.push(id);
    if (candidate.hasWork) {
      members.push({ candidate, stale });
      continue;
    }
    if (rank(candidate) === 2 && !(candidate.distanceM <= policy.ojolRadiusM)) dropped.push({ courierId: id, reason: 'out_of_radius' });
    else if (stale && policy.stale === 'exclude') dropped.push({ courierId: id, reason: 'stale_position' });
    else if (free >= policy.maxCouriers) dropped.push({ courierId: id, reason: 'pool_full' });
    else {
      members.push({ candidate, stale });
      free++;
    }
  }
  return { members, dropped, staleIds };
}
