// One order whose delivery point the router cannot place on a road (accepted before points were checked at
// creation, or a road file that changed) must not block its market: the rest of the batch is planned and offered,
// and that order alone is set aside with its reason on the order, in the market's dispatch state and in /health.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { HaversineProvider, RoutingError, solve, type LonLat, type RoutingProvider, type TableRequest } from '../../engine/index.js';
import { tokenFor } from '../api/helpers/fixtures.js';
import { goOnline, placeOrder, seedMarket, type LiveApp } from '../e2e/helpers/live-app.js';
import { waitFor } from '../../benchmarks/cluster-process.js';
import { workerPglite } from '../api/helpers/worker-database.js';

const MARKET = { lon: 106.8453, lat: -6.1745 };
/** Where `placeOrder(…, 3)` puts its customer: the one point this router finds no road near. */
const OFF_ROAD: LonLat = [MARKET.lon + 0.003, MARKET.lat + 0.009];

/** Straight-line routing that refuses OFF_ROAD the way the embedded router refuses a point 500 m from every road. */
class OneOffRoadPoint extends HaversineProvider implements RoutingProvider {
  private check(points: readonly LonLat[], field: string): void {
    points.forEach((p, i) => {
      if (Math.abs(p[0] - OFF_ROAD[0]) < 1e-9 && Math.abs(p[1] - OFF_ROAD[1]) < 1e-9) {
        throw new RoutingError('no_segment', `no road within 500 m of coordinate [${p[0]}, ${p[1]}]`, `${field}[${i}]`);
      }
    });
  }
  override async table(request: TableRequest) {
    this.check(request.sources, 'sources');
    return super.table(request);
  }
  override async nearest(point: LonLat, count?: number) {
    this.check([point], 'coordinates');
    return super.nearest(point, count);
  }
}

describe('an order with a point off the road network', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({
      db: await workerPglite(), secret: 'test-secret-0123456789abcdef', docs: false, rateLimit: false,
      dispatch: { routing: new OneOffRoadPoint(), config: { batchWindowMs: 300 }, tickMs: 100, solve: (p, o) => solve(p, { ...o, timeLimitMs: undefined, maxIterations: 100 }) },
    });
    await app.ready();
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('sets only that order aside, with its reason on the order, the dispatch state and /health; the rest is offered', async () => {
    const admin = await tokenFor(app, 'admin');
    const post = async (url: string, payload: unknown, headers = admin) => {
      const res = await app.inject({ method: 'POST', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as Record<string, any>;
    };
    const live = { app, baseUrl: '', admin, post, get: async () => ({}) } as unknown as LiveApp;
    const market = await seedMarket(live, 'Pasar Satu Titik Buruk', MARKET, 1);
    await goOnline(live, market, 0);
    const stuck = await placeOrder(live, market, 3);
    const fine = await placeOrder(live, market, 1);

    await waitFor('the order on the road network offered', async () => {
      const rows = await app.db.query(`SELECT o.id FROM offers o JOIN stops s ON s.route_id = o.route_id WHERE s.order_id = $1`, [fine]);
      return rows.rows[0];
    }, 30_000);
    const order = await waitFor<Record<string, any>>('the off-road order set aside', async () => {
      const res = await app.inject({ method: 'GET', url: `/v1/orders/${stuck}`, headers: admin });
      return res.json().dispatch_issue ? res.json() : undefined;
    }, 30_000);
    expect(order.status).toBe('created');
    expect(order.dispatch_issue).toMatch(/^delivery point: no road within 500 m/);

    const state = (await app.inject({ method: 'GET', url: `/v1/dispatch/markets/${market.marketId}/state`, headers: admin })).json();
    expect(state.unroutable_orders).toEqual([{ order_id: stuck, reason: order.dispatch_issue }]);
    expect(state.orders.map((o: { order_id: string }) => o.order_id)).toEqual([fine]);
    const health = (await app.inject({ method: 'GET', url: '/health' })).json();
    expect(health.markets_unable_to_plan).toEqual([expect.objectContaining({ market_id: market.marketId, unroutable_orders: 1 })]);
    const events = await app.db.query<{ order_id: string }>(`SELECT order_id FROM events WHERE type = 'order.unroutable'`);
    expect(events.rows).toEqual([{ order_id: stuck }]);
  }, 60_000);
});
