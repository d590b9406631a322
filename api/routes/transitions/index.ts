// Transition routes (orders, couriers, stops) under /v1; registered by api/routes/index.ts.
import { treatMissingBodyAsEmpty } from './empty-body.js';
import type { FastifyInstance } from 'fastify';
import courierTransitionRoutes from './couriers.js';
import orderTransitionRoutes from './orders.js';
import stopTransitionRoutes from './stops.js';

export default async function transitionRoutes(app: FastifyInstance): Promise<void> {
  treatMissingBodyAsEmpty(app);
  await app.register(orderTransitionRoutes);
  await app.register(courierTransitionRoutes);
  await app.register(stopTransitionRoutes);
}
