// Dispatcher overrides in the store, each in the caller's transaction: force-assign (a route offered and accepted on
// the courier's behalf) and unassign (offers withdrawn or the order released, its open stops cancelled).
import type { DispatchOrder } from '../../engine/index.js';
import { orderMachine } from '../domain/order-machine.js';
import { stopMachine } from '../domain/stop-machine.js';
import { ApiError } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import type { Stores } from '../store/stores.js';
import { applyTransition, lockMarkets, lockRows, type OrderRow, ORDER_COLUMNS, pendingOffersTouching } from '../transitions/common.js';
import { completeRouteIfDone } from '../transitions/route-done.js';
import { acceptOffer, closePendingOffers } from '../transitions/offers.js';
import { writeOffer } from './dispatch-writer.js';

/** The loop's own principal for transitions it drives on someone's behalf. */
export const DISPATCH_PRINCIPAL: Principal = { role: 'admin', subjectId: 'system:dispatch', marketIds: [], fleetId: null, courierId: null, credentialId: 'system:dispatch' };

/** Withdraws the pending offers of the order (and to `courierIds`); returns the order row (locked). */
async function freeOrder(tx: Stores, marketId: string, orderId: string, reason: string, now: Date, courierIds: string[] = []): Promise<OrderRow> {
  await lockMarkets(tx.q, [marketId]);
  const offers = await pendingOffersTouching(tx.q, [orderId], courierIds);
  if (offers.length > 0) await closePendingOffers(tx, offers.map((o) => o.id), 'withdraw', reason, now);
  return (await lockRows<OrderRow>(tx.q, 'orders', [orderId], ORDER_COLUMNS)).get(orderId)!;
}

/** Offers a one-order route to `courierId` and accepts it for them; 409 when the courier or the order cannot take it. */
export async function forceAssignInStore(tx: Stores, marketId: string, order: DispatchOrder, courierId: string, feeRp: number, now: Date): Promise<string> {
  const row = await freeOrder(tx, marketId, order.id, 'force_assigned', now, [courierId]);
  if (row.status !== 'created' && row.status !== 'batched') {
    throw new ApiError('illegal_transition', `order ${order.id} is ${row.status}; unassign it first`, undefined, { entity: 'order', entity_id: order.id, current_state: row.status });
  }
  const stops = [...order.pickups.map((p) => ({ stopId: p.id, orderId: order.id, kind: 'pickup' as const, lon: p.lon, lat: p.lat, etaMs: now.getTime() })),
    { stopId: order.delivery.id, orderId: order.id, kind: 'delivery' as const, lon: order.delivery.lon, lat: order.delivery.lat, etaMs: now.getTime() }];
  const offerId = await writeOffer(tx, {
    type: 'offer.created', marketId, atMs: now.getTime(), offerId: 'forced', courierId, orderIds: [order.id], stops, expiresAtMs: now.getTime() + 60_000, feesRp: { [order.id]: feeRp },
  }, null, 60_000);
  await acceptOffer(tx, DISPATCH_PRINCIPAL, offerId, { now });
  return offerId;
}

/**
 * Takes the order back into the pool: pending offers withdrawn, or an accepted order released before picking (the
 * courier's open stops of it cancelled, with `reason`). Returns false when it was not accepted (or already picking).
 */
export async function unassignInStore(tx: Stores, marketId: string, orderId: string, now: Date, reason = 'unassigned'): Promise<boolean> {
  const row = await freeOrder(tx, marketId, orderId, reason, now);
  if (row.status !== 'assigned') return false;
  const subject = { marketId, orderId, courierId: row.courier_id };
  await applyTransition(tx, { machine: orderMachine, table: 'orders', row, event: 'release', set: 'courier_id = NULL, route_id = NULL', subject, payload: { reason } });
  const stops = await tx.q.query<{ id: string; status: string; version: number; route_id: string }>(
    `SELECT id, status, version, route_id FROM stops WHERE order_id = $1 AND status IN ('pending', 'arrived') ORDER BY id FOR UPDATE`, [orderId],
  );
  for (const stop of stops.rows) await applyTransition(tx, { machine: stopMachine, table: 'stops', row: stop, event: 'cancel', subject, payload: { reason } });
  for (const routeId of new Set(stops.rows.map((s) => s.route_id))) await completeRouteIfDone(tx, routeId);
  return true;
}
