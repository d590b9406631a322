// /v1/markets/:id/whatsapp: admins connect a market's WhatsApp Cloud API phone number (its webhook is
// /whatsapp/webhook, api/routes/whatsapp/webhook.ts); the market's dispatchers see which number is connected.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { assertMarket } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema } from '../../schemas/common.js';
import { WhatsAppChannelInputSchema, WhatsAppChannelSchema } from '../../schemas/whatsapp.js';
import { WhatsAppChannelsStore, type WhatsAppChannel } from '../../store/whatsapp-channels-store.js';

function channelView(c: WhatsAppChannel) {
  return { market_id: c.marketId, phone_number_id: c.phoneNumberId, api_base_url: c.apiBaseUrl, updated_at: c.updatedAt };
}

export default async function whatsappRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['whatsapp'];
  app.put('/markets/:id/whatsapp', {
    schema: { tags, summary: "Connect a market's WhatsApp Cloud API phone number (secrets are stored, never shown)", params: IdParamsSchema('mkt'), body: WhatsAppChannelInputSchema, response: { 200: WhatsAppChannelSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin'] },
  }, async (request) => {
    if (!(await app.store.markets.get(request.params.id))) throw notFound('market', request.params.id);
    const channel = await new WhatsAppChannelsStore(app.db).put(request.params.id, request.body);
    if (!channel) throw new ApiError('already_exists', `phone number id ${request.body.phone_number_id} belongs to another market`, [{ path: '/body/phone_number_id', message: 'is used by another market' }]);
    app.whatsapp.channels.clear();
    return channelView(channel);
  });

  app.get('/markets/:id/whatsapp', {
    schema: { tags, summary: "A market's WhatsApp channel", params: IdParamsSchema('mkt'), response: { 200: WhatsAppChannelSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher'] },
  }, async (request) => {
    assertMarket(principalOf(request), request.params.id);
    const channel = await new WhatsAppChannelsStore(app.db).byMarket(request.params.id);
    if (!channel) throw notFound('WhatsApp channel of market', request.params.id);
    return channelView(channel);
  });

}
