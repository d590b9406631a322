// Property-based fuzzing of every REST route: hostile paths, queries and bodies get a 4xx problem, never a 5xx,
// and a refused request writes nothing (row counts of every table unchanged).
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../api/helpers/backends.js';
import { admin, createCourier, createFleet, createOrder, marketWithStalls, orderBody, tokenFor, type Headers } from '../api/helpers/fixtures.js';
import { HaversineProvider, solve } from '../../engine/index.js';
import { hostileString, hostileValue, schemaBody } from './helpers/hostile.js';
import { fillPath, routesOf, totalRows, type RouteSpec } from './helpers/routes.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

interface Seeded {
  readonly ids: Record<string, string>;
  readonly headers: Headers;
}

/** One of each resource, so hostile bodies reach the handlers behind real ids. */
async function seed(app: FastifyInstance): Promise<Seeded> {
  const { market, stalls } = await marketWithStalls(app);
  const fleet = await createFleet(app, { market_ids: [market.id] });
  const courier = await createCourier(app, fleet.headers, { home_market_id: market.id });
  const order = await createOrder(app, orderBody(market.id, [stalls[0].id]));
  const keys = await app.db.query<{ id: string }>('SELECT id FROM fleet_api_keys LIMIT 1').catch(() => ({ rows: [] as { id: string }[] }));
  const ids: Record<string, string> = {
    markets: market.id, stalls: stalls[0].id, fleets: fleet.fleet.id, couriers: courier.id, orders: order.id, keys: keys.rows[0]?.id ?? 'key_0',
  };
  return { ids, headers: await admin(app) };
}

/** A query string from hostile values for the route's documented parameters (and one stray). */
const queryOf = (route: RouteSpec): fc.Arbitrary<string> =>
  fc.dictionary(fc.constantFrom(...route.query, 'limit', 'cursor', '__proto__'), fc.oneof(hostileString, hostileValue.map((v) => JSON.stringify(v) ?? '')), { maxKeys: 3 })
    .map((q) => new URLSearchParams(q).toString());

async function call(app: FastifyInstance, route: RouteSpec, url: string, headers: Headers, body: unknown): Promise<{ status: number; text: string }> {
  const payload = route.method === 'GET' || route.method === 'DELETE' ? undefined : JSON.stringify(body ?? null);
  const res = await app.inject({ method: route.method, url, headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, payload });
  return { status: res.statusCode, text: res.body.slice(0, 400) };
}

/**
 * Row counts right before each call, counted once per call: after a refusal the counts must equal the last ones
 * (which were taken before this call, after the previous one), after an accepted call they are counted afresh. The
 * same check as counting before and after every call, at half the counting (each count reads every table).
 */
async function rowsBeforeEachCall(app: FastifyInstance): Promise<{ afterCall(status: number, message: string): Promise<void> }> {
  let known = await totalRows(app);
  return {
    async afterCall(status, message) {
      const now = await totalRows(app);
      if (status >= 400) expect(now, message).toEqual(known);
      known = now;
    },
  };
}

describeEachBackend('REST fuzz', (ctx) => {
  it('hostile ids, queries and bodies on every route: 4xx only and nothing written', async () => {
    const { headers } = await seed(ctx.app);
    const routes = routesOf(ctx.app).filter((r) => r.params.length > 0);
    expect(routes.length).toBeGreaterThan(25);
    for (const route of routes) {
      const before = await totalRows(ctx.app);
      await fc.assert(
        fc.asyncProperty(fc.array(hostileString, { minLength: 2, maxLength: 2 }), queryOf(route), route.body ? schemaBody(route.body) : fc.constant(undefined), async (ids, query, body) => {
          const url = fillPath(route.path, (_, __) => ids[0] || ids[1] || '%') + (query ? `?${query}` : '');
          const res = await call(ctx.app, route, url, headers, body);
          expect(res.status, `${route.method} ${url} → ${res.text}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${route.method} ${url} → ${res.text}`).toBeLessThan(500);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(await totalRows(ctx.app), `${route.method} ${route.path} wrote rows`).toEqual(before);
    }
  }, 240_000);

  it('hostile queries and bodies behind real ids: never a 5xx, and a refusal writes nothing', async () => {
    const seeded = await seed(ctx.app);
    const routes = routesOf(ctx.app).filter((r) => r.body !== null || r.query.length > 0);
    for (const route of routes) {
      const url0 = fillPath(route.path, (_, resource) => seeded.ids[resource] ?? 'x_0');
      const rows = await rowsBeforeEachCall(ctx.app);
      await fc.assert(
        fc.asyncProperty(queryOf(route), route.body ? schemaBody(route.body) : fc.constant(undefined), async (query, body) => {
          const url = url0 + (query ? `?${query}` : '');
          const res = await call(ctx.app, route, url, seeded.headers, body);
          expect(res.status, `${route.method} ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${res.text}`).toBeLessThan(500);
          await rows.afterCall(res.status, `${route.method} ${url} refused but wrote`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
  }, 300_000);

  it('dispatcher routes (with the dispatch loop running): hostile ids, queries and bodies get a 4xx and write nothing', async () => {
    const app = await ctx.buildApp({
      rateLimit: false,
      dispatch: { routing: new HaversineProvider(), tickMs: 200, solve: (p, o) => solve(p, { ...o, timeLimitMs: undefined, maxIterations: 50 }) },
    });
    const seeded = await seed(app);
    const routes = routesOf(app).filter((r) => r.path.startsWith('/v1/dispatch'));
    expect(routes.length).toBeGreaterThan(4);
    for (const route of routes) {
      const rows = await rowsBeforeEachCall(app);
      await fc.assert(
        fc.asyncProperty(fc.boolean(), hostileString, queryOf(route), route.body ? schemaBody(route.body) : fc.constant(undefined), async (real, id, query, body) => {
          const url = fillPath(route.path, (_, resource) => (real ? (seeded.ids[resource] ?? id) : id) || '%') + (query ? `?${query}` : '');
          const res = await call(app, route, url, seeded.headers, body);
          expect(res.status, `${route.method} ${url} ${JSON.stringify(body)?.slice(0, 200)} → ${res.text}`).toBeLessThan(500);
          if (!real) expect(res.status, `${route.method} ${url} → ${res.text}`).toBeGreaterThanOrEqual(400);
          await rows.afterCall(res.status, `${route.method} ${url} refused but wrote`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
  }, 240_000);

  it('deep nesting, prototype keys, NUL bytes and wrong content types in raw bodies are refused with a 4xx', async () => {
    const seeded = await seed(ctx.app);
    const courierHeaders = await tokenFor(ctx.app, 'courier', { courierId: seeded.ids.couriers, fleetId: seeded.ids.fleets });
    const raws: [string, string][] = [
      ['application/json', '['.repeat(100_000) + ']'.repeat(100_000)],
      ['application/json', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)],
      ['application/json', '{"__proto__":{"admin":true},"name":"x"}'],
      ['application/json', '{"constructor":{"prototype":{"admin":true}}}'],
      ['application/json', '{"name":"a\\u0000b","phone":"\\ud800"}'],
      ['application/json', '{"name": 1e999999}'],
      ['application/json', '{"name": "unterminated'],
      ['text/plain', 'hello'],
      ['application/x-www-form-urlencoded', 'a=1&b=2'],
      ['application/json; charset=utf-16', '{"name": 1'],
    ];
    const before = await totalRows(ctx.app);
    for (const route of routesOf(ctx.app).filter((r) => r.body !== null)) {
      const url = fillPath(route.path, (_, resource) => seeded.ids[resource] ?? 'x_0');
      for (const [type, payload] of raws) {
        for (const headers of [seeded.headers, courierHeaders]) {
          const res = await ctx.app.inject({ method: route.method, url, headers: { ...headers, 'content-type': type }, payload });
          expect(res.statusCode, `${route.method} ${url} ${type} ${payload.slice(0, 60)} → ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, `${route.method} ${url} ${type} ${payload.slice(0, 60)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        }
      }
    }
    expect(await totalRows(ctx.app)).toEqual(before);
  }, 120_000);
});
