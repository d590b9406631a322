// /v1/customers: personal data, visible only to admins and the dispatchers of the customer's market.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { assertMarket, seesMarket } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, PageSchema } from '../../schemas/common.js';
import { CreateCustomerSchema, CustomerSchema, ListCustomersQuerySchema } from '../../schemas/customers.js';
import { decodeCursor, pageOf } from '../../store/pagination.js';
import { assertOnRoadNetwork } from '../../plugins/road-reach.js';

export default async function customerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];
  const staff = ['admin', 'dispatcher'] as const;

  app.post('/customers', {
    schema: { tags, summary: 'Register a customer of a market', body: CreateCustomerSchema, response: { 201: CustomerSchema, ...ERROR_RESPONSES } },
    config: { roles: staff },
  }, async (request, reply) => {
    const p = principalOf(request);
    if (!seesMarket(p, request.body.market_id)) throw new ApiError('forbidden', `market ${request.body.market_id} is not yours`);
    if (!(await app.store.markets.get(request.body.market_id))) {
      throw new ApiError('unknown_reference', `market ${request.body.market_id} does not exist`, [{ path: '/body/market_id', message: 'no such market' }]);
    }
    assertOnRoadNetwork(app, [{ path: '/body/address', point: request.body.address }]);
    const customer = await app.tx(async (tx) => {
      const created = await tx.customers.create(request.body);
      await tx.events.append({ type: 'customer.created', marketId: created.market_id, payload: { customer_id: created.id } });
      return created;
    });
    return reply.code(201).header('location', `/v1/customers/${customer.id}`).send(customer);
  });

  app.get('/customers', {
    schema: { tags, summary: 'List customers (filter by phone to find a returning one)', querystring: ListCustomersQuerySchema, response: { 200: PageSchema(CustomerSchema), ...ERROR_RESPONSES } },
    config: { roles: staff },
  }, async (request) => {
    const p = principalOf(request);
    const { market_id: marketId, phone, cursor } = request.query;
    if (marketId) assertMarket(p, marketId);
    const limit = request.query.limit ?? 50;
    const marketIds = marketId ? [marketId] : p.role === 'admin' ? undefined : p.marketIds;
    const rows = await app.store.customers.list({ afterId: decodeCursor(cursor), limit, marketIds, phone });
    return pageOf(rows, limit, (c) => c.id);
  });

  app.get('/customers/:id', {
    schema: { tags, summary: 'Get a customer', params: IdParamsSchema('cus'), response: { 200: CustomerSchema, ...ERROR_RESPONSES } },
    config: { roles: staff },
  }, async (request) => {
    const customer = await app.store.customers.get(request.params.id);
    const p = principalOf(request);
    if (!customer || (p.role !== 'admin' && (!customer.market_id || !seesMarket(p, customer.market_id)))) throw notFound('customer', request.params.id);
    return customer;
  });
}
