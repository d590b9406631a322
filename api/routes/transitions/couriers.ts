// Courier availability (online / offline / pause / resume), batched position upload and the courier's current route.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../plugins/concurrency.js';
import { ERROR_RESPONSES, IdParamsSchema } from '../../schemas/common.js';
import { CourierRouteSchema, PositionBatchResultSchema, PositionBatchSchema, TransitionResultSchema } from '../../schemas/transitions.js';
import { readsCourier } from '../../store/transitions-actor.js';
import { changeAvailability, recordPositions } from '../../store/transitions-couriers.js';
import { currentRouteOf } from '../../store/transitions-route-view.js';
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
      const courier = await app.tx((tx) => changeAvailability(tx, p, request.params.id, event, { expectedVersion: expectedVersion(request), now: new Date() }));
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

  app.get('/couriers/:id/route', {
    schema: { tags, summary: "The courier's current route (customer contact only for current stops)", params: IdParamsSchema('cou'), response: { 200: CourierRouteSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'planner', 'fleet', 'courier'] },
  }, async (request) => {
    const p = principalOf(request);
    const { id } = request.params;
    const found = await app.db.query<{ fleet_id: string; market_ids: string[] }>(
      `SELECT c.fleet_id, array_remove(array_cat(ARRAY[c.home_market_id], f.market_ids), NULL) AS market_ids
         FROM couriers c JOIN fleets f ON f.id = c.fleet_id WHERE c.id = $1`,
      [id],
    );
    const courier = found.rows[0];
    if (courier === undefined || !readsCourier(p, id, courier.fleet_id, courier.market_ids)) throw notFound('courier', id);
    const privacy = p.role === 'courier' || p.role === 'fleet';
    const route = await currentRouteOf(app.db, id, privacy);
    if (route !== null && (p.role === 'dispatcher' || p.role === 'planner') && !p.marketIds.includes(route.market_id)) throw notFound('courier', id);
    return { route };
  });
}
