// Offer creation for the dispatch loop: a planned route goes to one idle courier; its orders become `offered`.

import { courierMachine } from '../domain/courier-machine.js';
import { orderMachine } from '../domain/order-machine.js';
import { ApiError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Stores } from '../store/stores.js';
import { applyTransition, type CourierRow, COURIER_COLUMNS, lockMarkets, lockRows, type OrderRow, ORDER_COLUMNS, routeOrderIds, step } from './common.js';
import { routeToExtend, type SequencedStop } from './offer-extend.js';

export interface CreateOfferInput {
  readonly routeId: string;
  readonly courierId: string;
  readonly expiresAt: Date;
  /** Shown to the courier and sent in the webhook (fee, distance, stop count…). */
  readonly summary?: Record<string, unknown>;
  /** The courier's whole proposed route in order: for a courier on a route, where the offered stops merge in. */
  readonly stopSequence?: readonly SequencedStop[];
}

/**
 * Creates a pending offer of `routeId` to `courierId`: orders batched → offered (already offered ones stay),
 * courier idle → offered. A courier on a route gets an extension of its active route and stays on it. 409 when the
 * route already has a courier, an order has moved on or the courier is busy (offered, paused, or with an open offer).
 */
export async function createOffer(tx: Stores, input: CreateOfferInput): Promise<{ offerId: string; orderIds: string[] }> {
  const routes = await tx.q.query<{ id: string; market_id: string; courier_id: string | null }>('SELECT id, market_id, courier_id FROM routes WHERE id = $1', [input.routeId]);
  const route = routes.rows[0];
  if (route === undefined) throw notFound('route', input.routeId);
  await lockMarkets(tx.q, [route.market_id]);
  const orderIds = await routeOrderIds(tx.q, [route.id]);
  if (orderIds.length === 0) throw new ApiError('unprocessable', `route ${route.id} has no orders`);
  const orders = await lockRows<OrderRow>(tx.q, 'orders', orderIds, ORDER_COLUMNS);
  const courier = (await lockRows<CourierRow>(tx.q, 'couriers', [input.courierId], COURIER_COLUMNS)).get(input.courierId);
  if (courier === undefined) throw notFound('courier', input.courierId);
  const locked = await lockRows<{ id: string; courier_id: string | null }>(tx.q, 'routes', [route.id], 'id, courier_id');
  if (locked.get(route.id)?.courier_id) throw new ApiError('version_conflict', `route ${route.id} already has a courier`);
  for (const order of orders.values()) step(orderMachine, order, 'offer');
  const extendsRouteId = courier.status === 'on_route' ? await routeToExtend(tx, courier.id) : null;
  const offerId = newId('ofr');
  await tx.q.query('INSERT INTO offers (id, route_id, courier_id, market_id, expires_at, extends_route_id, stop_sequence) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    offerId, route.id, courier.id, route.market_id, input.expiresAt, extendsRouteId, input.stopSequence ? JSON.stringify(input.stopSequence) : null,
  ]);
  const subject = { marketId: route.market_id, courierId: courier.id, fleetId: courier.fleet_id };
  if (extendsRouteId === null) await applyTransition(tx, { machine: courierMachine, table: 'couriers', row: courier, event: 'offer', subject, payload: { offer_id: offerId } });
  for (const order of orders.values()) {
    if (order.status === 'offered') continue;
    await applyTransition(tx, { machine: orderMachine, table: 'orders', row: order, event: 'offer', subject: { marketId: order.market_id, orderId: order.id }, payload: { offer_id: offerId } });
  }
  await tx.events.append({
    type: 'offer.created',
    ...subject,
    payload: {
      offer_id: offerId, route_id: route.id, courier_id: courier.id, order_ids: orderIds, expires_at: input.expiresAt.toISOString(),
      ...(extendsRouteId !== null ? { extends_route_id: extendsRouteId } : {}), ...input.summary,
    },
  });
  return { offerId, orderIds };
}
