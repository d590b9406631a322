// Every route plugin of the API. Resource routes live under /v1; add a new resource folder here (one line each).
import type { FastifyInstance } from 'fastify';
import healthRoutes from './health.js';
import marketRoutes from './markets/index.js';

export default async function routes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(marketRoutes, { prefix: '/v1' });
}
