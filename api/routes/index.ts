// Every route plugin of the API. Resource routes live under /v1; add a new resource folder here (one line each).
import type { FastifyInstance } from 'fastify';
import courierRoutes from './couriers/index.js';
import catalogueRoutes from './catalogue/index.js';
import customerRoutes from './customers/index.js';
import draftRoutes from './drafts/index.js';
import eventRoutes from './events/index.js';
import fleetRoutes from './fleets/index.js';
import healthRoutes from './health.js';
import marketRoutes from './markets/index.js';
import offerRoutes from './offers/index.js';
import orderRoutes from './orders/index.js';
import packageRoutes from './packages/index.js';
import planRoutes from './plans/index.js';
import scenarioRoutes from './scenarios/index.js';
import stallRoutes from './stalls/index.js';
import tokenRoutes from './tokens/index.js';
import transitionRoutes from './transitions/index.js';
import webhookRoutes from './webhooks/index.js';
import whatsappRoutes from './whatsapp/index.js';
import whatsappWebhookRoutes from './whatsapp/webhook.js';

export default async function routes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(whatsappWebhookRoutes);
  for (const plugin of [marketRoutes, stallRoutes, customerRoutes, orderRoutes, fleetRoutes, courierRoutes, planRoutes, eventRoutes, tokenRoutes, transitionRoutes, offerRoutes, webhookRoutes, scenarioRoutes, catalogueRoutes, whatsappRoutes, draftRoutes, packageRoutes]) {
    await app.register(plugin, { prefix: '/v1' });
  }
}
