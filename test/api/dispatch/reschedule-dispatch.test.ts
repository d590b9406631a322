// The live dispatch loop follows an order moved to another hour: its offer goes, the market's core holds it with the new
// hour as its wait and ready time, no courier is offered it before that hour nears, and moved to at once it is offered again;
// a window removed in the move is gone from the core's order too.
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { HaversineProvider, solve } from '../../../engine/index.js';
import { describeEachBackend } from '../helpers/backends.js';
import { tokenFor } from '../helpers/fixtures.js';
import { Scenario } from '../transitions/seed.js';

const HOUR_MS = 3_600_000;

describeEachBackend('a rescheduled order in the dispatch loop', (ctx) => {
  const pendingOffersOf = async (orderId: string) => (await ctx.db.query<{ id: string }>(
    `SELECT o.id FROM offers o WHERE o.status = 'pending' AND EXISTS (SELECT 1 FROM stops s WHERE s.route_id = o.route_id AND s.order_id = $1)`, [orderId],
  )).rows.map((r) => r.id);

  /** An app running the dispatch loop on this database (haversine roads, an in-process solver bounded by iterations). */
  const liveApp = (): Promise<FastifyInstance> => ctx.buildApp({
    rateLimit: false,
    dispatch: {
      routing: new HaversineProvider(), config: { batchWindowMs: 200 }, offerTtlMs: 30_000, tickMs: 100, settleMs: 50,
      solve: (problem, opts) => solve(problem, { ...opts, timeLimitMs: undefined, maxIterations: 200 }),
    },
  });

  it('drops the order from the core and takes it back with the new hour; offers it only once moved to at once', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet({ kind: 'pangkalan' });
    const courier = await s.courier(fleet.id);
    await ctx.db.query(`UPDATE couriers SET last_position = ST_SetSRID(ST_MakePoint(106.7769, -6.2410), 4326)::geography, last_position_at = now() WHERE id = $1`, [courier.id]);
    const order = await s.order('created');
    const live = await liveApp();
    try {
      await expect.poll(() => pendingOffersOf(order.id), { timeout: 15_000, interval: 100 }).toHaveLength(1);
      const [firstOffer] = await pendingOffersOf(order.id);
      const core = () => live.dispatch.markets.get(s.marketId)!.dispatcher;
      const admin = await tokenFor(live, 'admin');

      const laterMs = Date.now() + 3 * HOUR_MS;
      const later = await live.inject({ method: 'POST', url: `/v1/orders/${order.id}/reschedule`, headers: admin, payload: { booked_for: new Date(laterMs).toISOString() } });
      expect(later.statusCode, later.body).toBe(200);
      expect(await s.status('offers', firstOffer)).toBe('withdrawn');
      await expect.poll(() => core().orders.get(order.id)?.order.placedAtMs, { timeout: 5_000, interval: 50 }).toBe(laterMs);
      const held = core().orders.get(order.id)!;
      expect(held.status).toBe('pending');
      expect(held.order.pickups.map((p) => p.readyAtMs)).toEqual([laterMs, laterMs]);
      expect(core().kpi()).toMatchObject({ bookedOrders: 1, pendingOrders: 0, cancelledOrders: 0, openOffers: 0 });
      await new Promise((r) => setTimeout(r, 1_500)); // many ticks and batch windows: nobody is offered an order booked hours ahead
      expect(await pendingOffersOf(order.id)).toEqual([]);
      expect(await s.status('orders', order.id)).toBe('batched');

      const atOnce = await live.inject({ method: 'POST', url: `/v1/orders/${order.id}/reschedule`, headers: admin, payload: { booked_for: null } });
      expect(atOnce.statusCode, atOnce.body).toBe(200);
      const atOnceMs = Date.parse(atOnce.json().booked_for);
      await expect.poll(() => core().orders.get(order.id)?.order.placedAtMs, { timeout: 5_000, interval: 50 }).toBe(atOnceMs);
      await expect.poll(() => pendingOffersOf(order.id), { timeout: 15_000, interval: 100 }).toHaveLength(1);
      expect(await pendingOffersOf(order.id)).not.toContain(firstOffer);
    } finally {
      await live.close();
    }
  }, 60_000);
  it('takes the order back without its window once a move removes it', async () => {
    const s = await Scenario.create(ctx.app);
    const order = await s.order('created'); // no courier: it waits in the core
    const windowEndMs = Date.now() + 2 * HOUR_MS;
    await ctx.db.query('UPDATE orders SET window_start = $2, window_end = $3 WHERE id = $1', [order.id, new Date().toISOString(), new Date(windowEndMs).toISOString()]);
    const live = await liveApp();
    try {
      const core = () => live.dispatch.markets.get(s.marketId)?.dispatcher;
      await expect.poll(() => core()?.orders.get(order.id)?.order.delivery.windowEndMs, { timeout: 10_000, interval: 50 }).toBe(windowEndMs);
      const moved = await live.inject({ method: 'POST', url: `/v1/orders/${order.id}/reschedule`, headers: await tokenFor(live, 'admin'), payload: { booked_for: null, window: null } });
      expect(moved.statusCode, moved.body).toBe(200);
      await expect.poll(() => core()!.orders.get(order.id)!.order.delivery.windowEndMs, { timeout: 5_000, interval: 50 }).toBeUndefined();
      expect(core()!.orders.get(order.id)!.status).toBe('pending');
      expect(core()!.orders.get(order.id)!.order.delivery.windowStartMs).toBeUndefined();
    } finally {
      await live.close();
    }
  }, 30_000);
});
