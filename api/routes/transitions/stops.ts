// Stop events from the road: arrived, picked up (per-item outcome), delivered (COD), failed (reason).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { principalOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../http/concurrency.js';
import { ERROR_RESPONSES, IdParamsSchema } from '../../schemas/common.js';
import { DeliverSchema, FailStopSchema, PickupReportSchema, StopResultSchema } from '../../schemas/transitions.js';
import type { LockedStop } from '../../transitions/stop-read.js';
import { arriveAtStop, deliverAtStop, failAtStop, pickUpAtStop } from '../../transitions/stops.js';
import { timesOf } from './occurred-at.js';
import { sendState } from './respond.js';

const roles = ['admin', 'fleet', 'courier'] as const;
const response = { 200: StopResultSchema, ...ERROR_RESPONSES };
const params = IdParamsSchema('stp');

export default async function stopTransitionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['stops'];
  const answer = (s: LockedStop, reply: Parameters<typeof sendState>[0]) => ({ ...sendState(reply, s.stop), order: { id: s.order.id, status: s.order.status, version: Number(s.order.version) } });

  app.post('/stops/:id/arrive', { schema: { tags, summary: 'Arrived at the stop', params, response }, config: { roles } }, async (request, reply) => {
    const p = principalOf(request);
    return answer(await app.tx((tx) => arriveAtStop(tx, p, request.params.id, { expectedVersion: expectedVersion(request), ...timesOf(request) })), reply);
  });

  app.post('/stops/:id/pickup', { schema: { tags, summary: 'Picked up at a stall: one outcome per item', params, body: PickupReportSchema, response }, config: { roles } }, async (request, reply) => {
    const p = principalOf(request);
    return answer(await app.tx((tx) => pickUpAtStop(tx, p, request.params.id, request.body.items, { expectedVersion: expectedVersion(request), ...timesOf(request) })), reply);
  });

  app.post('/stops/:id/deliver', { schema: { tags, summary: 'Delivered, cash on delivery collected', params, body: DeliverSchema, response }, config: { roles } }, async (request, reply) => {
    const p = principalOf(request);
    return answer(await app.tx((tx) => deliverAtStop(tx, p, request.params.id, request.body.cod_collected_rp, { expectedVersion: expectedVersion(request), ...timesOf(request) })), reply);
  });

  app.post('/stops/:id/fail', { schema: { tags, summary: 'The stop cannot be done (the order fails)', params, body: FailStopSchema, response }, config: { roles } }, async (request, reply) => {
    const p = principalOf(request);
    const { reason, note } = request.body;
    return answer(await app.tx((tx) => failAtStop(tx, p, request.params.id, reason, note ?? null, { expectedVersion: expectedVersion(request), ...timesOf(request) })), reply);
  });
}
