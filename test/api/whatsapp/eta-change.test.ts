// A WhatsApp customer hears once when the hour told moves: ETAs written as the dispatcher writes them (applyStopEtas)
// record order.eta_changed past the threshold and outside the quiet period, and the replies queue one message naming
// the new hour; nothing before an hour was told, below the threshold, within the quiet period or once delivered. The
// dispatch loop keeps the hour last told in its plans (order.eta_told → the core's told hour), also after a restart.
import type { FastifyInstance } from 'fastify';
import { Value } from 'typebox/value';
import { expect, it } from 'vitest';
import { DispatchService, type DispatchServiceOptions } from '../../../api/dispatch/dispatch-service.js';
import { applyStopEtas, ETA_NOTICE_DEFAULTS } from '../../../api/dispatch/eta-changes.js';
import { deliveryStopId } from '../../../api/dispatch/dispatch-loaders.js';
import { OrderEtaChangedPayloadSchema, OrderEtaToldPayloadSchema } from '../../../api/schemas/events.js';
import { SqlWebhookStore } from '../../../api/webhooks/sql-webhook-store.js';
import { HaversineProvider, solve } from '../../../engine/index.js';
import { describeEachBackend } from '../helpers/backends.js';
import { createCourier, createFleet, createOrder, marketWithStalls, orderBody } from '../helpers/fixtures.js';
import { Scenario } from '../transitions/seed.js';

const MIN_MS = 60_000;

describeEachBackend('ETA change notices', (ctx) => {
  /** A WhatsApp order accepted by a courier of a fleet with a webhook, its door expected at 10.35 WIB tomorrow. */
  async function acceptedWhatsAppOrder() {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const fleet = await createFleet(ctx.app);
    await ctx.db.query(`UPDATE fleets SET webhook_url = 'https://fleet.example/hooks', webhook_secret = 'whsec_dGVzdHNlY3JldA==' WHERE id = $1`, [fleet.fleet.id]);
    const courier = await createCourier(ctx.app, fleet.headers);
    const order = await createOrder(ctx.app, orderBody(market.id, [stalls[0].id]));
    await ctx.db.query(`INSERT INTO order_drafts (id, market_id, customer_phone, status, order_id) VALUES ('drf_eta', $1, '+6281234567890', 'confirmed', $2)`, [market.id, order.id]);
    const toldMs = Date.parse(`${new Date(Date.now() + 24 * 3_600_000).toISOString().slice(0, 10)}T03:35:00.000Z`);
    await ctx.db.query(`INSERT INTO plans (id, market_id, version, status) VALUES ('pln_eta', $1, 1, 'active')`, [market.id]);
    await ctx.db.query(`INSERT INTO routes (id, plan_id, market_id, courier_id, status) VALUES ('rte_eta', 'pln_eta', $1, $2, 'active')`, [market.id, courier.id]);
    await ctx.db.query(`INSERT INTO stops (id, route_id, position, kind, order_id, location, eta) VALUES ('stp_eta', 'rte_eta', 0, 'delivery', $1, ST_GeogFromText('POINT(106.7849 -6.2346)'), $2)`, [order.id, new Date(toldMs)]);
    await ctx.db.query(`UPDATE orders SET route_id = 'rte_eta', courier_id = $2, status = 'assigned' WHERE id = $1`, [order.id, courier.id]);
    return { market, fleetId: fleet.fleet.id as string, courierId: courier.id as string, orderId: order.id as string, toldMs };
  }

  const moveDoor = (courierId: string, orderId: string, etaMs: number) =>
    ctx.app.tx((tx) => applyStopEtas(tx, courierId, [{ stopId: deliveryStopId(orderId), etaMs }], ETA_NOTICE_DEFAULTS));
  const bodies = async (orderId: string) =>
    (await ctx.db.query<{ body: string }>(`SELECT o.body FROM whatsapp_outbox o JOIN events e ON e.id = o.event_id WHERE o.order_id = $1 ORDER BY e.seq`, [orderId])).rows.map((r) => r.body);
  const toldEta = async (orderId: string) => (await ctx.db.query<{ told_eta: Date | null }>(`SELECT told_eta FROM orders WHERE id = $1`, [orderId])).rows[0].told_eta;
  const quietPeriodOver = (orderId: string) => ctx.db.query(`UPDATE orders SET eta_notice_at = eta_notice_at - interval '11 minutes' WHERE id = $1`, [orderId]);

  it('tells the new hour once past 10 minutes, not below, not again within 10 minutes; the fleet hears it too', async () => {
    const { market, fleetId, courierId, orderId, toldMs } = await acceptedWhatsAppOrder();
    // No hour told yet: a move is no change to anyone.
    expect(await moveDoor(courierId, orderId, toldMs + 30 * MIN_MS)).toEqual([]);
    await moveDoor(courierId, orderId, toldMs);
    await ctx.app.tx((tx) => tx.events.append({ type: 'order.assigned', marketId: market.id, orderId, payload: {} }));
    expect(await ctx.app.whatsapp.replies.collect()).toBe(1);
    expect((await bodies(orderId))[0]).toContain('Perkiraan tiba pukul 10.35 WIB');
    expect(await toldEta(orderId)).toEqual(new Date(toldMs));

    // Nine minutes later: under the threshold.
    expect(await moveDoor(courierId, orderId, toldMs + 9 * MIN_MS)).toEqual([]);
    expect(await ctx.app.whatsapp.replies.collect()).toBe(0);

    // Twenty minutes later: one event, one message naming 10.55 and the 10.35 told before.
    expect(await moveDoor(courierId, orderId, toldMs + 20 * MIN_MS)).toEqual([orderId]);
    const [changed] = (await ctx.db.query<{ fleet_id: string; courier_id: string; payload: Record<string, unknown> }>(`SELECT fleet_id, courier_id, payload FROM events WHERE type = 'order.eta_changed'`)).rows;
    expect(Value.Check(OrderEtaChangedPayloadSchema, changed.payload)).toBe(true);
    expect(changed).toMatchObject({ fleet_id: fleetId, courier_id: courierId, payload: { order_id: orderId, eta: new Date(toldMs + 20 * MIN_MS).toISOString(), told_eta: new Date(toldMs).toISOString(), shift_s: 1200 } });
    expect(await ctx.app.whatsapp.replies.collect()).toBe(1);
    expect((await bodies(orderId)).at(-1)).toBe(`Pesanan ${orderId}: perkiraan tiba berubah menjadi pukul 10.55 WIB (sebelumnya pukul 10.35 WIB). Mohon maaf atas keterlambatannya.`);
    expect(await toldEta(orderId)).toEqual(new Date(toldMs + 20 * MIN_MS));
    expect(await new SqlWebhookStore(ctx.db).enqueueFromOutbox(new Date(), 100)).toBeGreaterThanOrEqual(1);
    expect((await ctx.db.query(`SELECT 1 FROM webhook_deliveries WHERE event_type = 'order.eta_changed' AND fleet_id = $1`, [fleetId])).rows).toHaveLength(1);

    // Half an hour earlier within the quiet period: nothing; once it is over, the good news.
    expect(await moveDoor(courierId, orderId, toldMs - 15 * MIN_MS)).toEqual([]);
    expect(await ctx.app.whatsapp.replies.collect()).toBe(0);
    await quietPeriodOver(orderId);
    expect(await moveDoor(courierId, orderId, toldMs - 15 * MIN_MS)).toEqual([orderId]);
    expect(await ctx.app.whatsapp.replies.collect()).toBe(1);
    expect((await bodies(orderId)).at(-1)).toBe(`Pesanan ${orderId}: perkiraan tiba berubah menjadi pukul 10.20 WIB (sebelumnya pukul 10.55 WIB). Kurir kami akan tiba lebih cepat dari perkiraan.`);
    expect(await bodies(orderId)).toHaveLength(3);
  });

  it('says nothing of a change once the order is delivered, nor of one a newer hour already told', async () => {
    const { market, courierId, orderId, toldMs } = await acceptedWhatsAppOrder();
    await ctx.app.tx((tx) => tx.events.append({ type: 'order.assigned', marketId: market.id, orderId, payload: {} }));
    await ctx.app.whatsapp.replies.collect();
    // The courier leaves the market, then the door moves before the replies run: "dikirim" names the new hour already.
    await ctx.app.tx((tx) => tx.events.append({ type: 'order.delivering', marketId: market.id, orderId, payload: {} }));
    expect(await moveDoor(courierId, orderId, toldMs + 25 * MIN_MS)).toEqual([orderId]);
    expect(await ctx.app.whatsapp.replies.collect()).toBe(1);
    expect(await bodies(orderId)).toHaveLength(2);
    expect((await bodies(orderId)).at(-1)).toContain('dikirim ke alamat Anda. Perkiraan tiba pukul 11.00 WIB');

    await ctx.db.query(`UPDATE orders SET status = 'delivered' WHERE id = $1`, [orderId]);
    await quietPeriodOver(orderId);
    expect(await moveDoor(courierId, orderId, toldMs + 60 * MIN_MS)).toEqual([]);
    expect(await ctx.app.whatsapp.replies.collect()).toBe(0);
  });
  /** The dispatch loop's settings here: haversine roads, an in-process solver bounded by iterations, short windows. */
  const dispatchOptions = {
    routing: new HaversineProvider(), config: { batchWindowMs: 200 }, offerTtlMs: 30_000, tickMs: 100, settleMs: 50,
    solve: (problem, opts) => solve(problem, { ...opts, timeLimitMs: undefined, maxIterations: 200 }),
  } satisfies DispatchServiceOptions;

  it('moves the told hour the dispatch loop plans with, and a restarted loop takes back the hour last told', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet({ kind: 'pangkalan' });
    const courier = await s.courier(fleet.id);
    await ctx.db.query(`UPDATE couriers SET last_position = ST_SetSRID(ST_MakePoint(106.7769, -6.2410), 4326)::geography, last_position_at = now() WHERE id = $1`, [courier.id]);
    const order = await s.order('created');
    await ctx.db.query(`INSERT INTO order_drafts (id, market_id, customer_phone, status, order_id) VALUES ('drf_told', $1, '+6281234567890', 'confirmed', $2)`, [s.marketId, order.id]);
    const live: FastifyInstance = await ctx.buildApp({ rateLimit: false, dispatch: dispatchOptions });
    let restarted: DispatchService | null = null;
    try {
      const offerOf = async () => (await ctx.db.query<{ id: string }>(
        `SELECT o.id FROM offers o WHERE o.status = 'pending' AND EXISTS (SELECT 1 FROM stops s WHERE s.route_id = o.route_id AND s.order_id = $1)`, [order.id],
      )).rows[0]?.id;
      await expect.poll(offerOf, { timeout: 15_000, interval: 100 }).toBeDefined();
      expect((await live.inject({ method: 'POST', url: `/v1/offers/${await offerOf()}/accept`, headers: courier.headers })).statusCode).toBe(200);
      const core = () => live.dispatch.markets.get(s.marketId)!.dispatcher;
      await expect.poll(async () => (await ctx.db.query(`SELECT 1 FROM orders WHERE id = $1 AND accepted_eta IS NOT NULL`, [order.id])).rows.length, { timeout: 10_000, interval: 50 }).toBe(1);
      const acceptedMs = (await toldEta(order.id))!.getTime();
      expect(core().orders.get(order.id)).toMatchObject({ status: 'assigned', toldEtaMs: acceptedMs });
      await live.whatsapp.replies.collect(); // "diproses … perkiraan tiba" names the hour accepted: nothing new

      // A told hour for an order the core does not hold is refused there; the loop goes on.
      await live.tx((tx) => tx.events.append({ type: 'order.eta_told', marketId: s.marketId, orderId: 'ord_unknown', payload: { order_id: 'ord_unknown', told_eta: new Date().toISOString() } }));
      // The door moves 20 minutes: the customer is told the new hour, and the core plans with it from now on.
      const movedMs = acceptedMs + 20 * MIN_MS;
      expect(await live.tx((tx) => applyStopEtas(tx, courier.id, [{ stopId: deliveryStopId(order.id), etaMs: movedMs }], ETA_NOTICE_DEFAULTS))).toEqual([order.id]);
      expect(await live.whatsapp.replies.collect()).toBe(1);
      expect(await toldEta(order.id)).toEqual(new Date(movedMs));
      const told = (await ctx.db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM events WHERE type = 'order.eta_told' AND order_id = $1`, [order.id])).rows;
      expect(told).toHaveLength(1);
      expect(Value.Check(OrderEtaToldPayloadSchema, told[0].payload)).toBe(true);
      expect(told[0].payload).toEqual({ order_id: order.id, told_eta: new Date(movedMs).toISOString() });
      await expect.poll(() => core().orders.get(order.id)?.toldEtaMs, { timeout: 5_000, interval: 50 }).toBe(movedMs);

      // A dispatch loop that starts again takes the hour last told (told_eta), not the one accepted.
      await live.dispatch.stop();
      restarted = new DispatchService(live, dispatchOptions);
      await restarted.start();
      await expect.poll(() => restarted!.markets.get(s.marketId)?.dispatcher.orders.get(order.id)?.toldEtaMs, { timeout: 15_000, interval: 100 }).toBe(movedMs);
      expect((await ctx.db.query<{ accepted_eta: Date }>(`SELECT accepted_eta FROM orders WHERE id = $1`, [order.id])).rows[0].accepted_eta).toEqual(new Date(acceptedMs));
    } finally {
      await restarted?.stop();
      await live.close();
    }
  }, 60_000);
});
