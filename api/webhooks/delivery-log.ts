// The delivery log as fleets read it (newest event first, with attempts), manual re-queue, and re-enabling after a 410.

import type { Database, Queryable } from '../db/database.js';
import { isoOf } from '../store/geo-sql.js';

export interface DeliveryView {
  id: string; fleet_id: string; event_id: string; event_type: string; event_seq: number; url: string;
  status: 'pending' | 'succeeded' | 'dead' | 'disabled'; attempts: number; next_attempt_at: string | null;
  last_response_code: number | null; last_error: string | null; created_at: string; delivered_at: string | null;
  attempt_log: { attempt: number; attempted_at: string; response_code: number | null; error: string | null; duration_ms: number }[];
}

/** Deliveries of `fleetId` with event seq below `beforeSeq` (newest first), `limit + 1` rows for paging. */
export async function listDeliveries(q: Queryable, fleetId: string, filter: { beforeSeq?: number; limit: number; status?: string }): Promise<DeliveryView[]> {
  const params: unknown[] = [fleetId];
  const where = ['d.fleet_id = $1'];
  if (filter.beforeSeq !== undefined) where.push(`d.event_seq < $${params.push(filter.beforeSeq)}`);
  if (filter.status) where.push(`d.status = $${params.push(filter.status)}`);
  const deliveries = await q.query<Record<string, any>>(
    `SELECT d.* FROM webhook_deliveries d WHERE ${where.join(' AND ')} ORDER BY d.event_seq DESC LIMIT $${params.push(filter.limit + 1)}`,
    params,
  );
  const ids = deliveries.rows.map((d) => d.id);
  const attempts = ids.length === 0 ? { rows: [] as Record<string, any>[] } : await q.query<Record<string, any>>(
    'SELECT * FROM webhook_attempts WHERE delivery_id = ANY($1::text[]) ORDER BY delivery_id, attempt', [ids],
  );
  return deliveries.rows.map((d) => ({
    id: d.id, fleet_id: d.fleet_id, event_id: d.event_id, event_type: d.event_type, event_seq: Number(d.event_seq), url: d.url,
    status: d.status, attempts: Number(d.attempts), next_attempt_at: d.status === 'pending' ? isoOf(d.next_attempt_at) : null,
    last_response_code: d.last_response_code === null ? null : Number(d.last_response_code), last_error: d.last_error,
    created_at: isoOf(d.created_at)!, delivered_at: isoOf(d.delivered_at),
    attempt_log: attempts.rows.filter((a) => a.delivery_id === d.id).map((a) => ({
      attempt: Number(a.attempt), attempted_at: isoOf(a.attempted_at)!, response_code: a.response_code === null ? null : Number(a.response_code),
      error: a.error, duration_ms: Number(a.duration_ms),
    })),
  }));
}

/** Puts a dead or disabled delivery back in the queue, due now; false when it is not in such a state. */
export async function requeueDelivery(q: Queryable, fleetId: string, deliveryId: string): Promise<boolean> {
  const updated = await q.query(
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), leased_until = NULL, updated_at = now()
      WHERE id = $1 AND fleet_id = $2 AND status IN ('dead', 'disabled')`,
    [deliveryId, fleetId],
  );
  return updated.rowCount > 0;
}

/** Turns a fleet's endpoint back on (after a 410) and re-queues the deliveries that were stopped; returns how many. */
export async function enableFleetWebhook(db: Database, fleetId: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('UPDATE fleets SET webhook_enabled = true WHERE id = $1', [fleetId]);
    const requeued = await tx.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), leased_until = NULL, updated_at = now()
        WHERE fleet_id = $1 AND status = 'disabled'`,
      [fleetId],
    );
    return requeued.rowCount;
  });
}
