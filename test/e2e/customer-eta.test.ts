// The hour a customer is told: an accepted order carries its delivery stop's ETA, and the ETA follows the courier's
// reported position (the store keeps the core's refreshed ETAs, recording a change from the hour told), until the
// order no longer waits for its courier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goOnline, liveMarketWithCourier, placeOrder, type LiveApp, type SeededMarket } from './helpers/live-app.js';
import type { TestSocket } from './helpers/sockets.js';

const SENEN = { lon: 106.8442, lat: -6.1737 };
const MIN_MS = 60_000;

describe('the delivery ETA customers are told', () => {
  let live: LiveApp;
  let senen: SeededMarket;
  let courier: TestSocket;
  let close: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    // Customers hear of a move of 5 minutes or more (the courier's reported position below moves the door further).
    ({ live, market: senen, courier, close } = await liveMarketWithCourier('Pasar Senen', SENEN, { etaNotice: { minShiftS: 300 } }));
  });
  afterAll(() => close());

  const deliveryStopEta = async (orderId: string) => {
    const route = await live.get(`/v1/couriers/${senen.couriers[0].id}/route`, senen.couriers[0].headers);
    return route.stops.find((s: any) => s.order_id === orderId && s.kind === 'delivery').eta as string;
  };

  it('is null until a courier accepts, then the route\'s delivery ETA, moving later when the courier is reported far away', async () => {
    const orderId = await placeOrder(live, senen, 1);
    expect(await live.get(`/v1/orders/${orderId}`)).toMatchObject({ delivery_eta: null, told_eta: null });
    await goOnline(live, senen, 0);
    const offer = await courier.waitFor((e) => e.type === 'offer.created');
    expect((await live.get(`/v1/orders/${orderId}`)).delivery_eta).toBeNull(); // offered, not yet anyone's
    expect(await courier.socket.emitWithAck('offer.accept', { offerId: offer.payload.offer_id })).toMatchObject({ ok: true });
    await courier.waitFor((e) => e.type === 'route.updated');

    const planned = (await live.get(`/v1/orders/${orderId}`)).delivery_eta as string;
    expect(planned).toEqual(await deliveryStopEta(orderId));
    expect(Date.parse(planned)).toBeGreaterThan(Date.now());
    expect(Date.parse(planned)).toBeLessThan(Date.now() + 60 * MIN_MS);
    // The hour the order was accepted with is the one its customer (or fleet) was told.
    await expect.poll(async () => (await live.get(`/v1/orders/${orderId}`)).told_eta, { timeout: 5_000 }).toBe(planned);

    // Three kilometres south of the market: the first stall, and so the door, are minutes further away.
    const c = senen.couriers[0];
    await live.post(`/v1/couriers/${c.id}/positions`, { positions: [{ lon: SENEN.lon, lat: SENEN.lat - 0.027, recorded_at: new Date().toISOString() }] }, c.headers);
    await courier.waitFor((e) => e.type === 'eta.updated');
    await expect.poll(async () => Date.parse((await live.get(`/v1/orders/${orderId}`)).delivery_eta) - Date.parse(planned), { timeout: 5_000 }).toBeGreaterThan(5 * MIN_MS);
    expect((await live.get(`/v1/orders/${orderId}`)).delivery_eta).toEqual(await deliveryStopEta(orderId));
    // The dispatcher's ETA write recorded the change against the hour told, once.
    const changes = (await live.get(`/v1/events?type=order.eta_changed&order_id=${orderId}`)).data as { payload: Record<string, any> }[];
    expect(changes).toHaveLength(1);
    expect(changes[0].payload).toMatchObject({ order_id: orderId, told_eta: planned });
    expect(changes[0].payload.shift_s).toBeGreaterThan(5 * 60);

    await live.post(`/v1/orders/${orderId}/cancel`, { reason: 'customer changed their mind' });
    expect((await live.get(`/v1/orders/${orderId}`)).delivery_eta).toBeNull();
  });
});
