// A plan whose travel table failed because a point lies off the road network (`no_segment`) must not block the
// whole market: the orders whose own stall or delivery point cannot be placed on a road are found (one `nearest`
// query per distinct point), set aside with the reason on the order (`dispatch_issue`), in the event log
// (`order.unroutable`, streamed to the map) and in the market's dispatch state; the rest of the batch is re-planned.
import type { LonLat, PlanSnapshot, RoutingProvider } from '../../engine/index.js';
import type { DispatchService, MarketEntry } from './dispatch-service.js';

/** True when `error` is the router refusing a point for being too far from every road. */
export function isOffRoad(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'no_segment';
}

/** Order id → why it cannot be routed, for the snapshot's orders with a point the router cannot place on a road. */
export async function findUnroutableOrders(routing: RoutingProvider, snapshot: PlanSnapshot): Promise<Map<string, string>> {
  const verdicts = new Map<string, Promise<string | null>>();
  const check = (point: LonLat): Promise<string | null> => {
    const key = `${point[0]},${point[1]}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = routing.nearest(point).then(() => null, (error: unknown) => (isOffRoad(error) ? (error as Error).message : null));
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const unroutable = new Map<string, string>();
  for (const { order } of snapshot.orders) {
    const delivery = await check([order.delivery.lon, order.delivery.lat]);
    if (delivery) {
      unroutable.set(order.id, `delivery point: ${delivery}`);
      continue;
    }
    for (const pickup of order.pickups) {
      const problem = await check([pickup.lon, pickup.lat]);
      if (problem) {
        unroutable.set(order.id, `stall ${pickup.id.slice(order.id.length + 1)}: ${problem}`);
        break;
      }
    }
  }
  return unroutable;
}

/**
 * Sets the orders aside (on the dispatch chain, after the failed plan was applied): out of the market's core while
 * still pending, `dispatch_issue` on the order rows that still wait, one `order.unroutable` event each. Returns how
 * many were set aside now.
 */
export async function setAsideUnroutable(service: DispatchService, entry: MarketEntry, unroutable: ReadonlyMap<string, string>): Promise<number> {
  const ids = [...unroutable.keys()].filter((id) => entry.dispatcher.orders.get(id)?.status === 'pending');
  if (ids.length === 0) return 0;
  await service.app.tx(async (tx) => {
    for (const orderId of ids) {
      const reason = unroutable.get(orderId)!;
      const updated = await tx.q.query(`UPDATE orders SET dispatch_issue = $2 WHERE id = $1 AND status IN ('created', 'batched')`, [orderId, reason]);
      if (updated.rowCount > 0) await tx.events.append({ type: 'order.unroutable', marketId: entry.facts.id, orderId, payload: { order_id: orderId, reason } });
    }
  });
  for (const orderId of ids) {
    // A pending order is referenced by no offer or route in the core: dropping it leaves the rest consistent.
    entry.dispatcher.orders.delete(orderId);
    entry.unroutable.set(orderId, unroutable.get(orderId)!);
  }
  service.log.warn({ market: entry.facts.id, orders: Object.fromEntries(ids.map((id) => [id, unroutable.get(id)])) }, 'orders set aside: a point is off the road network');
  return ids.length;
}
