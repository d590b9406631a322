// Runs the WebhookDispatcher inside a listening server: starts on listen, wakes on committed fleet events, stops on close.
import type { FastifyInstance } from 'fastify';
import { globalPlugin } from '../plugins/global-plugin.js';
import { SqlWebhookStore } from './sql-webhook-store.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { webhookAllowFromEnv, WebhookUrlPolicy } from './url-policy.js';

export interface WebhookPluginOptions extends Record<string, unknown> {
  /** JEJARING_WEBHOOKS=off switches the loop off (e.g. when another process delivers). */
  readonly enabled?: boolean;
  readonly pollIntervalMs?: number;
  /** Private addresses or subnets webhooks may reach (on-premise receivers); JEJARING_WEBHOOK_ALLOW. */
  readonly allow?: readonly string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The webhook delivery loop (running only while the server listens). */
    webhooks: WebhookDispatcher;
    /** The SSRF policy for fleets' webhook URLs (checked when a fleet is created and before every delivery). */
    webhookUrlPolicy: WebhookUrlPolicy;
  }
}

export default globalPlugin<WebhookPluginOptions>('jejaring-webhooks', async (app: FastifyInstance, options) => {
  const urlPolicy = new WebhookUrlPolicy({ allow: options.allow ?? webhookAllowFromEnv() });
  app.decorate('webhookUrlPolicy', urlPolicy);
  const dispatcher = new WebhookDispatcher({
    store: new SqlWebhookStore(app.db),
    urlPolicy,
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    onError: (error) => app.log.warn({ err: error }, 'webhook delivery round failed'),
  });
  app.decorate('webhooks', dispatcher);
  const enabled = options.enabled ?? process.env.JEJARING_WEBHOOKS !== 'off';
  if (!enabled) return;
  // In-process tests use inject and never listen: the loop only runs in a real server.
  app.addHook('onListen', async () => {
    dispatcher.start();
  });
  const unsubscribe = app.events.subscribe((events) => {
    if (events.some((e) => e.fleetId !== null)) dispatcher.wake();
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    await dispatcher.stop();
  });
});
