// EngineError and its kinds: the one error vocabulary the engine throws at its edges (compile, providers, graph input).

/** Broad class of an engine failure; the API maps each kind to an HTTP status. */
export type EngineErrorKind = 'input' | 'not_found' | 'routing' | 'internal';

/** Thrown by the engine at its edges. `code` is stable (snake_case) and `field` names the culprit when there is one. */
export class EngineError extends Error {
  override readonly name: string = 'EngineError';
  constructor(
    readonly kind: EngineErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad input: a value the caller sent is malformed, out of range or inconsistent. */
export class InputError extends EngineError {
  override readonly name = 'InputError';
  constructor(code: string, message: string, field?: string, options?: { cause?: unknown }) {
    super('input', code, message, field, options);
  }
}

/** A referenced thing (id, profile, file) does not exist. */
export class NotFoundError extends EngineError {
  override readonly name = 'NotFoundError';
  constructor(code: string, message: string, field?: string, options?: { cause?: unknown }) {
    super('not_found', code, message, field, options);
  }
}

/**
 * Why the road network could not answer. `routing_unavailable` is the one the caller may retry (a routing server is
 * down or slow); the others describe the request's points (no road near one, no road between them).
 */
export type RoutingErrorCode = 'no_segment' | 'no_route' | 'osrm_error' | 'routing_unavailable';

/** The road network could not answer: no segment near a point, no route, routing server unreachable. */
export class RoutingError extends EngineError {
  override readonly name = 'RoutingError';
  declare readonly code: RoutingErrorCode;
  constructor(code: RoutingErrorCode, message: string, field?: string, options?: { cause?: unknown }) {
    super('routing', code, message, field, options);
  }

  /** True when trying again later may succeed (the routing service, not the request, failed). */
  get retryable(): boolean {
    return this.code === 'routing_unavailable';
  }
}

/** An invariant broke inside the engine: a bug, never the caller's fault. */
export class InternalError extends EngineError {
  override readonly name = 'InternalError';
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super('internal', code, message, undefined, options);
  }
}
