// The error catalogue: problem documents, engine error mapping by kind, and idempotency/concurrency header parsing.
import type { FastifyRequest } from 'fastify';
import { expect, it } from 'vitest';
import { InputError, NotFoundError, RoutingError, InternalError } from '../../engine/errors.js';
import { ERROR_CATALOGUE, fromEngineError, problemOf } from '../../api/errors.js';
import { assertVersion, expectedVersion, requiredVersion } from '../../api/http/concurrency.js';
import { canonicalJson } from '../../api/plugins/idempotency.js';

it('renders RFC 9457 members with a stable type per code', () => {
  const p = problemOf('version_conflict', 'req_1', 'order changed', undefined, { current: { version: 3 } });
  expect(p).toEqual({ type: 'https://jejaring.dev/problems/version_conflict', title: ERROR_CATALOGUE.version_conflict.title, status: 409, detail: 'order changed', code: 'version_conflict', request_id: 'req_1', current: { version: 3 } });
  expect(problemOf('validation_failed', 'r', undefined, [{ path: '/body/x', message: 'bad' }]).errors).toEqual([{ path: '/body/x', message: 'bad' }]);
  for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
    expect(code).toMatch(/^[a-z_]+$/);
    expect(entry.status).toBeGreaterThanOrEqual(400);
  }
});

it('maps engine errors by kind', () => {
  expect(fromEngineError(new InputError('bad_point', 'lat out of range', 'orders.0.lat'))).toMatchObject({ status: 422, code: 'unprocessable', errors: [{ path: '/orders/0/lat' }], extra: { engine_code: 'bad_point' } });
  expect(fromEngineError(new NotFoundError('no_profile', 'no such profile')).status).toBe(404);
  expect(fromEngineError(new RoutingError('no_route', 'no route between the points')).status).toBe(422);
  expect(fromEngineError(new RoutingError('routing_unavailable', 'connect ECONNREFUSED')).status).toBe(503);
  // By code, not by wording: a no-route answer that mentions a timeout is still the request's fault.
  expect(fromEngineError(new RoutingError('no_route', 'no route found before the timeout')).status).toBe(422);
  expect(fromEngineError(new InternalError('bug', 'oops')).status).toBe(500);
});

it('parses If-Match versions and flags conflicts with the current state', () => {
  const req = (value?: string) => ({ headers: value === undefined ? {} : { 'if-match': value } }) as unknown as FastifyRequest;
  expect(expectedVersion(req('"3"'))).toBe(3);
  expect(expectedVersion(req('W/"12"'))).toBe(12);
  expect(expectedVersion(req('7'))).toBe(7);
  expect(expectedVersion(req())).toBeUndefined();
  expect(() => expectedVersion(req('"abc"'))).toThrow(/If-Match/);
  expect(() => requiredVersion(req())).toThrow(expect.objectContaining({ code: 'precondition_required', status: 428 }));
  expect(() => assertVersion(2, { id: 'ord_1', version: 3 }, 'order')).toThrow(expect.objectContaining({ code: 'version_conflict', extra: { current: { id: 'ord_1', version: 3 } } }));
  expect(() => assertVersion(undefined, { id: 'ord_1', version: 3 }, 'order')).not.toThrow();
});

it('hashes bodies independently of key order', () => {
  expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }] })).toBe(canonicalJson({ a: [{ x: 1, y: 2 }], b: 1 }));
  expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
});
