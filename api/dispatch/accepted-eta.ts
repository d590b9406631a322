// Keeps the hour an order's customer was told on acceptance (the core's told hour) in the store, so a dispatcher that
// starts again (a restart, a market taken over) keeps it in its plans (orders.accepted_eta).
import type { Queryable } from '../db/database.js';

/** Writes the told hour of an order its courier `courierId` now holds; returns whether it was written. */
export async function writeAcceptedEta(q: Queryable, orderId: string, courierId: string, toldEtaMs: number): Promise<boolean> {
  const result = await q.query(`UPDATE orders SET accepted_eta = $3 WHERE id = $1 AND courier_id = $2`, [orderId, courierId, new Date(toldEtaMs).toISOString()]);
  return (result.rowCount ?? 0) > 0;
}
