// The WhatsApp side of the app (`app.whatsapp`): the reply loop inside a listening server (wakes on committed order
// events and drafts confirmed, polls for retries, stops on close; tests call `app.whatsapp.replies.runOnce()`), the
// per-market parsers, the channel cache and the batched draft intake of the webhook.
import type { FastifyInstance } from 'fastify';
import { globalPlugin } from '../plugins/global-plugin.js';
import { ChannelCache } from './channel-cache.js';
import { DraftIntake } from './draft-intake.js';
import { MarketParsers } from './market-parsers.js';
import { WhatsAppReplies } from './replies.js';
import { STATUS_EVENTS } from './reply-texts.js';

declare module 'fastify' {
  interface FastifyInstance {
    whatsapp: { readonly replies: WhatsAppReplies; readonly parsers: MarketParsers; readonly channels: ChannelCache; readonly intake: DraftIntake };
  }
}

export default globalPlugin('jejaring-whatsapp', async (app: FastifyInstance) => {
  const replies = new WhatsAppReplies({
    db: app.db,
    defaultBaseUrl: process.env.JEJARING_WHATSAPP_API_BASE,
    onError: (error) => app.log.warn({ err: error }, 'WhatsApp reply round failed'),
    onEvents: (events) => app.events.publish(events),
  });
  const parsers = new MarketParsers(app.db);
  const channels = new ChannelCache(app.db);
  const intake = new DraftIntake(app.db, { onEvents: (events) => app.events.publish(events) });
  app.decorate('whatsapp', { replies, parsers, channels, intake });
  let listening = false;
  const unsubscribe = app.events.subscribe((events) => {
    for (const e of events) if (e.type === 'catalogue.updated' && e.marketId) parsers.forget(e.marketId);
    if (listening && events.some((e) => (STATUS_EVENTS as readonly string[]).includes(e.type) || e.type === 'draft.confirmed')) replies.wake();
  });
  if (process.env.JEJARING_WHATSAPP !== 'off') {
    app.addHook('onListen', async () => {
      listening = true;
      replies.start();
    });
  }
  app.addHook('onClose', async () => {
    unsubscribe();
    await replies.stop();
  });
});
