// Idempotency-Key on POST: the first request claims the key, its response is stored 24 h and replayed to repeats;
// the same key with a different request → 422 idempotency_key_reused; while the first is running → 409.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { globalPlugin } from './global-plugin.js';
import { principalKey } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request claimed an Idempotency-Key: `{ scope, key }`. */
    idempotency: { scope: string; key: string } | null;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`).digest('hex');
}

function replay(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  reply.header('idempotent-replayed', 'true').code(status);
  if (status >= 400) reply.type('application/problem+json');
  else reply.type('application/json; charset=utf-8');
  return reply.send(JSON.stringify(body));
}

export default globalPlugin('jejaring-idempotency', async (app: FastifyInstance) => {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new ApiError('validation_failed', 'Idempotency-Key must be 1–255 visible ASCII characters', [{ path: '/headers/idempotency-key', message: 'is not a valid key' }]);
    }
    const scope = request.principal ? principalKey(request.principal) : `ip:${request.ip}`;
    const claim = await app.store.idempotency.claim(scope, key, requestHash(request));
    switch (claim.kind) {
      case 'claimed':
        request.idempotency = { scope, key };
        return;
      case 'replay':
        return replay(reply, claim.status, claim.body);
      case 'mismatch':
        throw new ApiError('idempotency_key_reused', `Idempotency-Key ${key} was already used with a different request`);
      case 'in_flight':
        throw new ApiError('idempotency_key_in_flight', `a request with Idempotency-Key ${key} is still being processed; retry later`, undefined, undefined, { 'retry-after': '1' });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claimed = request.idempotency;
    if (!claimed) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500) {
      await app.store.idempotency.release(claimed.scope, claimed.key);
      return payload;
    }
    let body: unknown = payload;
    if (typeof payload === 'string') {
      try {
        body = JSON.parse(payload);
      } catch {
        body = payload;
      }
    }
    await app.store.idempotency.complete(claimed.scope, claimed.key, reply.statusCode, body);
    return payload;
  });
});
