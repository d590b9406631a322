// Hostile-input guard: refuses, before validation, any body, query or path value that no field legitimately holds:
// NUL characters and lone UTF-16 surrogates (PostgreSQL text and jsonb cannot store them), non-finite numbers
// (JSON `1e999` parses to Infinity) and nesting deeper than MAX_DEPTH. One 400 instead of a database error.
// Query parameters a /v1 route does not declare are refused too (a misspelt filter must not be silently dropped).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { globalPlugin } from './global-plugin.js';

/** Deeper JSON than this is refused (the API's own documents nest fewer than ten levels). */
export const MAX_DEPTH = 32;

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const FORBIDDEN = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The JSON-pointer-ish path of the first forbidden value in `value`, or null when it is clean. */
export function firstForbidden(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? path : null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return path;
  // An explicit stack would do as well; MAX_DEPTH keeps this recursion shallow.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstForbidden(value[i], `${path}/${i}`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.test(key)) return `${path}/${key.replace(FORBIDDEN, '?')}`;
    const bad = firstForbidden((value as Record<string, unknown>)[key], `${path}/${key}`, depth + 1);
    if (bad) return bad;
  }
  return null;
}

function guard(request: FastifyRequest): void {
  for (const [context, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
    const bad = firstForbidden(value, `/${context}`);
    if (bad) {
      throw new ApiError('validation_failed', 'the request holds a value no field accepts (NUL, a lone surrogate, a non-finite number or deep nesting)', [
        { path: bad, message: 'is not an acceptable value' },
      ]);
    }
  }
}

/** `schema` with undeclared properties refused; a route without a query schema accepts no query parameters. */
export function closedQuerySchema(schema: unknown): Record<string, unknown> {
  if (schema === undefined || schema === null) return { type: 'object', properties: {}, additionalProperties: false };
  const object = schema as Record<string, unknown>;
  if (object.type !== 'object' || object.additionalProperties !== undefined || object.patternProperties !== undefined) return object;
  return { ...object, additionalProperties: false };
}

export default globalPlugin('jejaring-input-guard', async (app: FastifyInstance) => {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1')) return;
    route.schema = { ...route.schema, querystring: closedQuerySchema(route.schema?.querystring) };
  });
  app.addHook('preValidation', async (request) => guard(request));
});
