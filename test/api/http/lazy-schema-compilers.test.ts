// Lazy route-schema compilers: nothing compiles before a route is called, and a called route validates, coerces,
// fills defaults, reports errors and serializes exactly as with fastify's own compilers.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from '../../../api/http/lazy-schema-compilers.js';

const AJV = { customOptions: { removeAdditional: false, coerceTypes: 'array' as const, useDefaults: true, allErrors: true } };

function appWith(compilersFactory?: ReturnType<typeof lazySchemaCompilers>): FastifyInstance {
  const app = Fastify({ ajv: AJV, ...(compilersFactory ? { schemaController: { compilersFactory } } : {}) });
  app.post('/items', {
    schema: {
      querystring: { type: 'object', properties: { limit: { type: 'integer', default: 10 } } },
      body: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 2 }, tags: { type: 'array', items: { type: 'string' } } } },
      response: { 200: { type: 'object', properties: { name: { type: 'string' }, limit: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } } } },
    },
  }, async (request) => ({ ...(request.body as object), limit: (request.query as { limit: number }).limit, secret: 'not in the schema' }));
  // A schema Ajv refuses: a lazy app only fails when this route is called.
  app.get('/broken', { schema: { querystring: { type: 'object', properties: { n: { type: 'no-such-type' } } } } }, async () => ({ ok: true }));
  return app;
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe('lazySchemaCompilers', () => {
  it('compiles nothing before a route is called: a broken schema fails its own route only', async () => {
    const eager = appWith();
    apps.push(eager);
    await expect(eager.ready()).rejects.toThrow(/no-such-type|schema is invalid|type must be/i);
    const lazy = appWith(lazySchemaCompilers());
    apps.push(lazy);
    await lazy.ready();
    expect((await lazy.inject({ method: 'GET', url: '/broken?n=1' })).statusCode).toBe(500);
    expect((await lazy.inject({ method: 'POST', url: '/items', payload: { name: 'bayam' } })).statusCode).toBe(200);
  });

  it('validates, coerces, fills defaults, reports every error and serializes by the response schema', async () => {
    const app = appWith(lazySchemaCompilers());
    apps.push(app);
    const ok = await app.inject({ method: 'POST', url: '/items?limit=5', payload: { name: 'bayam', tags: 'segar' } });
    expect(ok.json()).toEqual({ name: 'bayam', limit: 5, tags: ['segar'] }); // query coerced, array coerced, extra field dropped
    expect((await app.inject({ method: 'POST', url: '/items', payload: { name: 'kangkung' } })).json().limit).toBe(10);
    const bad = await app.inject({ method: 'POST', url: '/items', payload: { name: 'x', tags: [{}] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/name must NOT have fewer than 2 characters/);
    expect(bad.json().message).toMatch(/tags\/0 must be string/);
    // The second failure of the same route reports its own errors, not the first one's.
    const missing = await app.inject({ method: 'POST', url: '/items', payload: {} });
    expect(missing.json().message).toMatch(/must have required property 'name'/);
    expect(missing.json().message).not.toMatch(/fewer than 2/);
  });
});
