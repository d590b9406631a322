// Housekeeping while the server listens: drops expired idempotency keys and old courier positions on a timer.
import type { FastifyInstance } from 'fastify';
import { globalPlugin } from './global-plugin.js';

export interface HousekeepingOptions extends Record<string, unknown> {
  /** How often to prune (ms). Default 10 minutes. */
  readonly intervalMs?: number;
  /** Courier position samples older than this are deleted (s). Default 24 h. */
  readonly positionRetentionS?: number;
  /** At most this many samples are kept per courier. Default 10,000. */
  readonly positionsPerCourier?: number;
}

/** One pruning pass; returns what it deleted. */
export async function prune(app: FastifyInstance, options: HousekeepingOptions = {}): Promise<{ idempotencyKeys: number; positions: number }> {
  const idempotencyKeys = await app.store.idempotency.prune();
  const positions = await app.store.couriers.prunePositions(options.positionRetentionS ?? 86_400, options.positionsPerCourier ?? 10_000);
  return { idempotencyKeys, positions };
}

export default globalPlugin<HousekeepingOptions>('jejaring-housekeeping', async (app: FastifyInstance, options) => {
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    prune(app, options).catch((error: unknown) => app.log.warn({ err: error }, 'housekeeping failed'));
  };
  // Only a listening server prunes: tests that build the app and inject requests never start the timer.
  app.addHook('onListen', async () => {
    timer = setInterval(run, options.intervalMs ?? 600_000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
});
