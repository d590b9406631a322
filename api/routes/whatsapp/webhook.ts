// The WhatsApp Business Cloud API webhook (outside /v1: Meta calls it, not API clients): GET answers the
// verification challenge (hub.mode, hub.verify_token, hub.challenge); POST takes notifications signed with
// X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret). Every text, location, contact or other
// message joins its customer's draft order, once per message id, so Meta's retries change nothing: a notification's
// messages are parsed here and written in one statement (with those of notifications arriving at the same time).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError } from '../../errors.js';
import { ERROR_RESPONSES } from '../../schemas/common.js';
import { NotificationSchema, VerificationQuerySchema } from '../../schemas/whatsapp.js';
import type { DraftAddition } from '../../store/drafts-store.js';
import { WhatsAppChannelsStore, type WhatsAppChannel } from '../../store/whatsapp-channels-store.js';
import { draftAddition } from '../../whatsapp/inbound-message.js';
import { signatureMatches } from '../../whatsapp/signature.js';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

export default async function whatsappWebhookRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['whatsapp'];
  // The signature covers the exact bytes received: keep them beside the parsed JSON (this plugin's routes only).
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    rawBodies.set(request, raw);
    try {
      done(null, raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8')));
    } catch {
      done(new ApiError('validation_failed', 'the body is not valid JSON', [{ path: '/body', message: 'is not JSON' }]), undefined);
    }
  });

  app.get('/whatsapp/webhook', {
    schema: { tags, summary: 'Webhook verification: answers hub.challenge when hub.verify_token is a channel\'s', querystring: VerificationQuerySchema, response: { 200: Type.String(), ...ERROR_RESPONSES } },
    config: { public: true },
  }, async (request, reply) => {
    const q = request.query;
    if (q['hub.mode'] !== 'subscribe' || !q['hub.verify_token'] || q['hub.challenge'] === undefined) throw new ApiError('validation_failed', 'expects hub.mode=subscribe, hub.verify_token and hub.challenge');
    if (!(await new WhatsAppChannelsStore(app.db).verifyTokenExists(q['hub.verify_token']))) throw new ApiError('forbidden', 'hub.verify_token is not a channel\'s verify token');
    return reply.type('text/plain').send(q['hub.challenge']);
  });

  app.post('/whatsapp/webhook', {
    schema: {
      tags, summary: 'Cloud API notifications (X-Hub-Signature-256): each message joins its customer\'s draft order, once per message id',
      body: NotificationSchema, response: { 200: Type.Object({ received: Type.Integer(), duplicates: Type.Integer() }), ...ERROR_RESPONSES },
    },
    config: { public: true },
  }, async (request) => {
    const raw = rawBodies.get(request) ?? Buffer.alloc(0);
    const header = typeof request.headers['x-hub-signature-256'] === 'string' ? request.headers['x-hub-signature-256'] : undefined;
    const ids = [...new Set(request.body.entry.flatMap((e) => e.changes.map((c) => c.value.metadata.phone_number_id)))];
    const signedBy = (list: readonly WhatsAppChannel[]) => list.filter((c) => signatureMatches(header, raw, c.appSecret));
    const known = await app.whatsapp.channels.byPhoneNumberIds(ids);
    let channels = signedBy(known);
    if (channels.length === 0 && known.length > 0) channels = signedBy(await app.whatsapp.channels.byPhoneNumberIds(ids, true));
    if (channels.length === 0) throw new ApiError('invalid_signature');
    const byPhoneNumberId = new Map(channels.map((c) => [c.phoneNumberId, c]));
    const additions: DraftAddition[] = [];
    for (const entry of request.body.entry) {
      for (const change of entry.changes) {
        const channel = byPhoneNumberId.get(change.value.metadata.phone_number_id);
        if (!channel || !change.value.messages?.length) continue;
        const profiles = new Map((change.value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name ?? null]));
        const parser = await app.whatsapp.parsers.forMarket(channel.marketId);
        for (const message of change.value.messages) additions.push(draftAddition(channel.marketId, message, profiles.get(message.from) ?? null, parser));
      }
    }
    const { received, duplicates } = await app.whatsapp.intake.add(additions);
    return { received, duplicates };
  });
}
