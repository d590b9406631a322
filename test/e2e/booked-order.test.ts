// An order booked for a later hour through the API: stored with its ready time, kept out of offers until its goods are
// ready soon, while an order placed beside it for now is offered at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrder } from '../../api/dispatch/dispatch-loaders.js';
import { goOnline, liveMarketWithCourier, placeOrder, seedMarket, type LiveApp, type SeededMarket } from './helpers/live-app.js';
import { connect, type TestSocket } from './helpers/sockets.js';

const SENEN = { lon: 106.8442, lat: -6.1737 };

describe('an order booked for later', () => {
  let live: LiveApp;
  let senen: SeededMarket;
  let courier: TestSocket;
  let close: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ live, market: senen, courier, close } = await liveMarketWithCourier('Pasar Senen', SENEN));
  });
  afterAll(() => close());

  it('waits out of offers while an order for now is offered; the dispatcher counts its wait from the booked hour', async () => {
    const bookedFor = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const bookedId = await placeOrder(live, senen, 1, { booked_for: bookedFor });
    expect((await live.get(`/v1/orders/${bookedId}`)).booked_for).toBe(bookedFor);
    const loaded = (await loadOrder(live.app.db, bookedId))!.order;
    expect(loaded.placedAtMs).toBe(Date.parse(bookedFor));
    expect(loaded.pickups.map((p) => p.readyAtMs)).toEqual(loaded.pickups.map(() => Date.parse(bookedFor)));

    await goOnline(live, senen, 0);
    const nowId = await placeOrder(live, senen, 2);
    const offer = await courier.waitFor((e) => e.type === 'offer.created');
    expect(offer.payload).toMatchObject({ order_ids: [nowId] });
    expect((offer.payload.stops as { order_id: string }[]).map((s) => s.order_id)).not.toContain(bookedId);
    const state = await live.get(`/v1/dispatch/markets/${senen.marketId}/state`);
    expect(state.orders).toEqual(expect.arrayContaining([expect.objectContaining({ order_id: bookedId, status: 'pending', courier_id: null })]));
    await courier.socket.emitWithAck('offer.decline', { offerId: offer.payload.offer_id, reason: 'next test' });
  });

  it('is shown to the dispatcher as kept back for its courier until the goods are ready soon, with the hour at the stall', async () => {
    const other = await seedMarket(live, 'Pasar Jatinegara', { lon: 106.8708, lat: -6.2153 }, 1);
    await goOnline(live, other, 0);
    const bookedId = await placeOrder(live, other, 4, { booked_for: new Date(Date.now() + 40 * 60_000).toISOString() }); // planned, not offered yet
    const heldFor = async () => (await live.get(`/v1/dispatch/markets/${other.marketId}/state`)).orders.find((o: any) => o.order_id === bookedId)?.held_for;
    await expect.poll(heldFor, { timeout: 15_000, interval: 200 }).not.toBeNull();
    const held = await heldFor();
    expect(held).toMatchObject({ courier_id: other.couriers[0].id, reason: 'goods_not_ready' });
    expect(Date.parse(held.first_stop_eta)).toBeGreaterThan(Date.now() + 35 * 60_000); // at the stall when the goods are ready
    const logged = await live.app.db.query<{ payload: { heldOrders: unknown[] } }>(
      `SELECT payload FROM events WHERE type = 'plan.updated' AND market_id = $1 ORDER BY seq DESC LIMIT 1`, [other.marketId]);
    expect(logged.rows[0].payload.heldOrders).toEqual([{ orderId: bookedId, courierId: other.couriers[0].id, reason: 'goods_not_ready', firstStopEta: held.first_stop_eta }]);
  });

  it('shows the courier when a line the stall needs time for is ready, on its pickup and nowhere else', async () => {
    const other = await seedMarket(live, 'Pasar Baru', { lon: 106.8339, lat: -6.1627 }, 1);
    const theirs = await connect(live.baseUrl, '/courier', { token: other.couriers[0].token });
    try {
      await theirs.ready;
      await goOnline(live, other, 0);
      const fishReadyAt = new Date(Date.now() + 12 * 60_000).toISOString(); // within the offer lead
      const orderId = await placeOrder(live, other, 3, { items: [
        { stall_id: other.stallIds[0], name: 'Cabai merah', quantity: 1, unit: 'kg', unit_price_rp: 30_000, weight_kg: 1 },
        { stall_id: other.stallIds[1], name: 'Bandeng dibersihkan', quantity: 1, unit: 'kg', unit_price_rp: 35_000, weight_kg: 1, ready_at: fishReadyAt },
      ] });
      const offer = await theirs.waitFor((e) => e.type === 'offer.created');
      expect(offer.payload).toMatchObject({ order_ids: [orderId] });
      expect(await theirs.socket.emitWithAck('offer.accept', { offerId: offer.payload.offer_id })).toMatchObject({ ok: true });
      await theirs.waitFor((e) => e.type === 'route.updated');
      const route = await live.get(`/v1/couriers/${other.couriers[0].id}/route`, other.couriers[0].headers);
      const readyAt = Object.fromEntries(route.stops.filter((s: any) => s.order_id === orderId).map((s: any) => [s.stall_id ?? s.kind, s.ready_at]));
      expect(readyAt).toEqual({ [other.stallIds[0]]: null, [other.stallIds[1]]: fishReadyAt, delivery: null });
    } finally {
      theirs.close();
    }
  });
});
