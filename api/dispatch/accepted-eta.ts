// Keeps the hour an order's courier was expected at the door when it accepted the order (the core's told hour) in the
// store: a dispatcher that starts again (a restart, a market taken over) keeps it in its plans (orders.accepted_eta),
// and it is the first hour the customer or the fleet that placed the order was told (orders.told_eta), which the ETA
// changes are measured from until a WhatsApp update names another.
import type { Queryable } from '../db/database.js';

/** Writes the told hour of an order its courier `courierId` now holds; returns whether it was written. */
export async function writeAcceptedEta(q: Queryable, orderId: string, courierId: string, toldEtaMs: number): Promise<boolean> {
  const result = await q.query(
    // A new acceptance (the order moved to another courier) starts the ETA changes afresh from its hour.
    `UPDATE orders SET accepted_eta = $3, told_eta = $3, eta_notice_at = NULL WHERE id = $1 AND courier_id = $2`,
    [orderId, courierId, new Date(toldEtaMs).toISOString()],
  );
  return (result.rowCount ?? 0) > 0;
}
