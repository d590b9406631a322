// Courier availability (online / offline / pause / resume) and batched position upload. (The route read is GET /couriers/:id/route in api/routes/couriers.)
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { principalOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../http/concurrency.js';
import { ERROR_RESPONSES, IdParamsSchema } from '../../schemas/common.js';
import { PositionBatchResultSchema, PositionBatchSchema, TransitionResultSchema } from '../../schemas/transitions.js';
import { changeAvailability, recordPositions } from '../../transitions/couriers.js';
import { timesOf } from './occurred-at.js';
import { sendState } from './respond.js';

const AVAILABILITY = {
  online: 'Start the shift (offline → idle)',
  offline: 'End the shift (a pending offer is withdrawn)',
  pause: 'Take a break (idle → paused)',
  resume: 'Back from the break (paused → idle)',
} as const;

export default async function courierTransitionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['couriers'];

  for (const [event, summary] of Object.entries(AVAILABILITY) as [keyof typeof AVAILABILITY, string][]) {
    app.post(`/couriers/:id/${event}`, {
      schema: { tags, summary, params: IdParamsSchema('cou'), response: { 200: TransitionResultSchema, ...ERROR_RESPONSES } },
      config: { roles: ['admin', 'fleet', 'courier'] },
    }, async (request, reply) => {
      const p = principalOf(request);
      const courier = await app.tx((tx) => changeAvailability(tx, p, request.params.id, event, { expectedVersion: expectedVersion(request), ...timesOf(request) }));
      return sendState(reply, courier);
    });
  }

  app.post('/couriers/:id/positions', {
    schema: { tags, summary: 'Upload a batch of GPS fixes', params: IdParamsSchema('cou'), body: PositionBatchSchema, response: { 200: PositionBatchResultSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet', 'courier'] },
  }, async (request) => {
    const p = principalOf(request);
    const result = await app.tx((tx) => recordPositions(tx, p, request.params.id, request.body.positions, new Date()));
    return { accepted: result.accepted, last_recorded_at: result.lastRecordedAt };
  });
}
