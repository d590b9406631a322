// Transition routes (orders, couriers, stops) under /v1, honouring X-Occurred-At; registered by api/routes/index.ts.
import { treatMissingBodyAsEmpty } from './empty-body.js';
import type { FastifyInstance } from 'fastify';
import { readOccurredAt } from './occurred-at.js';
import codRoutes from './cod.js';
import courierTransitionRoutes from './couriers.js';
import orderTransitionRoutes from './orders.js';
import stopTransitionRoutes from './stops.js';

export default async function transitionRoutes(app: FastifyInstance): Promise<void> {
  treatMissingBodyAsEmpty(app);
  readOccurredAt(app);
  await app.register(orderTransitionRoutes);
  await app.register(courierTransitionRoutes);
  await app.register(stopTransitionRoutes);
  await app.register(codRoutes);
}
