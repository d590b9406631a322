// The OpenAPI document is worth reading: every operation has a summary, a description and its roles; POSTs declare
// Idempotency-Key; request bodies carry examples that pass their own schema; errors are problem+json. The catalogue
// (api/schemas/operation-docs.ts) must cover every route, and name no route that does not exist.
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { OPERATION_DOCS } from '../../api/schemas/operation-docs.js';
import { HaversineProvider } from '../../engine/index.js';
import { workerPglite } from './helpers/worker-database.js';

type Operation = { summary?: string; description?: string; 'x-roles'?: string[]; parameters?: { in: string; name: string }[]; requestBody?: any; responses: Record<string, any> };

/** OpenAPI 3.0's `nullable: true` as JSON Schema (`type: [t, 'null']`), for Ajv. */
function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, jsonSchemaOf(v)]));
  if (nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

describe('OpenAPI document', () => {
  let app: FastifyInstance;
  let operations: [string, Operation][];

  beforeAll(async () => {
    const routing = new HaversineProvider();
    // Every plugin that adds routes: the REST API, OSRM compatibility, the dispatch desk.
    app = await buildApp({ db: await workerPglite(), secret: 'openapi-docs-secret-0123456789', rateLimit: false, routing, dispatch: { routing } });
    await app.ready();
    const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]));
  }, 600_000);
  afterAll(async () => { await app?.close(); });

  it('has a summary, a description and the roles on every operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(60);
    const undocumented = operations.filter(([, op]) => !op.summary || !op.description || (op['x-roles'] ?? []).length === 0 || !/\*\*Roles:\*\*/.test(op.description)).map(([key]) => key);
    expect(undocumented).toEqual([]);
  });

  it('names only routes that exist', () => {
    const toFastify = (key: string) => key.replace(/\{\*\}/g, '*').replace(/\{(\w+)\}/g, ':$1').replace(/(.)\/$/, '$1');
    const existing = new Set(operations.map(([key]) => toFastify(key)));
    expect(Object.keys(OPERATION_DOCS).filter((key) => !existing.has(key))).toEqual([]);
  });

  it('declares Idempotency-Key on every POST, If-Match and X-Occurred-At on transitions', () => {
    const headers = (op: Operation) => new Set((op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()));
    expect(operations.filter(([key, op]) => key.startsWith('POST') && !headers(op).has('idempotency-key')).map(([key]) => key)).toEqual([]);
    const byKey = new Map(operations);
    for (const key of ['PATCH /v1/markets/{id}', 'POST /v1/offers/{id}/accept', 'POST /v1/stops/{id}/deliver', 'POST /v1/orders/{id}/exchange']) expect(headers(byKey.get(key)!).has('if-match'), key).toBe(true);
    for (const key of ['POST /v1/stops/{id}/arrive', 'POST /v1/stops/{id}/pickup', 'POST /v1/couriers/{id}/online']) expect(headers(byKey.get(key)!).has('x-occurred-at'), key).toBe(true);
  });

  it('gives every request body an example that passes the body schema', () => {
    // Ajv as fastify validates bodies (formats such as date-time are not checked here)
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const failures: string[] = [];
    for (const [key, op] of operations) {
      const media = op.requestBody?.content?.['application/json'];
      if (!media) continue;
      if (media.example === undefined) { failures.push(`${key}: no example`); continue; }
      if (!ajv.validate(jsonSchemaOf(media.schema) as object, media.example)) failures.push(`${key}: ${ajv.errorsText()}`);
    }
    expect(failures).toEqual([]);
  });

  it('describes every error status as problem+json', () => {
    const plain = operations.flatMap(([key, op]) => Object.entries(op.responses).filter(([status, r]) => Number(status) >= 400 && !r.content?.['application/problem+json']).map(([status]) => `${key} ${status}`));
    expect(plain).toEqual([]);
    const order = operations.find(([key]) => key === 'POST /v1/orders')![1];
    expect(order['x-roles']).toEqual(['admin', 'dispatcher', 'fleet']);
    expect(order.responses['403'].description).toMatch(/serves/);
  });
});
