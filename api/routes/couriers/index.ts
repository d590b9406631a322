// /v1/couriers: fleets (and admins) register couriers; a fleet sees its own, a dispatcher those working in its markets,
// a courier itself. GET /v1/couriers/:id/route: the active route, with customer contact on the stops still to serve.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { setVersionTag } from '../../http/concurrency.js';
import { assertCourier, type Principal } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, PageSchema } from '../../schemas/common.js';
import { CourierSchema, CreateCourierSchema, ListCouriersQuerySchema } from '../../schemas/couriers.js';
import { CourierRouteSchema } from '../../schemas/plans.js';
import { decodeCursor, pageOf } from '../../store/pagination.js';
import { courierRouteView } from './courier-route.js';
import { routeFigures } from '../offers/route-figures.js';
import { HaversineProvider } from '../../../engine/index.js';

/** The fleet a new courier joins: a fleet's own; an admin names it. */
function fleetForNewCourier(p: Principal, requested: string | undefined): string {
  if (p.role === 'fleet') {
    if (requested && requested !== p.fleetId) throw new ApiError('forbidden', 'a fleet registers couriers only in itself');
    return p.fleetId!;
  }
  if (!requested) throw new ApiError('validation_failed', 'fleet_id is required', [{ path: '/body/fleet_id', message: 'is required for admins' }]);
  return requested;
}

export default async function courierRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['couriers'];
  const readers = ['admin', 'dispatcher', 'fleet', 'courier'] as const;

  app.post('/couriers', {
    schema: { tags, summary: 'Register a courier in a fleet', body: CreateCourierSchema, response: { 201: CourierSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet'] },
  }, async (request, reply) => {
    const fleetId = fleetForNewCourier(principalOf(request), request.body.fleet_id);
    if (!(await app.store.fleets.get(fleetId))) throw new ApiError('unknown_reference', `fleet ${fleetId} does not exist`, [{ path: '/body/fleet_id', message: 'no such fleet' }]);
    if (request.body.home_market_id && !(await app.store.markets.get(request.body.home_market_id))) {
      throw new ApiError('unknown_reference', `market ${request.body.home_market_id} does not exist`, [{ path: '/body/home_market_id', message: 'no such market' }]);
    }
    const { courier } = await app.tx(async (tx) => {
      const created = await tx.couriers.create(fleetId, request.body);
      await tx.events.append({ type: 'courier.created', fleetId, courierId: created.courier.id, marketId: created.courier.home_market_id, payload: { courier_id: created.courier.id, fleet_id: fleetId } });
      return created;
    });
    setVersionTag(reply, courier.version);
    return reply.code(201).header('location', `/v1/couriers/${courier.id}`).send(courier);
  });

  app.get('/couriers', {
    schema: { tags, summary: 'List couriers the caller may see', querystring: ListCouriersQuerySchema, response: { 200: PageSchema(CourierSchema), ...ERROR_RESPONSES } },
    config: { roles: readers },
  }, async (request) => {
    const p = principalOf(request);
    const q = request.query;
    const limit = q.limit ?? 50;
    if (p.role === 'courier') {
      const self = await app.store.couriers.get(p.courierId!);
      return { data: self ? [self.courier] : [], next_cursor: null };
    }
    if (p.role === 'fleet' && q.fleet_id && q.fleet_id !== p.fleetId) return { data: [], next_cursor: null };
    let marketIds: readonly string[] | undefined = q.market_id ? [q.market_id] : undefined;
    if (p.role === 'dispatcher') marketIds = (marketIds ?? p.marketIds).filter((m) => p.marketIds.includes(m));
    const rows = await app.store.couriers.list({
      afterId: decodeCursor(q.cursor), limit, marketIds, statuses: q.status,
      fleetId: p.role === 'fleet' ? p.fleetId! : q.fleet_id,
    });
    const page = pageOf(rows, limit, (c) => c.courier.id);
    return { data: page.data.map((c) => c.courier), next_cursor: page.next_cursor };
  });

  app.get('/couriers/:id', {
    schema: { tags, summary: 'Get a courier', params: IdParamsSchema('cou'), response: { 200: CourierSchema, ...ERROR_RESPONSES } },
    config: { roles: readers },
  }, async (request, reply) => {
    const found = await app.store.couriers.get(request.params.id);
    if (!found) throw notFound('courier', request.params.id);
    assertCourier(principalOf(request), found.courier.id, found.courier.fleet_id, found.marketIds);
    setVersionTag(reply, found.courier.version);
    return found.courier;
  });

  app.get('/couriers/:id/route', {
    schema: { tags, summary: "The courier's active route (404 when it has none)", params: IdParamsSchema('cou'), response: { 200: CourierRouteSchema, ...ERROR_RESPONSES } },
    config: { roles: readers },
  }, async (request) => {
    const found = await app.store.couriers.get(request.params.id);
    if (!found) throw notFound('courier', request.params.id);
    assertCourier(principalOf(request), found.courier.id, found.courier.fleet_id, found.marketIds);
    const route = await app.store.plans.activeRouteOf(found.courier.id);
    if (!route) throw new ApiError('not_found', `courier ${found.courier.id} has no active route`);
    return courierRouteView(app.store, route, (id) => routeFigures(app.db, app.routingProvider ?? new HaversineProvider(), id));
  });
}
