// POST /v1/orders/:id/cancel, /v1/orders/:id/reschedule and /v1/orders/:id/exchange.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { principalOf } from '../../plugins/auth.js';
import { expectedVersion, setVersionTag } from '../../http/concurrency.js';
import { ERROR_RESPONSES, IdParamsSchema } from '../../schemas/common.js';
import { OrderSchema } from '../../schemas/orders.js';
import { CancelOrderSchema, ExchangeOrderSchema, ExchangeResultSchema, RescheduleOrderSchema, TransitionResultSchema } from '../../schemas/transitions.js';
import { cancelOrder, exchangeOrder } from '../../transitions/orders.js';
import { rescheduleOrder } from '../../transitions/order-reschedule.js';
import { redactOrder } from '../orders/visibility.js';
import { timesOf } from './occurred-at.js';
import { sendState } from './respond.js';

export default async function orderTransitionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['orders'];

  app.post('/orders/:id/cancel', {
    schema: { tags, summary: 'Cancel an order (before picking starts)', params: IdParamsSchema('ord'), body: CancelOrderSchema, response: { 200: TransitionResultSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher'] },
  }, async (request, reply) => {
    const p = principalOf(request);
    const order = await app.tx((tx) => cancelOrder(tx, p, request.params.id, { reason: request.body?.reason ?? null, expectedVersion: expectedVersion(request), now: new Date() }));
    return sendState(reply, order);
  });

  app.post('/orders/:id/reschedule', {
    schema: { tags, summary: 'Move an order no courier has accepted yet to another hour, or to at once', params: IdParamsSchema('ord'), body: RescheduleOrderSchema, response: { 200: OrderSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'fleet'] },
  }, async (request, reply) => {
    const p = principalOf(request);
    const { booked_for, window } = request.body;
    const newWindow = window && { startMs: Date.parse(window.start), endMs: Date.parse(window.end) }; // null: remove it
    const input = { bookedForMs: booked_for === null ? null : Date.parse(booked_for), ...(newWindow !== undefined ? { window: newWindow } : {}) };
    await app.tx((tx) => rescheduleOrder(tx, p, request.params.id, input, { expectedVersion: expectedVersion(request), now: new Date() }));
    const order = (await app.store.orders.get(request.params.id))!;
    setVersionTag(reply, order.version);
    return redactOrder(p, order);
  });

  app.post('/orders/:id/exchange', {
    schema: {
      tags, summary: 'The customer refuses goods at the door: open an exchange (child order: return to stall, redeliver)',
      params: IdParamsSchema('ord'), body: ExchangeOrderSchema, response: { 201: ExchangeResultSchema, ...ERROR_RESPONSES },
    },
    config: { roles: ['admin', 'dispatcher', 'fleet', 'courier'] },
  }, async (request, reply) => {
    const p = principalOf(request);
    const { items, cod_collected_rp, note } = request.body;
    const refusals = items.map((i) => ({ itemId: i.item_id, quantity: i.quantity, reason: i.reason }));
    const result = await app.tx((tx) => exchangeOrder(tx, p, request.params.id, { refusals, codCollectedRp: cod_collected_rp, note: note ?? null }, { expectedVersion: expectedVersion(request), ...timesOf(request) }));
    reply.code(201).header('location', `/v1/orders/${result.childOrderId}`);
    return { order: sendState(reply, result.parent), child_order_id: result.childOrderId };
  });
}
