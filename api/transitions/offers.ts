// Offer transitions: accept (exactly one winner per order), decline, expire, withdraw, and creation for the dispatch loop.

import { courierMachine } from '../domain/courier-machine.js';
import { offerMachine } from '../domain/offer-machine.js';
import { orderMachine } from '../domain/order-machine.js';
import { ApiError, notFound } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import type { Stores } from '../store/stores.js';
import { assertActsForCourier } from './actor.js';
import {
  applyTransition, checkVersion, type CourierRow, COURIER_COLUMNS, lockMarkets, lockRows, type OfferRow, OFFER_COLUMNS,
  type OrderRow, ORDER_COLUMNS, pendingOffersTouching, routeOrderIds,
} from './common.js';
import { settleClosedOffers } from './offer-lapse.js';
import { extensionOf, mergeExtension, type SequencedStop } from './offer-extend.js';

export interface OfferOutcome {
  readonly offerId: string;
  /** 'accepted' or 'declined' as asked; 'expired' when the offer had run out (nothing else changed). */
  readonly status: 'accepted' | 'declined' | 'expired';
  readonly orderIds: string[];
}

async function readOffer(tx: Stores, p: Principal | null, offerId: string): Promise<OfferRow> {
  const found = await tx.q.query<OfferRow & { fleet_id: string }>(
    `SELECT o.id, o.status, o.version, o.route_id, o.courier_id, o.market_id, o.expires_at, c.fleet_id
       FROM offers o JOIN couriers c ON c.id = o.courier_id WHERE o.id = $1`,
    [offerId],
  );
  const offer = found.rows[0];
  if (offer === undefined) throw notFound('offer', offerId);
  if (p !== null) assertActsForCourier(p, offer.courier_id, offer.fleet_id, 'offer', offerId);
  return offer;
}

/** Closes `offers` (already locked, pending) with `event`, then lets their orders and couriers fall back. */
async function closeOffers(tx: Stores, offers: OfferRow[], event: 'decline' | 'expire' | 'withdraw', couriers: Map<string, CourierRow>, reason: string | null, now: Date): Promise<void> {
  for (const offer of offers) {
    const set = event === 'decline' ? 'responded_at = $3, decline_reason = $4' : undefined;
    await applyTransition(tx, {
      machine: offerMachine, table: 'offers', row: offer, event, set, params: set ? [now, reason] : undefined,
      subject: { marketId: offer.market_id, courierId: offer.courier_id, fleetId: couriers.get(offer.courier_id)?.fleet_id ?? null },
      payload: { route_id: offer.route_id, reason },
    });
  }
  await settleClosedOffers(tx, offers);
}

/**
 * Accepts an offer: the offer, every order of its route, the courier and the route move together; every other
 * pending offer covering those orders (or to that courier) is withdrawn. Two accepts covering one order: the
 * second finds its offer withdrawn or an order assigned and gets 409.
 */
export async function acceptOffer(tx: Stores, p: Principal, offerId: string, opts: { expectedVersion?: number; now: Date }): Promise<OfferOutcome> {
  const first = await readOffer(tx, p, offerId);
  await lockMarkets(tx.q, [first.market_id]);
  const orderIds = await routeOrderIds(tx.q, [first.route_id]);
  const others = (await pendingOffersTouching(tx.q, orderIds, [first.courier_id])).filter((o) => o.id !== offerId);
  await lockRows<OrderRow>(tx.q, 'orders', await routeOrderIds(tx.q, [first.route_id, ...others.map((o) => o.route_id)]), ORDER_COLUMNS);
  const orders = await lockRows<OrderRow>(tx.q, 'orders', orderIds, ORDER_COLUMNS);
  const offers = await lockRows<OfferRow>(tx.q, 'offers', [offerId, ...others.map((o) => o.id)], OFFER_COLUMNS);
  const couriers = await lockRows<CourierRow>(tx.q, 'couriers', [first.courier_id, ...others.map((o) => o.courier_id)], COURIER_COLUMNS);
  const offer = offers.get(offerId) as OfferRow;
  checkVersion('offer', offer, opts.expectedVersion);
  if (offer.status === 'pending' && new Date(offer.expires_at) <= opts.now) {
    await closeOffers(tx, [offer], 'expire', couriers, null, opts.now);
    return { offerId, status: 'expired', orderIds };
  }
  const courier = couriers.get(offer.courier_id) as CourierRow;
  const subject = { marketId: offer.market_id, courierId: courier.id, fleetId: courier.fleet_id };
  const extension = await extensionOf(tx, offerId);
  await applyTransition(tx, { machine: offerMachine, table: 'offers', row: offer, event: 'accept', set: 'responded_at = $3', params: [opts.now], subject, payload: { route_id: offer.route_id, order_ids: orderIds } });
  if (extension) return acceptExtension(tx, offer, courier, orders, others.map((o) => offers.get(o.id) as OfferRow), couriers, extension, opts.now);
  const assigned: string[] = [];
  for (const order of orders.values()) {
    if (order.status === 'cancelled') continue;
    await applyTransition(tx, {
      machine: orderMachine, table: 'orders', row: order, event: 'assign', set: 'courier_id = $3, route_id = $4', params: [courier.id, offer.route_id],
      subject: { ...subject, marketId: order.market_id, orderId: order.id }, payload: { courier_id: courier.id, route_id: offer.route_id, offer_id: offerId },
    });
    assigned.push(order.id);
  }
  await applyTransition(tx, { machine: courierMachine, table: 'couriers', row: courier, event: 'accept', subject, payload: { route_id: offer.route_id, offer_id: offerId } });
  const route = await tx.q.query(`UPDATE routes SET courier_id = $2, status = 'active', version = version + 1, updated_at = now() WHERE id = $1 AND courier_id IS NULL`, [offer.route_id, courier.id]);
  if (route.rowCount !== 1) throw new ApiError('version_conflict', `route ${offer.route_id} already has a courier`);
  const toWithdraw = others.map((o) => offers.get(o.id) as OfferRow).filter((o) => o.status === 'pending');
  await closeOffers(tx, toWithdraw, 'withdraw', couriers, 'taken_by_another_courier', opts.now);
  return { offerId, status: 'accepted', orderIds: assigned };
}

/** The accept of an extension: orders join the courier's active route, the stops merge in sequence, the courier stays on it. */
async function acceptExtension(
  tx: Stores, offer: OfferRow, courier: CourierRow, orders: Map<string, OrderRow>, others: OfferRow[], couriers: Map<string, CourierRow>,
  extension: { routeId: string; sequence: SequencedStop[] }, now: Date,
): Promise<OfferOutcome> {
  const subject = { marketId: offer.market_id, courierId: courier.id, fleetId: courier.fleet_id };
  const assigned: string[] = [];
  for (const order of orders.values()) {
    if (order.status === 'cancelled') continue;
    await applyTransition(tx, {
      machine: orderMachine, table: 'orders', row: order, event: 'assign', set: 'courier_id = $3, route_id = $4', params: [courier.id, extension.routeId],
      subject: { ...subject, marketId: order.market_id, orderId: order.id }, payload: { courier_id: courier.id, route_id: extension.routeId, offer_id: offer.id },
    });
    assigned.push(order.id);
  }
  const version = await mergeExtension(tx, offer.route_id, extension.routeId, courier.id, extension.sequence);
  await tx.q.query('UPDATE offers SET merged_order_ids = $2 WHERE id = $1', [offer.id, [...assigned].sort()]);
  await tx.events.append({ type: 'route.extended', ...subject, payload: { route_id: extension.routeId, merged_route_id: offer.route_id, offer_id: offer.id, order_ids: assigned, version } });
  await closeOffers(tx, others.filter((o) => o.status === 'pending'), 'withdraw', couriers, 'taken_by_another_courier', now);
  return { offerId: offer.id, status: 'accepted', orderIds: assigned };
}

/** Declines an offer; its orders and courier fall back when no other offer is pending for them. */
export async function declineOffer(tx: Stores, p: Principal, offerId: string, opts: { reason: string | null; expectedVersion?: number; now: Date }): Promise<OfferOutcome> {
  const first = await readOffer(tx, p, offerId);
  await lockMarkets(tx.q, [first.market_id]);
  const orderIds = await routeOrderIds(tx.q, [first.route_id]);
  await lockRows<OrderRow>(tx.q, 'orders', orderIds, ORDER_COLUMNS);
  const offer = (await lockRows<OfferRow>(tx.q, 'offers', [offerId], OFFER_COLUMNS)).get(offerId) as OfferRow;
  const couriers = await lockRows<CourierRow>(tx.q, 'couriers', [offer.courier_id], COURIER_COLUMNS);
  checkVersion('offer', offer, opts.expectedVersion);
  const expired = offer.status === 'pending' && new Date(offer.expires_at) <= opts.now;
  await closeOffers(tx, [offer], expired ? 'expire' : 'decline', couriers, opts.reason, opts.now);
  return { offerId, status: expired ? 'expired' : 'declined', orderIds };
}

/** Closes pending offers (expire or withdraw) chosen by the dispatch loop or by a courier going offline. */
export async function closePendingOffers(tx: Stores, offerIds: readonly string[], event: 'expire' | 'withdraw', reason: string | null, now: Date): Promise<OfferRow[]> {
  const read = await tx.q.query<OfferRow>(`SELECT ${OFFER_COLUMNS} FROM offers WHERE id = ANY($1::text[]) AND status = 'pending'`, [offerIds]);
  if (read.rows.length === 0) return [];
  await lockMarkets(tx.q, read.rows.map((o) => o.market_id));
  await lockRows<OrderRow>(tx.q, 'orders', await routeOrderIds(tx.q, read.rows.map((o) => o.route_id)), ORDER_COLUMNS);
  const offers = [...(await lockRows<OfferRow>(tx.q, 'offers', offerIds, OFFER_COLUMNS)).values()].filter((o) => o.status === 'pending');
  const couriers = await lockRows<CourierRow>(tx.q, 'couriers', offers.map((o) => o.courier_id), COURIER_COLUMNS);
  await closeOffers(tx, offers, event, couriers, reason, now);
  return offers;
}

/** Expires every pending offer whose deadline has passed (for the dispatch loop); returns them. */
export async function expireDueOffers(tx: Stores, now: Date, limit = 100): Promise<OfferRow[]> {
  const due = await tx.q.query<{ id: string }>(`SELECT id FROM offers WHERE status = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`, [now, limit]);
  return closePendingOffers(tx, due.rows.map((r) => r.id), 'expire', 'deadline_passed', now);
}
