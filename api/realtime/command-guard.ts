// Courier socket commands behind the same guard as REST: payloads with NUL, lone surrogates, non-finite numbers or
// deep nesting are refused up front, and failures are acknowledged with the REST error codes, never raw database text.
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { toApiError } from '../plugins/error-handler.js';
import { firstForbidden } from '../plugins/input-guard.js';
import type { Principal } from '../auth/principal.js';

export type GuardedCommand = (principal: Principal, payload: unknown) => Promise<unknown>;

/** Wraps `handler`: validates the payload's values and turns every failure into an ApiError with a stable code. */
export function guardCommand(name: string, handler: GuardedCommand, log: FastifyBaseLogger): GuardedCommand {
  return async (principal, payload) => {
    const bad = firstForbidden(payload, '/payload');
    if (bad) throw new ApiError('validation_failed', `${name}: the payload holds a value no field accepts`, [{ path: bad, message: 'is not an acceptable value' }]);
    try {
      return await handler(principal, payload);
    } catch (error) {
      throw toApiError(error, { log } as FastifyRequest);
    }
  };
}
