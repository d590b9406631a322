// An order booked for a later hour through the API: stored with its ready time, kept out of offers until its goods are
// ready soon, while an order placed beside it for now is offered at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrder } from '../../api/dispatch/dispatch-loaders.js';
import { goOnline, placeOrder, seedMarket, startLiveApp, type LiveApp, type SeededMarket } from './helpers/live-app.js';
import { connect, type TestSocket } from './helpers/sockets.js';

const SENEN = { lon: 106.8442, lat: -6.1737 };

describe('an order booked for later', () => {
  let live: LiveApp;
  let senen: SeededMarket;
  let courier: TestSocket;

  beforeAll(async () => {
    live = await startLiveApp();
    senen = await seedMarket(live, 'Pasar Senen', SENEN, 1);
    courier = await connect(live.baseUrl, '/courier', { token: senen.couriers[0].token });
    await courier.ready;
  });
  afterAll(async () => {
    courier?.close();
    await live?.app.close();
  });

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
  });
});
