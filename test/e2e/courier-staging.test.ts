// An idle ojol courier far from a market with orders coming is asked, on its own socket, to wait near the market.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../api/helpers/fixtures.js';
import { placeOrder, seedMarket, startLiveApp, type LiveApp, type SeededMarket } from './helpers/live-app.js';
import { connect, type TestSocket } from './helpers/sockets.js';

const SENEN = { lon: 106.8442, lat: -6.1737 };

describe('staging an idle ojol courier at the market', () => {
  let live: LiveApp;
  let senen: SeededMarket;
  let courier: TestSocket;
  let courierId: string;

  beforeAll(async () => {
    live = await startLiveApp();
    senen = await seedMarket(live, 'Pasar Senen', SENEN, 0);
    const fleet = (await live.post('/v1/fleets', { kind: 'ojol', name: 'Ojol Senen', market_ids: [senen.marketId] })).fleet;
    courierId = (await live.post('/v1/couriers', { fleet_id: fleet.id, name: 'Ojol 1', capacity_kg: 25 })).id;
    const headers = await tokenFor(live.app, 'courier', { courierId, fleetId: fleet.id });
    courier = await connect(live.baseUrl, '/courier', { token: headers.authorization.slice('Bearer '.length) });
    await courier.ready;
    // Two kilometres south of the market: within the ojol pool, beyond the one-kilometre staging radius.
    await live.post(`/v1/couriers/${courierId}/positions`, { positions: [{ lon: SENEN.lon, lat: SENEN.lat - 0.018, recorded_at: new Date().toISOString() }] }, headers);
    await live.post(`/v1/couriers/${courierId}/online`, undefined, headers);
  });
  afterAll(async () => {
    courier?.close();
    await live?.app.close();
  });

  it('an order waiting with nobody near the market sends the courier courier.staging with the market point, once', async () => {
    await expect.poll(async () => (await live.get(`/v1/dispatch/markets/${senen.marketId}/state`)).couriers.length, { timeout: 5_000 }).toBe(1);
    expect(courier.received.some((e) => e.type === 'courier.staging')).toBe(false); // no orders yet: nobody is called
    await placeOrder(live, senen, 1);
    const call = await courier.waitFor((e) => e.type === 'courier.staging');
    expect(call.courierId).toBe(courierId);
    expect(call.marketId).toBe(senen.marketId);
    expect(call.payload).toMatchObject({ lon: SENEN.lon, lat: SENEN.lat });
    await placeOrder(live, senen, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(courier.received.filter((e) => e.type === 'courier.staging')).toHaveLength(1); // asked once (it now holds an offer)
  });
});
