// /v1 subsidised packages (operasi pasar): coordinators set up distribution points, packages with a quota per
// household and stock per point, and take orders; an order over quota is 422 over_quota, one beyond the stock left
// 409 sold_out; the map reads the stock left per point.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { assertMarket } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema } from '../../schemas/common.js';
import {
  DistributionPointInputSchema, DistributionPointSchema, PackageInputSchema, PackageOrderInputSchema, PackageOrderSchema, PackageSchema, RestockSchema, StockSchema,
} from '../../schemas/packages.js';
import { orderPackage, PackagesStore } from '../../store/packages-store.js';

const COORDINATORS = ['admin', 'dispatcher'] as const;

export default async function packageRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['packages'];

  async function marketPackage(request: Parameters<typeof principalOf>[0], id: string) {
    const pkg = await new PackagesStore(app.db).get(id);
    if (!pkg) throw notFound('package', id);
    assertMarket(principalOf(request), pkg.market_id, 'package', id);
    return pkg;
  }

  app.post('/markets/:id/distribution-points', {
    schema: { tags, summary: 'Add a distribution point', params: IdParamsSchema('mkt'), body: DistributionPointInputSchema, response: { 201: DistributionPointSchema, ...ERROR_RESPONSES } },
    config: { roles: COORDINATORS },
  }, async (request, reply) => {
    assertMarket(principalOf(request), request.params.id);
    if (!(await app.store.markets.get(request.params.id))) throw notFound('market', request.params.id);
    return reply.code(201).send(await new PackagesStore(app.db).createPoint(request.params.id, request.body.name, request.body.location));
  });

  app.post('/markets/:id/packages', {
    schema: { tags, summary: 'Add a package with its quota per household and its stock per point', params: IdParamsSchema('mkt'), body: PackageInputSchema, response: { 201: PackageSchema, ...ERROR_RESPONSES } },
    config: { roles: COORDINATORS },
  }, async (request, reply) => {
    assertMarket(principalOf(request), request.params.id);
    if (!(await app.store.markets.get(request.params.id))) throw notFound('market', request.params.id);
    const created = await app.db.transaction((q) => new PackagesStore(q).create(request.params.id, request.body));
    return reply.code(201).send(created);
  });

  app.post('/packages/:id/stock', {
    schema: { tags, summary: 'Add stock at a distribution point', params: IdParamsSchema('pkg'), body: RestockSchema, response: { 200: Type.Object({ stock_left: Type.Integer() }), ...ERROR_RESPONSES } },
    config: { roles: COORDINATORS },
  }, async (request) => {
    const pkg = await marketPackage(request, request.params.id);
    const left = await new PackagesStore(app.db).restock(pkg, request.body.point_id, request.body.add);
    if (left === null) throw new ApiError('unknown_reference', `no distribution point ${request.body.point_id} in market ${pkg.market_id}`, [{ path: '/body/point_id', message: 'no such point in this market' }]);
    await app.store.events.append({ type: 'package.restocked', marketId: pkg.market_id, payload: { package_id: pkg.id, point_id: request.body.point_id, stock_left: left } });
    return { stock_left: left };
  });

  app.get('/markets/:id/packages/stock', {
    schema: { tags, summary: 'Stock left per distribution point and package', params: IdParamsSchema('mkt'), response: { 200: Type.Object({ data: Type.Array(StockSchema) }), ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'planner'] },
  }, async (request) => {
    assertMarket(principalOf(request), request.params.id);
    return { data: await new PackagesStore(app.db).stock(request.params.id) };
  });

  app.post('/packages/:id/orders', {
    schema: { tags, summary: 'Sell packages to a household (quota per period, stock per point)', params: IdParamsSchema('pkg'), body: PackageOrderInputSchema, response: { 201: PackageOrderSchema, ...ERROR_RESPONSES } },
    config: { roles: COORDINATORS },
  }, async (request, reply) => {
    const pkg = await marketPackage(request, request.params.id);
    const { order, event } = await orderPackage(app.db, pkg, request.body);
    app.events.publish([event]);
    return reply.code(201).send(order);
  });
}
