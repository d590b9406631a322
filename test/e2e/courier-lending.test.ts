// The API lends an idle courier of a quiet market to a nearby market whose order waits with nobody free there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goOnline, placeOrder, seedMarket, startLiveApp, type LiveApp, type SeededMarket } from './helpers/live-app.js';

const SENEN = { lon: 106.8442, lat: -6.1737 };
const KRAMAT = { lon: 106.853, lat: -6.186 }; // 1.7 km from Senen

describe('lending couriers between markets', () => {
  let live: LiveApp;
  let senen: SeededMarket;
  let kramat: SeededMarket;

  beforeAll(async () => {
    live = await startLiveApp({ lending: { minWaitMs: 500 } }); // lend once an order has waited half a second
    senen = await seedMarket(live, 'Pasar Senen', SENEN, 2);
    kramat = await seedMarket(live, 'Pasar Kramat', KRAMAT, 1); // its own courier stays off
  });
  afterAll(async () => live?.app.close());

  it('one of Senen\'s two idle couriers goes to work for Kramat and is offered its order; the other stays', async () => {
    await goOnline(live, senen, 0);
    await goOnline(live, senen, 1);
    const stateOf = (m: SeededMarket) => live.get(`/v1/dispatch/markets/${m.marketId}/state`);
    await expect.poll(async () => (await stateOf(senen)).couriers.filter((c: any) => c.status === 'available').length, { timeout: 5_000 }).toBe(2);
    const orderId = await placeOrder(live, kramat, 1);
    await expect.poll(async () => (await stateOf(kramat)).orders.find((o: any) => o.order_id === orderId)?.status, { timeout: 10_000 }).toBe('offered');
    const lent = (await stateOf(kramat)).couriers.filter((c: any) => c.status === 'available').map((c: any) => c.courier_id);
    expect(lent).toHaveLength(1);
    expect(senen.couriers.map((c) => c.id)).toContain(lent[0]);
    const home = (await stateOf(senen)).couriers;
    expect(home.find((c: any) => c.courier_id === lent[0]).status).toBe('offline');
    expect(home.filter((c: any) => c.status === 'available')).toHaveLength(1);
  });
});
