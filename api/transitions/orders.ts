// Order transitions from the operator's side: cancel (withdrawing offers that hold it) and exchange (a child order).

import { planExchange, type ExchangeRefusal } from '../domain/exchange.js';
import { orderMachine } from '../domain/order-machine.js';
import { stopMachine } from '../domain/stop-machine.js';
import { itemMachine } from '../domain/item-machine.js';
import { ApiError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { assertMarket, type Principal } from '../auth/principal.js';
import type { Stores } from '../store/stores.js';
import { assertActsForCourier } from './actor.js';
import { applyTransition, occurredAtPayload, checkVersion, type CourierRow, COURIER_COLUMNS, lockMarkets, lockRows, type OrderRow, ORDER_COLUMNS, pendingOffersTouching, step } from './common.js';
import { closePendingOffers } from './offers.js';
import { assertCollectable, codPolicyOf, recordCodOutcome } from './cod.js';
import { completeRouteIfDone } from './route-done.js';
import { lockStop } from './stop-read.js';

async function readOrder(tx: Stores, orderId: string): Promise<OrderRow> {
  const found = await tx.q.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [orderId]);
  if (found.rows[0] === undefined) throw notFound('order', orderId);
  return found.rows[0];
}

/** Cancels an order before picking: pending offers holding it are withdrawn, its open stops cancelled. */
export async function cancelOrder(tx: Stores, p: Principal, orderId: string, opts: { reason: string | null; expectedVersion?: number; now: Date }): Promise<OrderRow> {
  const first = await readOrder(tx, orderId);
  assertMarket(p, first.market_id, 'order', orderId);
  checkVersion('order', first, opts.expectedVersion);
  step(orderMachine, first, 'cancel');
  await lockMarkets(tx.q, [first.market_id]);
  await lockRows<OrderRow>(tx.q, 'orders', [orderId], ORDER_COLUMNS);
  const offers = await pendingOffersTouching(tx.q, [orderId], []);
  await closePendingOffers(tx, offers.map((o) => o.id), 'withdraw', 'order_cancelled', opts.now);
  const order = (await lockRows<OrderRow>(tx.q, 'orders', [orderId], ORDER_COLUMNS)).get(orderId) as OrderRow;
  const courier = order.courier_id ? (await lockRows<CourierRow>(tx.q, 'couriers', [order.courier_id], COURIER_COLUMNS)).get(order.courier_id) : undefined;
  await applyTransition(tx, {
    machine: orderMachine, table: 'orders', row: order, event: 'cancel', set: 'failure_reason = $3', params: [opts.reason],
    subject: { marketId: order.market_id, orderId, courierId: courier?.id ?? null, fleetId: courier?.fleet_id ?? null }, payload: { reason: opts.reason },
  });
  await tx.q.query(`UPDATE stops SET status = 'cancelled', version = version + 1 WHERE order_id = $1 AND status IN ('pending', 'arrived')`, [orderId]);
  if (order.route_id) await completeRouteIfDone(tx, order.route_id);
  return order;
}

interface ParentItemRow { id: string; stall_id: string; name: string; quantity: number; unit: string; unit_price_rp: number; weight_kg: number; outcome: string; substitute_price_rp: number | null; substitute_approval: string | null }

export interface ExchangeResult {
  readonly parent: OrderRow;
  readonly childOrderId: string;
}

/**
 * At the door the customer refuses some goods: the parent is exchanged (its delivery stop done, COD for the kept
 * goods recorded) and a child order carries the refused goods back to their stalls and a replacement to the customer.
 */
export async function exchangeOrder(tx: Stores, p: Principal, orderId: string, input: { refusals: readonly ExchangeRefusal[]; codCollectedRp: number; note: string | null }, opts: { expectedVersion?: number; now: Date; occurredAt?: Date }): Promise<ExchangeResult> {
  const first = await readOrder(tx, orderId);
  if (p.role === 'dispatcher' || p.role === 'planner') assertMarket(p, first.market_id, 'order', orderId);
  const stops = await tx.q.query<{ id: string }>(`SELECT id FROM stops WHERE order_id = $1 AND route_id = $2 AND kind = 'delivery'`, [orderId, first.route_id]);
  if (stops.rows[0] === undefined) {
    if (p.role === 'courier' || p.role === 'fleet') throw notFound('order', orderId);
    step(orderMachine, first, 'exchange'); // 409 with the current state when it is not out for delivery
    throw new ApiError('unprocessable', `order ${orderId} has no delivery stop`);
  }
  // Dispatchers act through the courier's stop like admins; couriers and fleets are scope-checked by lockStop.
  const actor: Principal = p.role === 'dispatcher' ? { ...p, role: 'admin' } : p;
  const s = await lockStop(tx, actor, stops.rows[0].id, undefined);
  checkVersion('order', s.order, opts.expectedVersion);
  step(orderMachine, s.order, 'exchange');
  step(stopMachine, s.stop, 'complete');
  const items = await tx.q.query<ParentItemRow>(
    `SELECT id, stall_id, name, quantity, unit, unit_price_rp, weight_kg, outcome, substitute_price_rp, substitute_approval FROM order_items WHERE order_id = $1 ORDER BY position FOR UPDATE`,
    [orderId],
  );
  const byId = new Map(items.rows.map((i) => [i.id, i]));
  const planned = planExchange(
    items.rows.map((i) => ({ id: i.id, stallId: i.stall_id, name: i.name, quantity: Number(i.quantity), unitPriceRp: Number(i.outcome === 'substituted' && i.substitute_approval !== 'awaiting' ? i.substitute_price_rp : i.unit_price_rp), weightKg: Number(i.weight_kg), state: i.outcome })),
    input.refusals,
  );
  if (!planned.ok) {
    throw new ApiError('unprocessable', 'some refused items cannot be exchanged', planned.problems.map((pr) => ({ path: pr.index < 0 ? '/body/items' : `/body/items/${pr.index}`, message: pr.message })));
  }
  const { plan } = planned;
  const at = opts.occurredAt ?? opts.now;
  // Due at the door: the order's amount less the goods refused (they go back on the child order).
  const owed = await tx.q.query<{ cod_total_rp: number }>('SELECT cod_total_rp FROM orders WHERE id = $1', [orderId]);
  const dueRp = Math.max(0, Number(owed.rows[0].cod_total_rp) - plan.refusedValueRp);
  assertCollectable(dueRp, input.codCollectedRp, await codPolicyOf(tx.q, s.marketId), '/body/cod_collected_rp');
  const subject = { marketId: s.marketId, fleetId: s.courier.fleet_id, courierId: s.courier.id };
  const childId = newId('ord');
  const weightKg = plan.items.reduce((sum, i) => sum + (i.weightKg * i.quantity) / Number(byId.get(i.parentItemId)!.quantity), 0);
  await tx.q.query(
    `INSERT INTO orders (id, market_id, customer_id, status, delivery_location, delivery_note, goods_total_rp, fee_rp, cod_total_rp, weight_kg, parent_order_id, courier_id, kind)
     SELECT $2, market_id, customer_id, 'created', delivery_location, delivery_note, $3, 0, $3, $4, id, $5, 'exchange' FROM orders WHERE id = $1`,
    [orderId, childId, plan.refusedValueRp, weightKg, s.courier.id],
  );
  for (const [position, item] of plan.items.entries()) {
    const parent = byId.get(item.parentItemId)!;
    await tx.q.query(
      `INSERT INTO order_items (id, order_id, stall_id, position, name, quantity, unit, unit_price_rp, weight_kg, parent_item_id, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [newId('itm'), childId, item.stallId, position, item.name, item.quantity, parent.unit, item.unitPriceRp, (item.weightKg * item.quantity) / Number(parent.quantity), item.parentItemId, item.reason],
    );
    await tx.q.query('UPDATE order_items SET outcome = $2, version = version + 1 WHERE id = $1', [item.parentItemId, step(itemMachine, { id: parent.id, status: parent.outcome }, 'refuse')]);
  }
  await applyTransition(tx, {
    machine: orderMachine, table: 'orders', row: s.order, event: 'exchange', set: 'cod_collected_rp = $3, delivered_at = $4', params: [input.codCollectedRp, at], occurredAt: at,
    subject: { ...subject, orderId }, payload: { child_order_id: childId, refused: plan.items.map((i) => ({ item_id: i.parentItemId, quantity: i.quantity, reason: i.reason })), refused_value_rp: plan.refusedValueRp, cod_collected_rp: input.codCollectedRp, note: input.note },
  });
  await applyTransition(tx, { machine: stopMachine, table: 'stops', row: s.stop, event: 'complete', set: 'completed_at = $3, cod_collected_rp = $4', params: [at, input.codCollectedRp], subject: { ...subject, orderId }, payload: { kind: 'delivery', exchanged: true }, occurredAt: at });
  await tx.events.append({
    type: 'order.created', ...subject, orderId: childId,
    payload: { order_id: childId, kind: 'exchange', parent_order_id: orderId, on_board_courier_id: s.courier.id, stops: plan.stops.map((st) => (st.kind === 'return' ? { kind: 'return', stall_id: st.stallId } : { kind: 'delivery' })), goods_total_rp: plan.refusedValueRp, ...occurredAtPayload(at) },
  });
  await recordCodOutcome(tx, { marketId: s.marketId, orderId, courierId: s.courier.id, fleetId: s.courier.fleet_id, dueRp, collectedRp: input.codCollectedRp, at });
  await completeRouteIfDone(tx, s.stop.route_id, at);
  return { parent: s.order, childOrderId: childId };
}
