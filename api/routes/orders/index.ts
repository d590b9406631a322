// /v1/orders: admins, market dispatchers and fleets (in the markets they serve) create orders (items from the
// market's stalls); fleets read the orders they placed or hold, couriers the ones they carry. Transitions (cancel,
// exchange, stop events) live in api/routes/transitions.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { setVersionTag } from '../../http/concurrency.js';
import { answerIdempotent, answerTakenKey, handlerIdempotency, recordedInHandler } from '../../plugins/idempotency.js';
import { seesMarket } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, PageSchema } from '../../schemas/common.js';
import { CreateOrderSchema, ListOrdersQuerySchema, OrderSchema } from '../../schemas/orders.js';
import { priceFromCatalogue } from '../../store/order-catalogue.js';
import { createOrder } from '../../store/order-intake.js';
import { decodeCursor, pageOf } from '../../store/pagination.js';
import { assertOnRoadNetwork } from '../../plugins/road-reach.js';
import { redactOrder, seesOrder } from './visibility.js';

export default async function orderRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['orders'];
  /** True when fleet `fleetId` serves market `marketId` (its `market_ids`). */
  const fleetServes = async (fleetId: string, marketId: string): Promise<boolean> =>
    (await app.db.query('SELECT 1 FROM fleets WHERE id = $1 AND $2 = ANY(market_ids)', [fleetId, marketId])).rows.length > 0;

  app.post('/orders', {
    schema: { tags, summary: 'Create an order with its items', body: CreateOrderSchema, response: { 201: OrderSchema, ...ERROR_RESPONSES } },
    // One read (market, customer, stalls, Idempotency-Key) and one statement writing the order, its event and the key
    // with this response: no claim up front.
    config: { roles: ['admin', 'dispatcher', 'fleet'], idempotency: 'in_handler' },
  }, async (request, reply) => {
    const p = principalOf(request);
    if (p.role === 'fleet' ? !(await fleetServes(p.fleetId!, request.body.market_id)) : !seesMarket(p, request.body.market_id)) {
      throw new ApiError('forbidden', `market ${request.body.market_id} is not yours`);
    }
    assertOnRoadNetwork(app, [{ path: '/body/delivery_location', point: request.body.delivery_location }, { path: '/body/customer/address', point: request.body.customer?.address }]);
    const priced = await priceFromCatalogue(app.db, request.body);
    const result = await createOrder(app.db, priced, { idempotency: handlerIdempotency(request), sourceFleetId: p.role === 'fleet' ? p.fleetId : null });
    if (result.kind === 'key_used') return answerIdempotent(request, reply, result.verdict);
    if (result.kind === 'key_taken') return answerTakenKey(app, request, reply);
    recordedInHandler(request);
    app.events.publish([result.event]);
    const { order } = result;
    setVersionTag(reply, order.version);
    return reply.code(201).header('location', `/v1/orders/${order.id}`).send(order);
  });

  app.get('/orders/:id', {
    schema: { tags, summary: 'Get an order', params: IdParamsSchema('ord'), response: { 200: OrderSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'planner', 'fleet', 'courier'] },
  }, async (request, reply) => {
    const p = principalOf(request);
    const order = await app.store.orders.get(request.params.id);
    const fleetId = order?.courier_id && p.role === 'fleet' ? ((await app.store.couriers.get(order.courier_id))?.courier.fleet_id ?? null) : null;
    if (!order || !seesOrder(p, order, fleetId)) throw notFound('order', request.params.id);
    setVersionTag(reply, order.version);
    return redactOrder(p, order);
  });

  app.get('/orders', {
    schema: { tags, summary: 'List orders (filters AND-ed; scoped to what the caller may see)', querystring: ListOrdersQuerySchema, response: { 200: PageSchema(OrderSchema), ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'planner', 'fleet', 'courier'] },
  }, async (request) => {
    const p = principalOf(request);
    const q = request.query;
    const limit = q.limit ?? 50;
    if (p.role === 'courier' && q.courier_id && q.courier_id !== p.courierId) return { data: [], next_cursor: null };
    let marketIds: readonly string[] | undefined = q.market_id ? [q.market_id] : undefined;
    if (p.role === 'dispatcher' || p.role === 'planner') marketIds = (marketIds ?? p.marketIds).filter((m) => p.marketIds.includes(m));
    const rows = await app.store.orders.list({
      afterId: decodeCursor(q.cursor), limit, marketIds, statuses: q.status, customerId: q.customer_id,
      courierId: p.role === 'courier' ? p.courierId! : q.courier_id,
      fleetId: p.role === 'fleet' ? p.fleetId! : undefined,
      createdAfter: q.created_after, createdBefore: q.created_before,
    });
    const page = pageOf(rows, limit, (o) => o.id);
    return { ...page, data: page.data.map((o) => redactOrder(p, o)) };
  });
}
