// `X-Occurred-At`: when the courier tapped the button (offline actions are replayed later); bounded to the last 24 h.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.js';

/** How far back a replayed action may date itself; older taps are recorded at this bound. */
export const OCCURRED_AT_MAX_AGE_S = 24 * 3600;
/** Phone clocks run a little fast: a time at most this far ahead is taken as now, further ahead is refused. */
export const OCCURRED_AT_FUTURE_SLACK_S = 120;

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function invalid(detail: string): ApiError {
  return new ApiError('invalid_occurred_at', detail, [{ path: '/headers/x-occurred-at', message: detail }]);
}

/**
 * The time to record for a transition: the header's instant clamped to [now − 24 h, now], or `now` without
 * the header. A malformed value or one beyond the clock slack in the future is a 400 `invalid_occurred_at`.
 */
export function occurredAtOf(headerValue: string | string[] | undefined, now: Date): Date {
  if (headerValue === undefined) return now;
  const text = Array.isArray(headerValue) ? headerValue[0] ?? '' : headerValue;
  if (!ISO_WITH_ZONE.test(text.trim())) return fail('is not an ISO 8601 time with a zone');
  const atMs = Date.parse(text.trim());
  if (Number.isNaN(atMs)) return fail('is not an ISO 8601 time with a zone');
  const nowMs = now.getTime();
  if (atMs > nowMs + OCCURRED_AT_FUTURE_SLACK_S * 1000) return fail('lies in the future');
  return new Date(Math.min(nowMs, Math.max(nowMs - OCCURRED_AT_MAX_AGE_S * 1000, atMs)));

  function fail(detail: string): never {
    throw invalid(`X-Occurred-At ${detail}`);
  }
}

const timesByRequest = new WeakMap<FastifyRequest, { now: Date; occurredAt: Date }>();

/**
 * Reads the header before validation (so a bad value is a 400 that never claims an Idempotency-Key) for every
 * route of `app` (an encapsulated route plugin).
 */
export function readOccurredAt(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const now = new Date();
    timesByRequest.set(request, { now, occurredAt: occurredAtOf(request.headers['x-occurred-at'], now) });
  });
}

/** The server's now and the time to record for `request` (read by the hook, else read now). */
export function timesOf(request: FastifyRequest): { now: Date; occurredAt: Date } {
  const known = timesByRequest.get(request);
  if (known !== undefined) return known;
  const now = new Date();
  return { now, occurredAt: occurredAtOf(request.headers['x-occurred-at'], now) };
}
