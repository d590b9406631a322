// OSRM unreachable: the dispatch loop keeps planning on the fallback (straight lines, flagged as estimates),
// /health shows the degraded state and why, and the provider returns to OSRM once it answers again.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { HaversineProvider, RoutingError, solve } from '../../engine/index.js';
import { FallbackRoutingProvider } from '../../engine/routing/fallback-provider.js';
import { OsrmHttpProvider } from '../../engine/routing/osrm-http-provider.js';
import type { RoutingProvider } from '../../engine/routing/routing-provider.js';
import { tokenFor } from '../api/helpers/fixtures.js';
import { goOnline, placeOrder, seedMarket, type LiveApp } from '../e2e/helpers/live-app.js';
import { waitFor } from '../../benchmarks/cluster-process.js';
import { workerPglite } from '../api/helpers/worker-database.js';

/** A port nothing listens on (bound, then closed). */
async function deadPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('OSRM unreachable', () => {
  let app: FastifyInstance;
  let routing: FallbackRoutingProvider;
  beforeAll(async () => {
    routing = new FallbackRoutingProvider(new OsrmHttpProvider({ baseUrl: `http://127.0.0.1:${await deadPort()}`, timeoutMs: 2_000 }), new HaversineProvider(), { fallbackIsEstimate: true });
    app = await buildApp({
      db: await workerPglite(), secret: 'test-secret-0123456789abcdef', docs: false, rateLimit: false, realtime: true,
      dispatch: { routing, config: { batchWindowMs: 300, batchMaxOrders: 8 }, tickMs: 100, solve: (p, o) => solve(p, { ...o, timeLimitMs: undefined, maxIterations: 200 }) },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('plans on straight lines flagged as estimates, and /health says why', async () => {
    const before = await app.inject({ method: 'GET', url: '/health' });
    expect(before.json().routing).toMatchObject({ degraded: false });
    const adminHeaders = await tokenFor(app, 'admin');
    const post = async (url: string, payload: unknown, headers = adminHeaders) => {
      const res = await app.inject({ method: 'POST', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as Record<string, any>;
    };
    const live = { app, baseUrl: '', admin: adminHeaders, post, get: async () => ({}) } as unknown as LiveApp;
    const market = await seedMarket(live, 'Pasar Tanpa OSRM', { lon: 106.8453, lat: -6.1745 }, 1);
    await goOnline(live, market, 0);
    const orderId = await placeOrder(live, market, 1);
    const offer = await waitFor('an offer planned on the fallback', async () => {
      const rows = await app.db.query<{ id: string }>(`SELECT o.id FROM offers o JOIN stops s ON s.route_id = o.route_id WHERE s.order_id = $1 LIMIT 1`, [orderId]);
      return rows.rows[0];
    }, 30_000);
    expect(offer.id).toMatch(/^ofr_/);
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', routing: { degraded: true, estimated: true, active: expect.stringMatching(/^haversine/), reason: expect.any(String) } });
  }, 60_000);
});

describe('FallbackRoutingProvider', () => {
  const table = { sourceCount: 1, destinationCount: 1, durationS: new Float64Array(1), distanceM: new Float64Array(1), sources: [], destinations: [] };
  it('goes back to the primary after the retry period once it answers', async () => {
    let up = false;
    const primary: RoutingProvider = {
      name: 'primary',
      table: async () => { if (!up) throw new Error('connect ECONNREFUSED'); return table; },
      route: async () => { throw new Error('unused'); }, nearest: async () => [],
    };
    const changes: boolean[] = [];
    const provider = new FallbackRoutingProvider(primary, new HaversineProvider(), { retryAfterMs: 0, onChange: (h) => changes.push(h.degraded) });
    await provider.table({ sources: [[106.8, -6.2]] });
    expect(provider.health()).toMatchObject({ degraded: true, reason: 'connect ECONNREFUSED', active: expect.stringMatching(/^haversine/) });
    up = true;
    expect(await provider.table({ sources: [[106.8, -6.2]] })).toBe(table);
    expect(provider.health()).toMatchObject({ degraded: false, reason: null, active: 'primary' });
    expect(changes).toEqual([true, false]);
  });

  it('passes NoSegment and NoRoute answers through without degrading (the primary is up)', async () => {
    const answers = [new RoutingError('no_segment', 'OSRM NoSegment: Could not find a matching segment'), new RoutingError('no_route', 'OSRM NoRoute: Impossible route')];
    let calls = 0;
    const primary: RoutingProvider = {
      name: 'primary',
      table: async () => { throw answers[calls++ % 2]; },
      route: async () => { throw new Error('unused'); }, nearest: async () => [],
    };
    const provider = new FallbackRoutingProvider(primary, new HaversineProvider());
    await expect(provider.table({ sources: [[0, 0]] })).rejects.toMatchObject({ code: 'no_segment' });
    await expect(provider.table({ sources: [[0, 0]] })).rejects.toMatchObject({ code: 'no_route' });
    expect(provider.health().degraded).toBe(false);
    expect(calls).toBe(2);
  });

  it('passes input errors through without degrading', async () => {
    const primary: RoutingProvider = {
      name: 'primary',
      table: async () => { throw Object.assign(new Error('bad coordinates'), { kind: 'input' }); },
      route: async () => { throw new Error('unused'); }, nearest: async () => [],
    };
    const provider = new FallbackRoutingProvider(primary, new HaversineProvider());
    await expect(provider.table({ sources: [[500, 0]] })).rejects.toThrow('bad coordinates');
    expect(provider.health().degraded).toBe(false);
  });
});
