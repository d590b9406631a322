// Renders every failure as RFC 9457 problem+json: ApiError, EngineError, ajv validation, fastify's own errors, 404s.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { globalPlugin } from './global-plugin.js';
import { ApiError, fromEngineError, problemOf, type ErrorCode, type FieldError } from '../errors.js';
import { EngineError } from '../../engine/index.js';
import { CommitOutcomeUnknown, isConnectionLost } from '../db/connection-errors.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** ajv issues → field errors with paths like `/body/items/0/quantity`. */
export function fieldErrorsOf(issues: readonly AjvIssue[], context: string): FieldError[] {
  return issues.map((issue) => {
    let path = `/${context}${issue.instancePath}`;
    if (issue.keyword === 'required') path += `/${String(issue.params.missingProperty)}`;
    if (issue.keyword === 'additionalProperties') path += `/${String(issue.params.additionalProperty)}`;
    const message = issue.keyword === 'additionalProperties' ? 'is not allowed' : (issue.message ?? issue.keyword);
    return { path, message };
  });
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'route_not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Any thrown value → ApiError. Unknown errors become `internal` and are logged. */
export function toApiError(error: unknown, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof EngineError) return fromEngineError(error);
  const fe = error as FastifyError & { validationContext?: string };
  if (Array.isArray(fe.validation)) {
    return new ApiError('validation_failed', 'the request does not match its schema', fieldErrorsOf(fe.validation as AjvIssue[], fe.validationContext ?? 'body'));
  }
  // Constraint violations that slipped past the handlers' own checks (a race, a reference deleted meanwhile).
  const sqlState = (error as { code?: unknown }).code;
  if (sqlState === '23503') return new ApiError('unknown_reference', 'the request refers to something that does not exist');
  if (sqlState === '23505') return new ApiError('already_exists', 'a resource with these unique values already exists');
  if (sqlState === '23514') return new ApiError('unprocessable', 'a value is out of its allowed range');
  // Class 22 (data exception): a value PostgreSQL cannot hold (out of range, bad text for its type, bad encoding).
  if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) return new ApiError('validation_failed', 'a value in the request cannot be stored (out of range or malformed)');
  if (error instanceof CommitOutcomeUnknown || isConnectionLost(error)) return databaseUnavailable(error, request);
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status < 500 && STATUS_CODES[status]) return new ApiError(STATUS_CODES[status], fe.message);
  if (status < 500) return new ApiError('validation_failed', fe.message);
  request.log.error({ err: error }, 'unhandled error');
  return new ApiError('internal', 'an internal error occurred; quote the request_id when reporting it');
}

/** Seconds a client should wait before retrying after a lost database connection (a restart takes a few). */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * A lost or refused database connection: 503 with Retry-After. A failure before COMMIT rolled the request back
 * (`committed: false`); one during COMMIT leaves the outcome unknown (`committed: null`). Either way a retry with the
 * same Idempotency-Key is safe: a request that did commit replays its recorded answer.
 */
function databaseUnavailable(error: unknown, request: FastifyRequest): ApiError {
  request.log.warn({ err: error }, 'database connection failed');
  const unknown = error instanceof CommitOutcomeUnknown;
  const detail = unknown
    ? 'the database connection was lost while the request committed, so whether it took effect is unknown; retry with the same Idempotency-Key'
    : 'the database connection failed and the request did not commit (nothing was changed); retry with the same Idempotency-Key';
  return new ApiError('database_unavailable', detail, undefined, { committed: unknown ? null : false }, { 'retry-after': String(DATABASE_RETRY_AFTER_S) });
}

/** Sends `error` as problem+json. */
export function sendProblem(reply: FastifyReply, error: ApiError): FastifyReply {
  const problem = problemOf(error.code, reply.request.id, error.message, error.errors, error.extra);
  problem.instance = reply.request.url;
  if (error.headers) reply.headers(error.headers);
  return reply.code(error.status).type('application/problem+json').send(problem);
}

export default globalPlugin('jejaring-errors', async (app: FastifyInstance) => {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toApiError(error, request)));
  app.setNotFoundHandler((request, reply) => sendProblem(reply, new ApiError('route_not_found', `no route ${request.method} ${request.url}`)));
});
