// After offers leave `pending` unaccepted: orders and couriers left with no pending offer fall back (offer_lapsed).

import { courierMachine } from '../domain/courier-machine.js';
import { orderMachine } from '../domain/order-machine.js';
import type { Stores } from '../store/stores.js';
import { applyTransition, type CourierRow, COURIER_COLUMNS, type OfferRow, type OrderRow, ORDER_COLUMNS, lockRows, routeOrderIds } from './common.js';

/**
 * For offers the caller has just closed (declined, expired, withdrawn): every `offered` order of their routes with
 * no other pending offer goes back to `batched`, every `offered` courier with no other pending offer to `idle`.
 * The caller holds the market locks and, when it also locks other rows, has locked these orders and couriers first.
 */
export async function settleClosedOffers(tx: Stores, closed: readonly OfferRow[]): Promise<void> {
  if (closed.length === 0) return;
  const orderIds = await routeOrderIds(tx.q, closed.map((o) => o.route_id));
  const stillCovered = await tx.q.query<{ order_id: string }>(
    `SELECT DISTINCT s.order_id FROM stops s JOIN offers o ON o.route_id = s.route_id
      WHERE o.status = 'pending' AND s.order_id = ANY($1::text[])`,
    [orderIds],
  );
  const covered = new Set(stillCovered.rows.map((r) => r.order_id));
  const orders = await lockRows<OrderRow>(tx.q, 'orders', orderIds.filter((id) => !covered.has(id)), ORDER_COLUMNS);
  const courierIds = closed.map((o) => o.courier_id);
  const busy = await tx.q.query<{ courier_id: string }>(
    `SELECT DISTINCT courier_id FROM offers WHERE status = 'pending' AND courier_id = ANY($1::text[])`,
    [courierIds],
  );
  const stillOffered = new Set(busy.rows.map((r) => r.courier_id));
  const couriers = await lockRows<CourierRow>(tx.q, 'couriers', courierIds.filter((id) => !stillOffered.has(id)), COURIER_COLUMNS);
  for (const order of orders.values()) {
    if (order.status !== 'offered') continue;
    await applyTransition(tx, { machine: orderMachine, table: 'orders', row: order, event: 'offer_lapsed', subject: { marketId: order.market_id, orderId: order.id } });
  }
  for (const courier of couriers.values()) {
    if (courier.status !== 'offered') continue;
    await applyTransition(tx, { machine: courierMachine, table: 'couriers', row: courier, event: 'offer_lapsed', subject: { fleetId: courier.fleet_id, courierId: courier.id } });
  }
}
