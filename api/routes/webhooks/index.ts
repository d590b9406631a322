// /v1/fleets/:id/webhook-deliveries and /webhook/enable: a fleet reads its delivery log, re-queues dead deliveries,
// and turns its endpoint back on after it answered 410.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { assertFleet } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, IdSchema, PageSchema } from '../../schemas/common.js';
import { ListWebhookDeliveriesQuerySchema, WebhookDeliverySchema } from '../../schemas/webhooks.js';
import { decodeCursor, pageOf } from '../../store/pagination.js';
import { enableFleetWebhook, listDeliveries, requeueDelivery } from '../../webhooks/delivery-log.js';

const DeliveryParamsSchema = Type.Object({ id: IdSchema('flt'), deliveryId: Type.String({ pattern: '^whd_[0-9A-HJKMNP-TV-Z]{16,26}$' }) });

export default async function webhookRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['webhooks'];

  app.get('/fleets/:id/webhook-deliveries', {
    schema: { tags, summary: 'Webhook delivery log of a fleet, newest first', params: IdParamsSchema('flt'), querystring: ListWebhookDeliveriesQuerySchema, response: { 200: PageSchema(WebhookDeliverySchema), ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet'] },
  }, async (request) => {
    const { id } = request.params;
    assertFleet(principalOf(request), id);
    const cursor = decodeCursor(request.query.cursor);
    const beforeSeq = cursor === undefined ? undefined : Number(cursor);
    if (beforeSeq !== undefined && !Number.isSafeInteger(beforeSeq)) throw new ApiError('bad_cursor');
    const limit = request.query.limit ?? 50;
    const rows = await listDeliveries(app.db, id, { beforeSeq, limit, status: request.query.status });
    return pageOf(rows, limit, (d) => d.event_seq);
  });

  app.post('/fleets/:id/webhook-deliveries/:deliveryId/retry', {
    schema: { tags, summary: 'Re-queue a dead or disabled delivery', params: DeliveryParamsSchema, response: { 202: Type.Object({ id: Type.String(), status: Type.Literal('pending') }), ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet'] },
  }, async (request, reply) => {
    const { id, deliveryId } = request.params;
    assertFleet(principalOf(request), id);
    if (!(await requeueDelivery(app.db, id, deliveryId))) {
      const exists = await app.db.query<{ status: string }>('SELECT status FROM webhook_deliveries WHERE id = $1 AND fleet_id = $2', [deliveryId, id]);
      if (exists.rows[0] === undefined) throw notFound('webhook delivery', deliveryId);
      throw new ApiError('illegal_transition', `delivery ${deliveryId} is ${exists.rows[0].status}`, undefined, { entity: 'webhook_delivery', entity_id: deliveryId, current_state: exists.rows[0].status });
    }
    return reply.code(202).send({ id: deliveryId, status: 'pending' as const });
  });

  app.post('/fleets/:id/webhook/enable', {
    schema: { tags, summary: 'Turn the webhook endpoint back on (after a 410) and re-queue the deliveries it stopped', params: IdParamsSchema('flt'), response: { 200: Type.Object({ webhook_enabled: Type.Literal(true), requeued: Type.Integer() }), ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet'] },
  }, async (request) => {
    const { id } = request.params;
    assertFleet(principalOf(request), id);
    const fleet = await app.db.query<{ webhook_url: string | null }>('SELECT webhook_url FROM fleets WHERE id = $1', [id]);
    if (fleet.rows[0] === undefined) throw notFound('fleet', id);
    if (fleet.rows[0].webhook_url === null) throw new ApiError('unprocessable', `fleet ${id} has no webhook endpoint`);
    return { webhook_enabled: true as const, requeued: await enableFleetWebhook(app.db, id) };
  });
}
