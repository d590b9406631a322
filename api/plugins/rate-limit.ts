// Per-credential request limits with @fastify/rate-limit: one budget per API key / token, anonymous callers per IP; 429 + Retry-After.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { globalPlugin } from './global-plugin.js';
import { principalKey, type Role } from '../auth/principal.js';

/** Requests per window by role (and `anonymous` for calls without credentials). */
export interface RateLimitSettings {
  readonly perWindow?: Partial<Record<Role | 'anonymous', number>>;
  readonly windowMs?: number;
  /** Failed authentications per client IP and minute before 429 (default 60). */
  readonly authFailuresPerMinute?: number;
}

export const DEFAULT_RATE_LIMITS: Record<Role | 'anonymous', number> = {
  admin: 10_000,
  dispatcher: 3_000,
  planner: 600,
  fleet: 3_000,
  courier: 600,
  anonymous: 300,
};

export default globalPlugin<{ settings: RateLimitSettings }>('jejaring-rate-limit', async (app: FastifyInstance, { settings }) => {
  const limits = { ...DEFAULT_RATE_LIMITS, ...settings.perWindow };
  await app.register(rateLimit, {
    global: true,
    hook: 'preValidation',
    timeWindow: settings.windowMs ?? 60_000,
    max: (request: FastifyRequest) => limits[request.principal?.role ?? 'anonymous'],
    keyGenerator: (request: FastifyRequest) => (request.principal ? principalKey(request.principal) : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new ApiError('rate_limited', `limit of ${context.max} requests reached; retry in ${context.after}`, undefined, undefined, {
        'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))),
      }),
  });
});
