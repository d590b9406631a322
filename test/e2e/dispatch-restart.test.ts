// A dispatch loop that starts again takes back couriers on their routes with the orders they hold: the told hour
// survives in the store, the busy courier is offered the next order as an extension, its stops are followed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DispatchService } from '../../api/dispatch/dispatch-service.js';
import { solve, HaversineProvider } from '../../engine/index.js';
import { goOnline, liveMarketWithCourier, placeOrder, type LiveApp, type SeededMarket } from './helpers/live-app.js';
import type { TestSocket } from './helpers/sockets.js';

const JATINEGARA = { lon: 106.8708, lat: -6.2153 };

describe('a restarted dispatch loop', () => {
  let live: LiveApp;
  let market: SeededMarket;
  let courier: TestSocket;
  let close: () => Promise<void> = async () => undefined;
  let restarted: DispatchService | null = null;

  beforeAll(async () => {
    ({ live, market, courier, close } = await liveMarketWithCourier('Pasar Jatinegara', JATINEGARA));
  });
  afterAll(async () => {
    await restarted?.stop();
    await close();
  });

  it('takes back a courier on its route with the order it holds, its told hour, and offers it the next order', async () => {
    const c = market.couriers[0];
    await goOnline(live, market, 0);
    const first = await placeOrder(live, market, 1);
    const offer = await courier.waitFor((e) => e.type === 'offer.created' && (e.payload.order_ids as string[]).includes(first));
    const toldEta = (offer.payload.stops as { kind: string; eta: string }[]).find((s) => s.kind === 'delivery')!.eta;
    expect(await courier.socket.emitWithAck('offer.accept', { offerId: offer.payload.offer_id })).toMatchObject({ ok: true });
    const acceptedEta = async () => (await live.app.db.query<{ accepted_eta: Date | string | null }>('SELECT accepted_eta FROM orders WHERE id = $1', [first])).rows[0].accepted_eta;
    await vi.waitFor(async () => expect(await acceptedEta()).not.toBeNull(), { timeout: 10_000, interval: 100 });
    expect(new Date((await acceptedEta())!).toISOString()).toBe(new Date(toldEta).toISOString());

    await live.app.dispatch.stop();
    restarted = new DispatchService(live.app, {
      routing: new HaversineProvider(), config: { batchWindowMs: 300, batchMaxOrders: 8 }, tickMs: 100,
      solve: (problem, opts) => solve(problem, { ...opts, timeLimitMs: undefined, maxIterations: 200 }),
    });
    await restarted.start();
    const core = () => restarted!.markets.get(market.marketId)?.dispatcher;
    await vi.waitFor(() => expect(core()?.couriers.get(c.id)?.route.length).toBe(3), { timeout: 15_000, interval: 100 });
    expect(core()!.orders.get(first)).toMatchObject({ status: 'assigned', courierId: c.id, toldEtaMs: Date.parse(toldEta) });

    // The only courier is busy: the next order goes to it as an extension of the route it rides.
    const second = await placeOrder(live, market, 2);
    const extension = await courier.waitFor((e) => e.type === 'offer.created' && (e.payload.order_ids as string[]).includes(second), 15_000);
    expect(extension.payload.courier_id).toBe(c.id);

    const route = await live.get(`/v1/couriers/${c.id}/route`, c.headers);
    const pickup = route.stops.find((s: any) => s.kind === 'pickup' && s.order_id === first);
    const order = await live.get(`/v1/orders/${first}`);
    await live.post(`/v1/stops/${pickup.id}/arrive`, undefined, c.headers);
    const items = order.items.filter((i: any) => i.stall_id === pickup.stall_id).map((i: any) => ({ item_id: i.id, outcome: 'picked' }));
    await live.post(`/v1/stops/${pickup.id}/pickup`, { items }, c.headers);
    await vi.waitFor(() => expect(core()!.orders.get(first)!.donePickupIds.size).toBe(1), { timeout: 10_000, interval: 100 });
  });
});
