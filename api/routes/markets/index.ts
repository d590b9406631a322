// /v1/markets: admins create markets; admins see all, dispatchers and planners the markets assigned to them.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../../errors.js';
import { expectedVersion, setVersionTag, versionConflict } from '../../http/concurrency.js';
import { principalOf } from '../../plugins/auth.js';
import { assertMarket, seesMarket } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, PageSchema } from '../../schemas/common.js';
import { CreateMarketSchema, ListMarketsQuerySchema, MarketSchema, UpdateMarketSchema } from '../../schemas/markets.js';
import { decodeCursor, pageOf } from '../../store/pagination.js';
import { assertOnRoadNetwork, type PointField } from '../../plugins/road-reach.js';

/** The market's own point and its pangkalan bases' points, as request fields. */
const marketPoints = (body: { location?: { lon: number; lat: number }; bases?: readonly { location: { lon: number; lat: number } }[] }): PointField[] => [
  { path: '/body/location', point: body.location },
  ...(body.bases ?? []).map((b, i) => ({ path: `/body/bases/${i}/location`, point: b.location })),
];

export default async function marketRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['markets'];

  app.post('/markets', {
    schema: { tags, summary: 'Create a market', body: CreateMarketSchema, response: { 201: MarketSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin'] },
  }, async (request, reply) => {
    assertOnRoadNetwork(app, marketPoints(request.body));
    const market = await app.tx(async (tx) => {
      const created = await tx.markets.create(request.body);
      await tx.events.append({ type: 'market.created', marketId: created.id, payload: { market_id: created.id, name: created.name } });
      return created;
    });
    return reply.code(201).header('location', `/v1/markets/${market.id}`).send(market);
  });

  app.get('/markets', {
    schema: { tags, summary: 'List markets', querystring: ListMarketsQuerySchema, response: { 200: PageSchema(MarketSchema), ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'planner'] },
  }, async (request) => {
    const p = principalOf(request);
    const limit = request.query.limit ?? 50;
    const rows = await app.store.markets.list({
      afterId: decodeCursor(request.query.cursor), limit, city: request.query.city,
      ids: p.role === 'admin' ? undefined : p.marketIds,
    });
    return pageOf(rows, limit, (m) => m.id);
  });

  app.get('/markets/:id', {
    schema: { tags, summary: 'Get a market', params: IdParamsSchema('mkt'), response: { 200: MarketSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'planner', 'fleet', 'courier'] },
  }, async (request, reply) => {
    const p = principalOf(request);
    const { id } = request.params;
    // Fleets and couriers may read a market's public facts (location, bases, tariff); lists stay scoped.
    if (p.role !== 'fleet' && p.role !== 'courier') assertMarket(p, id);
    const market = await app.store.markets.get(id);
    if (!market || (p.role !== 'fleet' && p.role !== 'courier' && !seesMarket(p, id))) throw notFound('market', id);
    setVersionTag(reply, market.version);
    return market;
  });

  app.patch('/markets/:id', {
    schema: {
      tags, summary: 'Change a market (tariff, area, hours, bases); send If-Match with the version you read',
      params: IdParamsSchema('mkt'), body: UpdateMarketSchema, response: { 200: MarketSchema, ...ERROR_RESPONSES },
    },
    config: { roles: ['admin'] },
  }, async (request, reply) => {
    const { id } = request.params;
    const expected = expectedVersion(request);
    assertOnRoadNetwork(app, marketPoints(request.body));
    const market = await app.tx(async (tx) => {
      const updated = await tx.markets.update(id, request.body, expected);
      if (!updated) {
        const current = await tx.markets.get(id);
        throw current ? versionConflict('market', id, current) : notFound('market', id);
      }
      await tx.events.append({ type: 'market.updated', marketId: id, payload: { market_id: id, version: updated.version, fields: Object.keys(request.body) } });
      return updated;
    });
    setVersionTag(reply, market.version);
    return market;
  });
}
