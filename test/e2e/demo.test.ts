import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { startDemo, type RunningDemo } from '../../api/demo/demo.js';
import { demoBanner } from '../../api/demo/demo-banner.js';
import { minuteLine, emptyTally, tallyEvent } from '../../api/demo/demo-ticker.js';
import { HaversineProvider, solve } from '../../engine/index.js';
import { connect, type TestSocket } from './helpers/sockets.js';
import { workerPglite } from '../api/helpers/worker-database.js';

describe('serve --demo: a Jakarta market day', () => {
  let app: FastifyInstance;
  let demo: RunningDemo;
  let dispatcher: TestSocket;
  let baseUrl: string;

  beforeAll(async () => {
    const routing = new HaversineProvider();
    app = await buildApp({
      db: await workerPglite(), secret: 'test-secret-0123456789abcdef', docs: false, rateLimit: false, realtime: true,
      dispatch: { routing, config: { batchWindowMs: 500 }, tickMs: 200, solve: (p, o) => solve(p, { ...o, timeLimitMs: undefined, maxIterations: 100 }) },
    });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    demo = await startDemo(app, routing, { stallsPerMarket: 2, pangkalanPerMarket: 1, ojolCouriers: 2, openingOrders: 1, ordersPerMinute: 30, speedMps: 2_000 });
    dispatcher = await connect(baseUrl, '/dispatch', { token: demo.world.dispatcherToken });
    await dispatcher.ready;
  }, 300_000);
  afterAll(async () => {
    demo?.stop();
    dispatcher?.close();
    await app?.close();
  });

  it('seeds the ten fixture markets with stalls and online fleets', async () => {
    expect(demo.world.markets.map((m) => m.name)).toContain('Pasar Senen');
    expect(demo.world.markets).toHaveLength(10);
    expect(demo.world.couriers.size).toBe(12);
    const idle = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM couriers WHERE status <> 'offline'`);
    expect(idle.rows[0].n).toBe(12);
  });

  it('streams orders, offers, riding couriers and deliveries to the dispatcher', async () => {
    await dispatcher.waitFor((e) => e.type === 'offer.created', 30_000);
    await dispatcher.waitFor((e) => e.type === 'courier.position', 30_000);
    const delivered = await dispatcher.waitFor((e) => e.type === 'order.delivered', 60_000);
    expect(delivered.marketId).toMatch(/^mkt_/);
  });

  it('prints page URLs and credentials that work against the running demo, one per role', async () => {
    const banner = demoBanner({ url: baseUrl, world: demo.world, readyS: 12.3, speedUp: 6 });
    const mapUrl = banner.match(/dispatcher map\s+(\S+)/)![1];
    const courierUrl = banner.match(/courier view\s+(\S+)/)![1];
    expect(mapUrl).toMatch(new RegExp(`^${baseUrl}/\\?token=jt_`));
    expect(courierUrl).toMatch(new RegExp(`^${baseUrl}/courier\\?token=jt_`));
    for (const url of [mapUrl, courierUrl]) expect((await fetch(url)).status).toBe(200);
    const credential = (role: string) => banner.match(new RegExp(`^\\s+${role}\\s+(j[tk]_\\S+)`, 'm'))![1];
    const get = async (token: string, path: string) => (await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;
    const market = demo.world.markets[0].id;
    const courierId = demo.world.courierTokens[0].courierId;
    expect(new URL(courierUrl).searchParams.get('token')).toBe(credential('courier'));
    expect(await get(credential('dispatcher'), `/v1/dispatch/markets/${market}/state`)).toBe(200);
    expect(await get(credential('courier'), `/v1/couriers/${courierId}`)).toBe(200);
    expect(await get(credential('planner'), `/v1/dispatch/markets/${market}/state`)).toBe(200);
    expect(await get(credential('fleet'), `/v1/fleets/${demo.world.fleetKey.fleetId}`)).toBe(200);
    expect(await get(credential('admin'), '/v1/markets')).toBe(200);
    expect(await get(credential('courier'), '/v1/fleets')).toBe(403); // each credential keeps its role
  });

  it('sums a minute of events into one console line', () => {
    const tally = emptyTally();
    for (const type of ['order.created', 'order.created', 'offer.created', 'offer.accepted', 'offer.declined']) tallyEvent(tally, { type, payload: {} });
    tallyEvent(tally, { type: 'order.delivered', payload: { cod_collected_rp: 125_500 } });
    const line = minuteLine(new Date(2026, 4, 22, 7, 5), tally, { on_route: 3, idle: 9 });
    expect(line).toBe('07:05 · last minute: 2 orders · 1 offers (1 accepted, 1 declined, 0 expired) · 1 delivered, COD Rp 125.500 · couriers 3 on route, 0 with an offer, 9 free');
  });
});
