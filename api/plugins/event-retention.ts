// Event-log retention while the server listens: `courier.moved` rows (one per position report, the bulk of the log)
// older than the retention period are deleted in bounded batches, never above the webhook outbox cursor (so no
// fleet misses a delivery). Business events (orders, offers, stops) are kept: they are the audit trail.
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db/database.js';
import { globalPlugin } from './global-plugin.js';

export interface EventRetentionOptions extends Record<string, unknown> {
  /** `courier.moved` events older than this are pruned (s, default 6 h). */
  readonly movedRetentionS?: number;
  /** How often to prune (ms, default 5 minutes). */
  readonly intervalMs?: number;
  /** Rows deleted per statement (default 10,000), so a pass never holds long locks. */
  readonly batchRows?: number;
}

/** One pruning pass; returns how many events it deleted. */
export async function pruneEvents(db: Queryable, options: EventRetentionOptions = {}): Promise<number> {
  const batch = options.batchRows ?? 10_000;
  let total = 0;
  for (;;) {
    const deleted = await db.query(
      `DELETE FROM events WHERE seq IN (
         SELECT seq FROM events
          WHERE type = 'courier.moved' AND created_at < now() - make_interval(secs => $1)
            AND seq <= coalesce((SELECT min(last_seq) FROM webhook_outbox_cursor), 0)
          ORDER BY seq LIMIT $2)`,
      [options.movedRetentionS ?? 21_600, batch],
    );
    total += deleted.rowCount;
    if (deleted.rowCount < batch) return total;
  }
}

export default globalPlugin<EventRetentionOptions>('jejaring-event-retention', async (app: FastifyInstance, options) => {
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    pruneEvents(app.db, options).catch((error: unknown) => app.log.warn({ err: error }, 'event pruning failed'));
  };
  app.addHook('onListen', async () => {
    timer = setInterval(run, options.intervalMs ?? 300_000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
});
