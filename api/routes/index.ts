// Every route plugin of the API. Resource routes live under /v1; add a new resource folder here (one line each).
import type { FastifyInstance } from 'fastify';
import healthRoutes from './health.js';
import marketRoutes from './markets/index.js';
import offerRoutes from './offers/index.js';
import transitionRoutes from './transitions/index.js';
import webhookRoutes from './webhooks/index.js';

export default async function routes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(marketRoutes, { prefix: '/v1' });
  await app.register(transitionRoutes, { prefix: '/v1' });
  await app.register(offerRoutes, { prefix: '/v1' });
  await app.register(webhookRoutes, { prefix: '/v1' });
}
