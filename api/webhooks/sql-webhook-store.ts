// WebhookStore over the shared schema: outbox events (with a fleet_id) → webhook_deliveries, leased claims, attempt log.

import type { Database } from '../db/database.js';
import type { AttemptOutcome, DueDelivery, WebhookStore } from './webhook-types.js';

/** The outbox read position (0 when the row is missing, e.g. after a truncation). */
const CURSOR = `COALESCE((SELECT last_seq FROM webhook_outbox_cursor WHERE name = 'fleets'), 0)`;

/** Event types that reach fleets, by prefix. */
export const WEBHOOK_EVENT_PREFIXES = ['offer.', 'order.'] as const;

export interface SqlWebhookStoreOptions {
  /**
   * Events younger than this are re-scanned on every round: a bigserial value can commit after larger ones, so the
   * cursor only moves past events older than the margin (longer transactions would be missed).
   */
  readonly safetyMarginS?: number;
}

interface CandidateRow {
  seq: string | number;
  id: string;
  type: string;
  fleet_id: string;
  url: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** The delivery of event `evt_X` is `whd_X`: an event addresses at most one fleet. */
export function deliveryIdOf(eventId: string): string {
  return `whd_${eventId.slice(eventId.indexOf('_') + 1)}`;
}

/** The JSON body fleets receive (Standard Webhooks shape: type, timestamp, data). */
export function webhookBody(event: { id: string; type: string; createdAt: Date; payload: Record<string, unknown> }): string {
  return JSON.stringify({ id: event.id, type: event.type, timestamp: event.createdAt.toISOString(), data: event.payload });
}

export class SqlWebhookStore implements WebhookStore {
  private readonly safetyMarginS: number;

  constructor(
    private readonly db: Database,
    options: SqlWebhookStoreOptions = {},
  ) {
    this.safetyMarginS = options.safetyMarginS ?? 10;
  }

  async enqueueFromOutbox(now: Date, limit: number): Promise<number> {
    const typeFilter = WEBHOOK_EVENT_PREFIXES.map((p) => `e.type LIKE '${p}%'`).join(' OR ');
    const candidates = await this.db.query<CandidateRow>(
      `SELECT e.seq, e.id, e.type, e.fleet_id, f.webhook_url AS url, e.payload, e.created_at
         FROM events e JOIN fleets f ON f.id = e.fleet_id
        WHERE e.fleet_id IS NOT NULL AND e.seq > ${CURSOR}
          AND (${typeFilter}) AND f.webhook_enabled AND f.webhook_url IS NOT NULL AND f.webhook_secret IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)
        ORDER BY e.seq LIMIT $1`,
      [limit],
    );
    const rows = candidates.rows;
    let created = 0;
    if (rows.length > 0) {
      const inserted = await this.db.query(
        `INSERT INTO webhook_deliveries (id, fleet_id, event_seq, event_id, event_type, url, body, next_attempt_at, created_at)
         SELECT * , $8::timestamptz, $8::timestamptz FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
         ON CONFLICT DO NOTHING`,
        [
          rows.map((r) => deliveryIdOf(r.id)),
          rows.map((r) => r.fleet_id),
          rows.map((r) => String(r.seq)),
          rows.map((r) => r.id),
          rows.map((r) => r.type),
          rows.map((r) => r.url),
          rows.map((r) => webhookBody({ id: r.id, type: r.type, createdAt: new Date(r.created_at), payload: r.payload })),
          now,
        ],
      );
      created = inserted.rowCount;
    }
    // Move the cursor past old events only, and never past a candidate left out by the limit.
    const bound = rows.length === limit ? String(rows[rows.length - 1].seq) : null;
    await this.db.query(
      `INSERT INTO webhook_outbox_cursor (name, last_seq)
       SELECT 'fleets', LEAST(COALESCE($2::bigint, x.old_seq), x.old_seq)
         FROM (SELECT max(seq) AS old_seq FROM events WHERE seq > ${CURSOR} AND created_at < $1::timestamptz) x
        WHERE x.old_seq IS NOT NULL
       ON CONFLICT (name) DO UPDATE SET last_seq = GREATEST(webhook_outbox_cursor.last_seq, EXCLUDED.last_seq)`,
      [new Date(now.getTime() - this.safetyMarginS * 1000), bound],
    );
    return created;
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DueDelivery[]> {
    const result = await this.db.query<{ id: string; fleet_id: string; url: string; secret: string; event_id: string; body: string; attempts: number }>(
      `UPDATE webhook_deliveries d SET leased_until = $2, url = f.webhook_url, updated_at = $1
         FROM fleets f
        WHERE f.id = d.fleet_id AND f.webhook_enabled AND f.webhook_url IS NOT NULL AND f.webhook_secret IS NOT NULL
          AND d.id IN (SELECT id FROM webhook_deliveries
                        WHERE status = 'pending' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
                        ORDER BY next_attempt_at, event_seq LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.fleet_id, d.url, f.webhook_secret AS secret, d.event_id, d.body, d.attempts`,
      [now, leaseUntil, limit],
    );
    return result.rows.map((r) => ({
      id: r.id,
      fleetId: r.fleet_id,
      url: r.url,
      secret: r.secret,
      messageId: r.event_id,
      body: r.body,
      attempts: Number(r.attempts),
    }));
  }

  async recordAttempt(o: AttemptOutcome): Promise<void> {
    const status = o.status === 'retrying' ? 'pending' : o.status;
    await this.db.transaction(async (tx) => {
      const updated = await tx.query<{ attempts: number }>(
        `UPDATE webhook_deliveries
            SET attempts = attempts + 1, status = $2, next_attempt_at = $3, leased_until = NULL, last_response_code = $4,
                last_error = $5, updated_at = $6, delivered_at = CASE WHEN $2 = 'succeeded' THEN $6::timestamptz ELSE delivered_at END
          WHERE id = $1 RETURNING attempts`,
        [o.deliveryId, status, o.nextAttemptAt, o.responseCode, o.error, o.attemptedAt],
      );
      if (updated.rows.length === 0) return;
      await tx.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, response_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
        [o.deliveryId, Number(updated.rows[0].attempts), o.attemptedAt, o.responseCode, o.error, o.durationMs],
      );
      if (o.status !== 'disabled') return;
      // 410 Gone: the fleet turned the endpoint off; stop everything queued for it until it is re-enabled.
      await tx.query('UPDATE fleets SET webhook_enabled = false WHERE id = $1', [o.fleetId]);
      await tx.query(`UPDATE webhook_deliveries SET status = 'disabled', updated_at = $2 WHERE fleet_id = $1 AND status = 'pending'`, [
        o.fleetId,
        o.attemptedAt,
      ]);
    });
  }
}
