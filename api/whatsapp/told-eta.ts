// The hour a WhatsApp reply tells, kept as the order's told_eta. A new hour for an order its courier holds is also
// recorded as `order.eta_told`, which the dispatch loop hands its market's core (`toldEtaChanged`): later plans keep
// the hour the customer was last told, not the one told at acceptance.
import type { Queryable } from '../db/database.js';
import type { OrderEtaToldPayload } from '../schemas/events.js';
import type { EventsStore } from '../store/events-store.js';
import { COURIER_HELD_STATES, type OrderState } from '../domain/order-machine.js';

/** Writes `tellsIso` as the told hour of `orderId`; returns whether an `order.eta_told` was recorded. */
export async function writeToldEta(q: Queryable, events: EventsStore, orderId: string, tellsIso: string): Promise<boolean> {
  const changed = await q.query<{ market_id: string; status: OrderState }>(
    `UPDATE orders SET told_eta = $2 WHERE id = $1 AND told_eta IS DISTINCT FROM $2::timestamptz RETURNING market_id, status`,
    [orderId, tellsIso],
  );
  const row = changed.rows[0];
  if (!row || !COURIER_HELD_STATES.includes(row.status)) return false;
  const payload: OrderEtaToldPayload = { order_id: orderId, told_eta: new Date(tellsIso).toISOString() };
  await events.append({ type: 'order.eta_told', marketId: row.market_id, orderId, payload });
  return true;
}
