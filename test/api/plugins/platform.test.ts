// Platform behaviour every route relies on: problem+json shape and request ids, health/readiness, OpenAPI, rate limits,
// CORS and security headers, the roles guard, and idempotency keys still in flight.
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import authPlugin from '../../../api/plugins/auth.js';
import { describeEachBackend, TEST_SECRET } from '../helpers/backends.js';
import { admin, createMarket, expectProblem, marketBody } from '../helpers/fixtures.js';

describeEachBackend('platform', (ctx) => {
  it('answers unknown routes with problem+json carrying the request id', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/nothing-here' });
    const problem = expectProblem(res, 404, 'route_not_found');
    expect(res.headers['x-request-id']).toBe(problem.request_id);
    expect(problem.type).toBe('https://jejaring.dev/problems/route_not_found');
    expect(problem.instance).toBe('/v1/nothing-here');
  });

  it('reports health and readiness with the backend and migrations', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = (await ctx.app.inject({ method: 'GET', url: '/ready' })).json();
    expect(ready).toMatchObject({ status: 'ready', backend: ctx.kind, last_event_seq: 0 });
    expect(ready.migrations).toBeGreaterThanOrEqual(1);
  });

  it('publishes an OpenAPI 3 document describing the resource routes', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/v1/markets', '/v1/orders', '/v1/orders/{id}', '/v1/fleets', '/v1/couriers', '/v1/events', '/v1/plans/{id}', '/v1/tokens']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/v1/orders'].post.requestBody.content['application/json'].schema.properties.items.type).toBe('array');
    expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
  });

  it('limits requests per credential with 429 and Retry-After', async () => {
    const limited = await ctx.buildApp({ rateLimit: { perWindow: { admin: 2, anonymous: 1 }, windowMs: 60_000 } });
    const headers = await admin(limited);
    const other = await admin(limited);
    expect((await limited.inject({ method: 'GET', url: '/v1/markets', headers })).statusCode).toBe(200);
    expect((await limited.inject({ method: 'GET', url: '/v1/markets', headers })).statusCode).toBe(200);
    const third = await limited.inject({ method: 'GET', url: '/v1/markets', headers });
    expectProblem(third, 429, 'rate_limited');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // Another token has its own budget.
    expect((await limited.inject({ method: 'GET', url: '/v1/markets', headers: other })).statusCode).toBe(200);
  });

  it('sends security headers and honours the CORS allow-list', async () => {
    const withCors = await ctx.buildApp({ rateLimit: false, corsOrigins: ['https://dispatch.example'] });
    const allowed = await withCors.inject({ method: 'GET', url: '/health', headers: { origin: 'https://dispatch.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dispatch.example');
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    const denied = await withCors.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 409 while a request with the same Idempotency-Key is in flight', async () => {
    const headers = { ...(await admin(ctx.app)), 'idempotency-key': 'busy' };
    const body = marketBody();
    const first = await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers, payload: body });
    expect(first.statusCode).toBe(201);
    // Simulate a concurrent twin: the claim exists but has no response yet.
    await ctx.db.query(`UPDATE idempotency_keys SET response_status = NULL, response_body = NULL WHERE key = 'busy'`);
    const twin = await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers, payload: body });
    expectProblem(twin, 409, 'idempotency_key_in_flight');
    expect(twin.headers['retry-after']).toBe('1');
    const badKey = await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers: { ...headers, 'idempotency-key': 'x'.repeat(300) }, payload: body });
    expectProblem(badKey, 400, 'validation_failed');
  });

  it('replays concurrent duplicates at most once', async () => {
    const headers = { ...(await admin(ctx.app)), 'idempotency-key': 'race' };
    const body = marketBody();
    const results = await Promise.all([0, 1, 2, 3].map(() => ctx.app.inject({ method: 'POST', url: '/v1/markets', headers, payload: body })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201).length).toBeGreaterThanOrEqual(1);
    expect(codes.every((c) => c === 201 || c === 409)).toBe(true);
    const created = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM markets');
    expect(created.rows[0].n).toBe(1);
    await createMarket(ctx.app, { name: 'Another' });
  });
});

it('refuses to start with a /v1 route that declares neither roles nor public', async () => {
  const app = Fastify();
  await app.register(authPlugin, { secret: TEST_SECRET });
  expect(() => app.get('/v1/open-by-mistake', async () => ({}))).toThrow(/declares neither config.roles nor config.public/);
  expect(() => app.get('/v1/fine', { config: { roles: ['admin'] } }, async () => ({}))).not.toThrow();
  await app.close();
});

describeEachBackend('housekeeping', (ctx) => {
  it('prunes expired idempotency keys and keeps live ones', async () => {
    await ctx.db.query(`INSERT INTO idempotency_keys (scope, key, request_hash, expires_at) VALUES ('s', 'old', 'h', now() - interval '1 second'), ('s', 'live', 'h', now() + interval '1 hour')`);
    const { prune } = await import('../../../api/plugins/housekeeping.js');
    expect(await prune(ctx.app)).toEqual({ idempotencyKeys: 1, positions: 0 });
    const left = await ctx.db.query<{ key: string }>('SELECT key FROM idempotency_keys');
    expect(left.rows.map((r) => r.key)).toEqual(['live']);
  });
});

describeEachBackend('credential guessing', (ctx) => {
  it('answers 429 to an address after too many failed authentications, but still serves its valid credentials', async () => {
    const { buildApp } = await import('../../../api/app.js');
    const guarded = await buildApp({ db: ctx.db, secret: TEST_SECRET, rateLimit: { authFailuresPerMinute: 60 }, docs: false });
    await guarded.ready();
    try {
      const bogus = { authorization: 'Bearer jk_0000000000000000_00000000000000000000000000000000' };
      for (let i = 0; i < 60; i++) expect((await guarded.inject({ method: 'GET', url: '/v1/markets', headers: bogus })).statusCode).toBe(401);
      const blocked = await guarded.inject({ method: 'GET', url: '/v1/markets', headers: bogus });
      expectProblem(blocked, 429, 'rate_limited');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await guarded.inject({ method: 'GET', url: '/v1/markets', headers: await admin(guarded) })).statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
