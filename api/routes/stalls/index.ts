// /v1/markets/:id/stalls and /v1/stalls/:id: admins and the market's dispatchers add stalls; market staff, fleets and couriers read them.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { assertMarket, type Principal } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, PageSchema } from '../../schemas/common.js';
import { CreateStallSchema, ListStallsQuerySchema, StallSchema } from '../../schemas/stalls.js';
import { decodeCursor, pageOf } from '../../store/pagination.js';
import { assertOnRoadNetwork } from '../../plugins/road-reach.js';

/** Stalls are where couriers pick up: market staff see their markets' stalls, fleets and couriers every stall. */
function assertStallReader(p: Principal, marketId: string): void {
  if (p.role !== 'fleet' && p.role !== 'courier') assertMarket(p, marketId);
}

export default async function stallRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['stalls'];
  const readers = ['admin', 'dispatcher', 'planner', 'fleet', 'courier'] as const;

  app.post('/markets/:id/stalls', {
    schema: { tags, summary: 'Add a stall to a market', params: IdParamsSchema('mkt'), body: CreateStallSchema, response: { 201: StallSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher'] },
  }, async (request, reply) => {
    const marketId = request.params.id;
    assertMarket(principalOf(request), marketId);
    if (!(await app.store.markets.get(marketId))) throw notFound('market', marketId);
    assertOnRoadNetwork(app, [{ path: '/body/location', point: request.body.location }]);
    const stall = await app.tx(async (tx) => {
      const created = await tx.stalls.create(marketId, request.body);
      await tx.events.append({ type: 'stall.created', marketId, payload: { stall_id: created.id, market_id: marketId, stall_code: created.stall_code } });
      return created;
    });
    return reply.code(201).header('location', `/v1/stalls/${stall.id}`).send(stall);
  });

  app.get('/markets/:id/stalls', {
    schema: { tags, summary: "List a market's stalls", params: IdParamsSchema('mkt'), querystring: ListStallsQuerySchema, response: { 200: PageSchema(StallSchema), ...ERROR_RESPONSES } },
    config: { roles: readers },
  }, async (request) => {
    assertStallReader(principalOf(request), request.params.id);
    const limit = request.query.limit ?? 50;
    const rows = await app.store.stalls.list({ marketId: request.params.id, afterId: decodeCursor(request.query.cursor), limit, category: request.query.category });
    return pageOf(rows, limit, (s) => s.id);
  });

  app.get('/stalls/:id', {
    schema: { tags, summary: 'Get a stall', params: IdParamsSchema('stl'), response: { 200: StallSchema, ...ERROR_RESPONSES } },
    config: { roles: readers },
  }, async (request) => {
    const stall = await app.store.stalls.get(request.params.id);
    if (!stall) throw notFound('stall', request.params.id);
    assertStallReader(principalOf(request), stall.market_id);
    return stall;
  });
}
