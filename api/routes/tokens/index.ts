// /v1/tokens: admins issue tokens for any role; a fleet issues courier tokens for its own couriers. Revocation by id.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import type { TokenRequest } from '../../auth/auth-tokens.js';
import type { Principal } from '../../auth/principal.js';
import { ERROR_RESPONSES } from '../../schemas/common.js';
import { IssuedTokenSchema, IssueTokenSchema, type IssueToken } from '../../schemas/tokens.js';
import type { Stores } from '../../store/stores.js';

/** Turns a request into what the token will carry, enforcing who may issue what. */
async function tokenRequestOf(store: Stores, p: Principal, body: IssueToken): Promise<TokenRequest> {
  const ttlS = body.ttl_s ?? 43_200;
  if (p.role === 'fleet' && body.role !== 'courier') throw new ApiError('forbidden', 'a fleet issues courier tokens only');
  if (body.role === 'courier') {
    if (!body.courier_id) throw new ApiError('validation_failed', 'courier tokens need courier_id', [{ path: '/body/courier_id', message: 'is required for role courier' }]);
    const courier = await store.couriers.get(body.courier_id);
    if (!courier || (p.role === 'fleet' && courier.courier.fleet_id !== p.fleetId)) {
      throw new ApiError('unknown_reference', `courier ${body.courier_id} does not exist`, [{ path: '/body/courier_id', message: 'no such courier in your fleet' }]);
    }
    return { role: 'courier', subjectId: courier.courier.id, courierId: courier.courier.id, fleetId: courier.courier.fleet_id, ttlS };
  }
  if (body.role === 'fleet') throw new ApiError('unprocessable', 'fleets authenticate with API keys: POST /v1/fleets/{id}/keys', [{ path: '/body/role', message: 'use an API key' }]);
  if (body.courier_id) throw new ApiError('validation_failed', 'courier_id is only for courier tokens', [{ path: '/body/courier_id', message: 'only with role courier' }]);
  const marketIds = body.market_ids ?? [];
  if (marketIds.length > 0) {
    const found = await store.markets.list({ ids: marketIds, limit: marketIds.length });
    const known = new Set(found.map((m) => m.id));
    const errors = marketIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `/body/market_ids/${i}`, message: `no market ${id}` }]));
    if (errors.length > 0) throw new ApiError('unknown_reference', 'some market_ids do not exist', errors);
  }
  return { role: body.role, subjectId: body.subject_id ?? `usr_${body.role}`, marketIds, ttlS };
}

export default async function tokenRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];

  app.post('/tokens', {
    schema: { tags, summary: 'Issue a bearer token (shown once)', body: IssueTokenSchema, response: { 201: IssuedTokenSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet'] },
  }, async (request, reply) => {
    const p = principalOf(request);
    const wanted = await tokenRequestOf(app.store, p, request.body);
    const { token, claims } = await app.auth.issueToken(wanted, p.credentialId);
    return reply.code(201).send({
      id: claims.jti, token, role: claims.role, subject_id: claims.sub, market_ids: [...(claims.markets ?? [])],
      fleet_id: claims.fleet ?? null, courier_id: claims.courier ?? null, expires_at: new Date(claims.exp * 1000).toISOString(),
    });
  });

  app.delete('/tokens/:id', {
    schema: { tags, summary: 'Revoke a token', params: Type.Object({ id: Type.String({ pattern: '^tok_[0-9A-HJKMNP-TV-Z]{26}$' }) }), response: { 204: Type.Null(), ...ERROR_RESPONSES } },
    config: { roles: ['admin'] },
  }, async (request, reply) => {
    if (!(await app.store.tokens.revoke(request.params.id))) throw notFound('token', request.params.id);
    app.auth.forget(request.params.id);
    return reply.code(204).send(null);
  });
}
