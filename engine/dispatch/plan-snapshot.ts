// Freezes a market's state into a PlanSnapshot: the pool couriers (with their accepted stops) and the orders to
// plan (pending ones plus accepted ones still open), locks, exclusions and the previous assignment.
import type { DispatchConfig } from './dispatch-config.js';
import type { PlanReason, PlanSnapshot, SnapshotCourier, SnapshotOrder } from './dispatch-types.js';
import type { DispatchCourierState, DispatchOrderState } from './dispatch-state.js';
import { placedAtMs, stopOpen } from './dispatch-state.js';
import { selectCourierPool, type PoolCandidate } from './courier-pool.js';
import { bookedForLater } from './goods-ready.js';

export interface SnapshotInput {
  readonly planId: string;
  readonly marketId: string;
  readonly nowMs: number;
  readonly reason: PlanReason;
  readonly orders: ReadonlyMap<string, DispatchOrderState>;
  readonly couriers: ReadonlyMap<string, DispatchCourierState>;
  readonly config: DispatchConfig;
  /** The market's point (where a courier without a base rides back to when plans price it). */
  readonly market: { readonly lon: number; readonly lat: number };
}

const hasGoods = (c: DispatchCourierState, orders: ReadonlyMap<string, DispatchOrderState>): boolean =>
  c.route.some((s) => (orders.get(s.orderId)?.donePickupIds.size ?? 0) > 0);

const fairnessOf = (c: DispatchCourierState | undefined): { idleSinceMs?: number; earnedRp?: number } => ({
  ...(c?.idleSinceMs !== undefined ? { idleSinceMs: c.idleSinceMs } : {}),
  ...(c?.earnedRp !== undefined ? { earnedRp: c.earnedRp } : {}),
});

/** Builds the snapshot, or null when there is nothing to plan (no pending order or no courier). */
export function takeSnapshot(input: SnapshotInput): PlanSnapshot | null {
  const { orders, couriers, config, nowMs } = input;
  const candidates: PoolCandidate[] = [];
  const noNewWork = new Set<string>();
  for (const c of couriers.values()) {
    if (c.offerId !== undefined) continue; // answers one offer at a time; its accepted stops wait for the answer
    const hasWork = c.route.length > 0;
    if (c.status === 'offline' && !hasGoods(c, orders)) continue;
    if (c.status !== 'available' && !hasWork) continue;
    if (c.status !== 'available' || c.cooldownUntilMs > nowMs || (hasWork && !config.offerToBusyCouriers)) noNewWork.add(c.courier.id);
    candidates.push({ courier: c.courier, position: c.position, distanceM: c.distanceM, hasWork });
  }
  const pool = selectCourierPool(candidates, config.pool, nowMs);
  const stale = new Set(pool.staleIds);
  if (config.pool.stale === 'exclude') for (const id of stale) noNewWork.add(id);
  const members: SnapshotCourier[] = pool.members.map(({ candidate }) => ({
    courier: candidate.courier,
    position: candidate.position,
    stale: stale.has(candidate.courier.id),
    routeStopIds: (couriers.get(candidate.courier.id)?.route ?? []).filter((s) => stopOpen(s, orders.get(s.orderId))).map((s) => s.stopId),
    ...fairnessOf(couriers.get(candidate.courier.id)),
  }));
  const memberIds = new Set(members.map((m) => m.courier.id));

  const snapshotOrders: SnapshotOrder[] = [];
  const exclusions: Record<string, string[]> = {};
  const previousAssignment: Record<string, string> = {};
  let pendingCount = 0;
  let movableCount = 0;
  for (const s of orders.values()) {
    let locked: string | undefined;
    // Accepted, nothing picked up, not pinned: may move to another courier (its own courier keeps it unless it does).
    const movable = s.status === 'assigned' && config.moveAcceptedOrders && s.donePickupIds.size === 0 && s.pinnedCourierId === undefined && s.order.heldByCourierId === undefined;
    if (s.status === 'assigned') locked = movable ? undefined : s.courierId;
    // An order whose goods a courier holds goes to that courier while it works here; if it has gone, to anyone.
    else if (s.status === 'pending') {
      if (bookedForLater(s.order, nowMs, config)) continue; // planned nearer the booked hour
      locked = s.pinnedCourierId ?? (memberIds.has(s.order.heldByCourierId ?? '') ? s.order.heldByCourierId : undefined);
    } else continue;
    if (locked !== undefined && !memberIds.has(locked)) continue;
    if (movable && !memberIds.has(s.courierId!)) continue;
    if (s.status === 'pending') pendingCount++;
    if (movable) movableCount++;
    snapshotOrders.push({ order: s.order, createdAtMs: placedAtMs(s), ...(s.toldEtaMs !== undefined ? { toldEtaMs: s.toldEtaMs } : {}), ...(locked !== undefined ? { lockedCourierId: locked } : {}), donePickupIds: [...s.donePickupIds] });
    if (locked === undefined) {
      const excluded = [...s.excludedCourierIds, ...noNewWork].filter((id) => memberIds.has(id) && id !== s.courierId);
      if (excluded.length > 0) exclusions[s.order.id] = [...new Set(excluded)].sort();
    }
    const previous = s.courierId ?? s.plannedCourierId;
    if (previous !== undefined && memberIds.has(previous)) previousAssignment[s.order.id] = previous;
  }
  // With no order waiting, a plan only moves accepted orders, and only to a courier free to take them.
  const someoneFree = members.some((m) => m.routeStopIds.length === 0 && !noNewWork.has(m.courier.id));
  if ((pendingCount === 0 && (movableCount === 0 || !someoneFree)) || members.length === 0) return null;
  return {
    planId: input.planId, marketId: input.marketId, nowMs, reason: input.reason, orders: snapshotOrders, couriers: members, previousAssignment, exclusions,
    ...(config.priceRideBack ? { rideBackTo: { lon: input.market.lon, lat: input.market.lat } } : {}),
  };
}
