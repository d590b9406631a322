// Busy couriers as the store knows them, for a dispatcher that starts again (a restart, a market taken over): each
// courier on an active route with its open stops in order and the orders it holds, as a core `courierResumed`.
import type { DispatchCommand, HeldOrder, RouteStop } from '../../engine/index.js';
import type { Queryable } from '../db/database.js';
import { pointColumns, pointOf } from '../store/geo-sql.js';
import { deliveryStopId, loadCouriers, loadHeldOrders, pickupStopId } from './dispatch-loaders.js';

export interface BusyCourier {
  /** The market of its active route: the one that dispatches it. */
  readonly marketId: string;
  readonly fleetId: string;
  readonly resumed: Extract<DispatchCommand, { type: 'courierResumed' }>;
}

/** `items` by key, each group in the items' order. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Ids of couriers on an active route (in the given markets, else anywhere), in id order. */
export async function busyCourierIds(q: Queryable, marketIds?: readonly string[]): Promise<string[]> {
  const found = await q.query<{ id: string }>(
    `SELECT DISTINCT c.id FROM couriers c JOIN routes r ON r.courier_id = c.id AND r.status = 'active'
      WHERE c.status = 'on_route' ${marketIds ? 'AND r.market_id = ANY($1::text[])' : ''} ORDER BY c.id`,
    marketIds ? [marketIds] : [],
  );
  return found.rows.map((r) => r.id);
}

/**
 * The given couriers on their active routes: open stops (pending or arrived) in route order, held orders with the
 * pickups already served. A courier with no reported position is left out (the core needs to know where it is).
 */
export async function loadBusyCouriers(q: Queryable, courierIds: readonly string[], ojolRadiusM: number): Promise<BusyCourier[]> {
  if (courierIds.length === 0) return [];
  const couriers = await loadCouriers(q, courierIds, ojolRadiusM);
  const held = await loadHeldOrders(q, courierIds);
  const stops = await q.query<Record<string, unknown>>(
    `SELECT r.courier_id, r.market_id, s.kind, s.status, s.order_id, s.stall_id, s.eta, ${pointColumns('s.location', 's')}
       FROM routes r JOIN stops s ON s.route_id = r.id
      WHERE r.status = 'active' AND r.courier_id = ANY($1::text[]) AND s.kind IN ('pickup', 'delivery') AND s.order_id IS NOT NULL
      ORDER BY r.courier_id, s.position`,
    [courierIds],
  );
  const stopsOf = groupBy(stops.rows, (r) => String(r.courier_id));
  const heldBy = groupBy(held, (o) => o.courierId);
  const busy: BusyCourier[] = [];
  for (const loaded of couriers) {
    const courierId = loaded.courier.id;
    const own = stopsOf.get(courierId) ?? [];
    if (!loaded.position || own.length === 0) continue;
    const orders = heldBy.get(courierId) ?? [];
    const heldIds = new Set(orders.map((o) => o.order.id));
    const coreStopId = (r: Record<string, unknown>) => (r.kind === 'delivery' ? deliveryStopId(String(r.order_id)) : pickupStopId(String(r.order_id), String(r.stall_id)));
    const route: RouteStop[] = own
      .filter((r) => (r.status === 'pending' || r.status === 'arrived') && heldIds.has(String(r.order_id)))
      .map((r) => ({
        stopId: coreStopId(r), orderId: String(r.order_id), kind: r.kind === 'delivery' ? 'delivery' : 'pickup', ...pointOf(r, 's')!,
        etaMs: r.eta ? new Date(r.eta as string).getTime() : loaded.position!.atMs,
      }));
    const served = new Set(own.filter((r) => r.kind === 'pickup' && (r.status === 'done' || r.status === 'failed')).map(coreStopId));
    const heldOrders: HeldOrder[] = orders.map((o) => ({
      order: o.order, feeRp: o.feeRp, donePickupIds: o.order.pickups.map((p) => p.id).filter((id) => served.has(id)),
      ...(o.toldEtaMs !== undefined ? { toldEtaMs: o.toldEtaMs } : {}),
    }));
    busy.push({
      marketId: String(own[0].market_id), fleetId: loaded.fleetId,
      resumed: {
        type: 'courierResumed', courier: loaded.courier, position: loaded.position, earnedRp: loaded.earnedTodayRp,
        ...(loaded.marketId === String(own[0].market_id) ? { distanceM: loaded.distanceM } : {}), route, orders: heldOrders,
      },
    });
  }
  return busy;
}
