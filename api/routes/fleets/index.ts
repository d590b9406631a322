// /v1/fleets: admins create fleets (first API key and webhook secret shown once); a fleet reads itself and manages its keys.
import type { FastifyInstance } from 'fastify';
import { checkWebhookUrl } from '../webhooks/url-check.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { assertFleet } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, IdSchema, PageSchema } from '../../schemas/common.js';
import { ApiKeySchema, CreateApiKeySchema, CreatedFleetSchema, CreateFleetSchema, FleetSchema, ListFleetsQuerySchema } from '../../schemas/fleets.js';
import { decodeCursor, pageOf } from '../../store/pagination.js';

export default async function fleetRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['fleets'];

  app.post('/fleets', {
    schema: { tags, summary: 'Create a fleet (ojol or pangkalan) with its first API key', body: CreateFleetSchema, response: { 201: CreatedFleetSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin'] },
  }, async (request, reply) => {
    const missing = await app.store.markets.list({ limit: 1000, ids: request.body.market_ids ?? [] });
    const known = new Set(missing.map((m) => m.id));
    const unknown = (request.body.market_ids ?? []).map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
    if (unknown.length > 0) throw new ApiError('unknown_reference', 'some market_ids do not exist', unknown.map(({ id, i }) => ({ path: `/body/market_ids/${i}`, message: `no market ${id}` })));
    if (request.body.webhook_url) checkWebhookUrl(app.webhookUrlPolicy, request.body.webhook_url, '/body/webhook_url');
    const created = await app.tx(async (tx) => {
      const { fleet, webhookSecret } = await tx.fleets.create(request.body);
      const apiKey = await tx.fleets.createKey(fleet.id, 'initial');
      await tx.events.append({ type: 'fleet.created', fleetId: fleet.id, payload: { fleet_id: fleet.id, kind: fleet.kind, name: fleet.name } });
      return { fleet, api_key: apiKey, webhook_secret: webhookSecret };
    });
    return reply.code(201).header('location', `/v1/fleets/${created.fleet.id}`).send(created);
  });

  app.get('/fleets', {
    schema: { tags, summary: 'List fleets (a fleet sees itself)', querystring: ListFleetsQuerySchema, response: { 200: PageSchema(FleetSchema), ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet'] },
  }, async (request) => {
    const p = principalOf(request);
    const limit = request.query.limit ?? 50;
    const rows = await app.store.fleets.list({ afterId: decodeCursor(request.query.cursor), limit, kind: request.query.kind, ids: p.role === 'fleet' ? [p.fleetId!] : undefined });
    return pageOf(rows, limit, (f) => f.id);
  });

  app.get('/fleets/:id', {
    schema: { tags, summary: 'Get a fleet', params: IdParamsSchema('flt'), response: { 200: FleetSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet'] },
  }, async (request) => {
    assertFleet(principalOf(request), request.params.id);
    const fleet = await app.store.fleets.get(request.params.id);
    if (!fleet) throw notFound('fleet', request.params.id);
    return fleet;
  });

  app.post('/fleets/:id/keys', {
    schema: { tags, summary: 'Issue another API key (shown once)', params: IdParamsSchema('flt'), body: CreateApiKeySchema, response: { 201: ApiKeySchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet'] },
  }, async (request, reply) => {
    assertFleet(principalOf(request), request.params.id);
    if (!(await app.store.fleets.get(request.params.id))) throw notFound('fleet', request.params.id);
    const key = await app.tx(async (tx) => {
      const made = await tx.fleets.createKey(request.params.id, request.body.label ?? null);
      await tx.events.append({ type: 'fleet.key_created', fleetId: request.params.id, payload: { fleet_id: request.params.id, key_id: made.id } });
      return made;
    });
    return reply.code(201).send(key);
  });

  app.delete('/fleets/:id/keys/:keyId', {
    schema: {
      tags, summary: 'Revoke an API key',
      params: Type.Object({ id: IdSchema('flt'), keyId: Type.String({ pattern: '^key_[0-9A-HJKMNP-TV-Z]{16}$' }) }),
      response: { 204: Type.Null(), ...ERROR_RESPONSES },
    },
    config: { roles: ['admin', 'fleet'] },
  }, async (request, reply) => {
    assertFleet(principalOf(request), request.params.id);
    const revoked = await app.tx(async (tx) => {
      const done = await tx.fleets.revokeKey(request.params.id, request.params.keyId);
      if (done) await tx.events.append({ type: 'fleet.key_revoked', fleetId: request.params.id, payload: { fleet_id: request.params.id, key_id: request.params.keyId } });
      return done;
    });
    if (!revoked) throw notFound('API key', request.params.keyId);
    app.auth.forget(request.params.keyId);
    return reply.code(204).send(null);
  });
}
