// Idempotency-Key on POST: the first request claims the key, its response is stored 24 h and replayed to repeats;
// the same key with a different request → 422 idempotency_key_reused; while the first is running → 409.
// Routes with `config: { idempotency: 'in_handler' }` claim nothing up front: their handler looks the key up with its
// read (`handlerIdempotency`, `answerIdempotent`) and records key and response in the statement that writes its
// change (`recordedInHandler`), so a crash leaves no claim.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import type { ClaimResult, IdempotencyRecord } from '../store/idempotency-store.js';
import { globalPlugin } from './global-plugin.js';
import { principalKey } from '../auth/principal.js';

/** A key this request holds: claimed up front, or (in_handler) to be recorded by the handler's write. */
interface HeldKey extends IdempotencyRecord {
  readonly inHandler: boolean;
  /** The handler wrote key and response itself; nothing is left for onSend. */
  recorded: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request holds an Idempotency-Key. */
    idempotency: HeldKey | null;
  }
  interface FastifyContextConfig {
    /** 'in_handler': the handler records the key with its write (see the banner). */
    idempotency?: 'in_handler';
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

/** Answers a request whose key an earlier request already used (replay, 422 or 409); returns undefined for 'claimed'. */
function answer(reply: FastifyReply, key: string, verdict: ClaimResult): FastifyReply | undefined {
  switch (verdict.kind) {
    case 'claimed':
      return undefined;
    case 'replay':
      return replay(reply, verdict.status, verdict.body);
    case 'mismatch':
      throw new ApiError('idempotency_key_reused', `Idempotency-Key ${key} was already used with a different request`);
    case 'in_flight':
      throw new ApiError('idempotency_key_in_flight', `a request with Idempotency-Key ${key} is still being processed; retry later`, undefined, undefined, { 'retry-after': '1' });
  }
}

/** For an in_handler route: the key to record with the write (null without Idempotency-Key). */
export function handlerIdempotency(request: FastifyRequest): IdempotencyRecord | null {
  const held = request.idempotency;
  return held?.inHandler ? { scope: held.scope, key: held.key, hash: held.hash } : null;
}

/** The handler's write recorded the key and its response. */
export function recordedInHandler(request: FastifyRequest): void {
  if (request.idempotency) request.idempotency.recorded = true;
}

/** For an in_handler route whose read found the key used (replay, other request, in flight): answers accordingly. */
export function answerIdempotent(request: FastifyRequest, reply: FastifyReply, verdict: ClaimResult): FastifyReply {
  const held = request.idempotency!;
  request.idempotency = null;
  return answer(reply, held.key, verdict.kind === 'claimed' ? { kind: 'in_flight' } : verdict)!;
}

/** The handler's write found the key taken by a concurrent twin: answer as that twin's request left it. */
export async function answerTakenKey(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const held = request.idempotency!;
  request.idempotency = null;
  const verdict = await app.store.idempotency.peek(held.scope, held.key, held.hash);
  return answer(reply, held.key, verdict.kind === 'claimed' ? { kind: 'in_flight' } : verdict)!;
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
    const hash = requestHash(request);
    const inHandler = request.routeOptions.config?.idempotency === 'in_handler';
    // An in_handler route looks the key up itself, in its first read.
    const verdict = inHandler ? { kind: 'claimed' as const } : await app.store.idempotency.claim(scope, key, hash);
    if (verdict.kind === 'claimed') {
      request.idempotency = { scope, key, hash, inHandler, recorded: false };
      return;
    }
    return answer(reply, key, verdict);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claimed = request.idempotency;
    if (!claimed) return payload;
    request.idempotency = null;
    if (claimed.recorded) return payload;
    if (reply.statusCode >= 500) {
      // An in_handler route claimed nothing; a claimed key is dropped so the client may retry with it.
      // With the database gone the release fails too; the claim is then taken over once it is stale.
      if (!claimed.inHandler) await app.store.idempotency.release(claimed.scope, claimed.key).catch(() => undefined);
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
    // A refusal (4xx) of an in_handler route wrote nothing: its answer is recorded here, like a claimed route's.
    if (claimed.inHandler) await app.store.idempotency.record(claimed, reply.statusCode, body);
    else await app.store.idempotency.complete(claimed.scope, claimed.key, reply.statusCode, body);
    return payload;
  });
});
