// The API's error catalogue: stable snake_case codes → HTTP status and title, rendered as RFC 9457 problem+json.
import { type EngineError, RoutingError } from '../engine/index.js';

/** Every code the API may answer with. Add new codes here, never inline in a route. */
export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, title: 'The request is malformed' },
  bad_cursor: { status: 400, title: 'The pagination cursor is not valid' },
  invalid_occurred_at: { status: 400, title: 'The X-Occurred-At time is malformed or in the future' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  invalid_credentials: { status: 401, title: 'The API key or token is not valid' },
  token_expired: { status: 401, title: 'The token has expired' },
  forbidden: { status: 403, title: 'The credentials do not allow this' },
  not_found: { status: 404, title: 'No such resource' },
  route_not_found: { status: 404, title: 'No such route' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  version_conflict: { status: 409, title: 'The resource changed since you read it' },
  illegal_transition: { status: 409, title: 'This transition is not allowed from the current state' },
  order_not_reschedulable: { status: 409, title: 'A courier has accepted the order, or it has ended: its hour can no longer change' },
  already_exists: { status: 409, title: 'The resource already exists' },
  idempotency_key_in_flight: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  market_not_owned: { status: 409, title: 'Another cluster node plans this market' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  idempotency_key_reused: { status: 422, title: 'The Idempotency-Key was used with a different request' },
  unprocessable: { status: 422, title: 'The request cannot be processed' },
  unknown_reference: { status: 422, title: 'The request refers to something that does not exist' },
  outside_service_area: { status: 422, title: 'The location is outside the market service area' },
  off_road_network: { status: 422, title: 'The location is too far from the road network to be routed' },
  catalogue_item_unavailable: { status: 422, title: 'The catalogue item is not available today' },
  over_quota: { status: 422, title: "The household's quota for this package and period is used up" },
  sold_out: { status: 409, title: 'Not enough stock of this package at this distribution point' },
  invalid_signature: { status: 401, title: 'The X-Hub-Signature-256 header does not match the body' },
  precondition_required: { status: 428, title: 'This request needs an If-Match header' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  routing_unavailable: { status: 503, title: 'The routing service is unavailable' },
  not_ready: { status: 503, title: 'The service is not ready' },
  database_unavailable: { status: 503, title: 'The database connection failed; retry with the same Idempotency-Key' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One field error: a JSON Pointer-like path into the request (`/body/items/0/quantity`) and what is wrong. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem document as this API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  request_id: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Thrown by routes, plugins and stores; the error handler renders it. `extra` adds problem members (e.g. `current`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
    /** Extra response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? ERROR_CATALOGUE[code].title);
    this.status = ERROR_CATALOGUE[code].status;
  }
}

/** Base of the `type` URIs; each code documents itself at `<base><code>`. */
export const PROBLEM_TYPE_BASE = 'https://jejaring.dev/problems/';

/** Builds the problem document for `code`. */
export function problemOf(code: ErrorCode, requestId: string, detail?: string, errors?: FieldError[], extra?: Record<string, unknown>): Problem {
  const { status, title } = ERROR_CATALOGUE[code];
  const problem: Problem = { ...extra, type: `${PROBLEM_TYPE_BASE}${code}`, title, status, detail: detail ?? title, code, request_id: requestId };
  if (errors && errors.length > 0) problem.errors = errors;
  return problem;
}

/** Maps an engine failure to an ApiError: input → 422, not_found → 404, routing → 422 (no route) or 503 (unreachable). */
export function fromEngineError(error: EngineError): ApiError {
  const errors = error.field ? [{ path: `/${error.field.replaceAll('.', '/')}`, message: error.message }] : undefined;
  const extra = { engine_code: error.code };
  switch (error.kind) {
    case 'input':
      return new ApiError('unprocessable', error.message, errors, extra);
    case 'not_found':
      return new ApiError('not_found', error.message, errors, extra);
    case 'routing':
      return error instanceof RoutingError && error.retryable
        ? new ApiError('routing_unavailable', error.message, errors, extra)
        : new ApiError('unprocessable', error.message, errors, extra);
    default:
      return new ApiError('internal', 'internal engine error', undefined, extra);
  }
}

/** Shorthand for the common 404. */
export function notFound(what: string, id: string): ApiError {
  return new ApiError('not_found', `${what} ${id} does not exist`);
}
