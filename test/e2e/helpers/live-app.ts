// A running server for the end-to-end tests: PGlite in memory, the Socket.IO gateway, the dispatch loop on the
// haversine provider with short windows and TTLs, an in-process solver bounded by iterations; plus REST seeding helpers.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../../api/app.js';
import { HaversineProvider, solve, type DispatchConfigInput, type RoutingProvider, type SolveFunction } from '../../../engine/index.js';
import { tokenFor, type Headers } from '../../api/helpers/fixtures.js';
import { sharedSchemaCompilers } from '../../api/helpers/schema-compilers.js';
import { workerPglite } from '../../api/helpers/worker-database.js';
import { connect, type TestSocket } from './sockets.js';

export interface LiveApp {
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  readonly admin: Headers;
  post(url: string, payload: unknown, headers?: Headers): Promise<Record<string, any>>;
  get(url: string, headers?: Headers): Promise<Record<string, any>>;
}

export interface LiveAppOptions {
  readonly offerTtlMs?: number;
  readonly batchWindowMs?: number;
  readonly routing?: RoutingProvider;
  readonly settleMs?: number;
  readonly solve?: SolveFunction;
  readonly config?: DispatchConfigInput;
  readonly lending?: { minWaitMs: number };
  readonly etaNotice?: { minShiftS?: number; quietS?: number };
}

export async function startLiveApp(options: LiveAppOptions = {}): Promise<LiveApp> {
  const app = await buildApp({
    db: await workerPglite(), secret: 'test-secret-0123456789abcdef', docs: false, rateLimit: false, schemaCompilers: sharedSchemaCompilers(),
    realtime: { positionThrottleMs: 100 },
    dispatch: {
      routing: options.routing ?? new HaversineProvider(),
      config: { batchWindowMs: options.batchWindowMs ?? 300, batchMaxOrders: 8, ...options.config },
      offerTtlMs: options.offerTtlMs ?? 30_000,
      tickMs: 100,
      ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
      ...(options.lending ? { lending: options.lending } : {}),
      ...(options.etaNotice ? { etaNotice: options.etaNotice } : {}),
      solve: options.solve ?? ((problem, opts) => solve(problem, { ...opts, timeLimitMs: undefined, maxIterations: 200 })),
    },
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const admin = await tokenFor(app, 'admin');
  const call = async (method: 'GET' | 'POST', url: string, payload: unknown, headers: Headers) => {
    const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json() as Record<string, any>;
  };
  return {
    app, baseUrl, admin,
    post: (url, payload, headers = admin) => call('POST', url, payload, headers),
    get: (url, headers = admin) => call('GET', url, undefined, headers),
  };
}

export interface SeededMarket {
  readonly marketId: string;
  readonly stallIds: string[];
  readonly fleetId: string;
  readonly couriers: { id: string; headers: Headers; token: string }[];
  readonly point: { lon: number; lat: number };
}

/** A market with two stalls and a pangkalan fleet of `courierCount` couriers, online at the market. */
export async function seedMarket(live: LiveApp, name: string, point: { lon: number; lat: number }, courierCount: number): Promise<SeededMarket> {
  const market = await live.post('/v1/markets', { name, city: 'Jakarta', location: point, service_radius_m: 6000 });
  const stallIds: string[] = [];
  for (const [i, d] of [[0.0004, 0.0002], [-0.0003, 0.0004]].entries()) {
    const stall = await live.post(`/v1/markets/${market.id}/stalls`, { name: `Kios ${i + 1}`, stall_code: `A-${i + 1}`, location: { lon: point.lon + d[0], lat: point.lat + d[1] } });
    stallIds.push(stall.id);
  }
  const fleet = (await live.post('/v1/fleets', { kind: 'pangkalan', name: `Pangkalan ${name}`, market_ids: [market.id] })).fleet;
  const couriers: SeededMarket['couriers'] = [];
  for (let i = 0; i < courierCount; i++) {
    const courier = await live.post('/v1/couriers', { fleet_id: fleet.id, name: `Kurir ${i + 1}`, capacity_kg: 30, home_market_id: market.id });
    const headers = await tokenFor(live.app, 'courier', { courierId: courier.id, fleetId: fleet.id });
    couriers.push({ id: courier.id, headers, token: headers.authorization.slice('Bearer '.length) });
  }
  return { marketId: market.id, stallIds, fleetId: fleet.id, couriers, point };
}

/** Courier online with a fresh position at the market. */
export async function goOnline(live: LiveApp, m: SeededMarket, index: number): Promise<void> {
  const c = m.couriers[index];
  await live.post(`/v1/couriers/${c.id}/positions`, { positions: [{ lon: m.point.lon, lat: m.point.lat - 0.001, recorded_at: new Date().toISOString() }] }, c.headers);
  await live.post(`/v1/couriers/${c.id}/online`, undefined, c.headers);
}

/** An order with one item at each stall and an inline customer ~1 km north; `extra` adds or replaces body fields. */
export async function placeOrder(live: LiveApp, m: SeededMarket, n: number, extra: Record<string, unknown> = {}): Promise<string> {
  const order = await live.post('/v1/orders', {
    market_id: m.marketId,
    customer: { name: `Ibu ${n}`, phone: `+62812000000${String(n).padStart(2, '0')}`, address: { lon: m.point.lon + 0.001 * n, lat: m.point.lat + 0.009 } },
    items: m.stallIds.map((stall_id, i) => ({ stall_id, name: i === 0 ? 'Cabai merah' : 'Bawang putih', quantity: 1, unit: 'kg', unit_price_rp: 30_000 + 5_000 * i, weight_kg: 1 })),
    ...extra,
  });
  return order.id;
}

/** A live app with one market of one pangkalan courier whose courier feed is connected; `close` ends both. */
export async function liveMarketWithCourier(name: string, point: { lon: number; lat: number }, options: LiveAppOptions = {}): Promise<{ live: LiveApp; market: SeededMarket; courier: TestSocket; close(): Promise<void> }> {
  const live = await startLiveApp(options);
  const market = await seedMarket(live, name, point, 1);
  const courier = await connect(live.baseUrl, '/courier', { token: market.couriers[0].token });
  await courier.ready;
  return {
    live, market, courier,
    async close() {
      courier.close();
      await live.app.close();
    },
  };
}
