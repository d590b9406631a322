import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { startDemo, type RunningDemo } from '../../api/demo/demo.js';
import { HaversineProvider, solve } from '../../engine/index.js';
import { connect, type TestSocket } from './helpers/sockets.js';

describe('serve --demo: a Jakarta market day', () => {
  let app: FastifyInstance;
  let demo: RunningDemo;
  let dispatcher: TestSocket;

  beforeAll(async () => {
    const routing = new HaversineProvider();
    app = await buildApp({
      database: {}, secret: 'test-secret-0123456789abcdef', docs: false, rateLimit: false, realtime: true,
      dispatch: { routing, config: { batchWindowMs: 500 }, tickMs: 200, solve: (p, o) => solve(p, { ...o, timeLimitMs: undefined, maxIterations: 100 }) },
    });
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    demo = await startDemo(app, routing, { stallsPerMarket: 2, pangkalanPerMarket: 1, ojolCouriers: 2, openingOrders: 1, ordersPerMinute: 30, speedMps: 2_000 });
    dispatcher = await connect(baseUrl, '/dispatch', { token: demo.world.dispatcherToken });
    await dispatcher.ready;
  });
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
});
