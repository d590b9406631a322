// The live loop in production: commands of one moment settle before a plan (couriers coming on together share the
// backlog), a market's objective weights reach its dispatcher, and an accepted order not yet picked up moves to a
// courier who serves its customer sooner: the first courier's stops of it are cancelled with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOVED_REASON, solve, type ProblemInput } from '../../engine/index.js';
import { goOnline, placeOrder, seedMarket, startLiveApp, type LiveApp } from './helpers/live-app.js';
import { connect, type TestSocket } from './helpers/sockets.js';

const SENEN = { lon: 106.8442, lat: -6.1737 };
const KRAMAT = { lon: 106.8485, lat: -6.1862 };

describe('live dispatch: settling, market weights, moving accepted orders', () => {
  let live: LiveApp;
  const problems: { marketIds: Set<string>; couriers: string[]; orders: string[] }[] = [];

  beforeAll(async () => {
    live = await startLiveApp({
      settleMs: 3_000,
      config: { moveAcceptedOrders: true },
      solve: (problem: ProblemInput, opts) => {
        problems.push({ marketIds: new Set(), couriers: problem.couriers.map((c) => c.id), orders: problem.orders.map((o) => o.id) });
        return solve(problem, { ...opts, timeLimitMs: undefined, maxIterations: 200 });
      },
    });
  });
  afterAll(async () => {
    await live?.app.close();
  });

  it('plans a backlog once both couriers coming on together are in, not for the first alone', async () => {
    const m = await seedMarket(live, 'Pasar Senen', SENEN, 2);
    const orderIds = [await placeOrder(live, m, 1), await placeOrder(live, m, 5), await placeOrder(live, m, 9)];
    await goOnline(live, m, 0);
    await goOnline(live, m, 1);
    await expect.poll(() => problems.find((p) => p.orders.some((id) => orderIds.includes(id))), { timeout: 10_000 }).toBeDefined();
    const first = problems.find((p) => p.orders.some((id) => orderIds.includes(id)))!;
    expect(first.couriers.sort()).toEqual(m.couriers.map((c) => c.id).sort());
  });

  it('applies a market\'s objective weights to its dispatcher, and moves an accepted order to a courier coming free', async () => {
    const m = await seedMarket(live, 'Pasar Kramat', KRAMAT, 2);
    const patched = await live.app.inject({ method: 'PATCH', url: `/v1/markets/${m.marketId}`, headers: live.admin, payload: { dispatch_objective: { click_to_door_cost_per_s: 20, stability_cost: 0 } } });
    expect(patched.statusCode, patched.body).toBe(200);
    const entry = () => live.app.dispatch.markets.get(m.marketId);
    await expect.poll(() => entry()?.dispatcher.config.clickToDoor?.costPerS, { timeout: 5_000 }).toBe(20);
    expect(entry()!.dispatcher.config.stabilityCost).toBe(0);

    const [a, b] = m.couriers;
    const socketA: TestSocket = await connect(live.baseUrl, '/courier', { token: a.token });
    const socketB: TestSocket = await connect(live.baseUrl, '/courier', { token: b.token });
    await Promise.all([socketA.ready, socketB.ready]);
    await goOnline(live, m, 0);
    const orderIds = [await placeOrder(live, m, 1), await placeOrder(live, m, 9)];
    // Courier A takes both (in one offer or an offer and an extension).
    const accepted = new Set<string>();
    while (accepted.size < 2) {
      const offer = await socketA.waitFor((e) => e.type === 'offer.created' && (e.payload.order_ids as string[]).some((id) => !accepted.has(id)), 15_000);
      expect(await socketA.socket.emitWithAck('offer.accept', { offerId: offer.payload.offer_id })).toMatchObject({ ok: true });
      for (const id of offer.payload.order_ids as string[]) accepted.add(id);
    }
    await expect.poll(async () => (await live.get(`/v1/couriers/${a.id}/route`, a.headers)).stops.filter((s: any) => s.status === 'pending').length, { timeout: 10_000 }).toBe(6);

    await goOnline(live, m, 1);
    const moved = await socketB.waitFor((e) => e.type === 'offer.created', 20_000);
    const movedIds = moved.payload.order_ids as string[];
    expect(movedIds).toHaveLength(1);
    expect(orderIds).toContain(movedIds[0]);
    const cancelled = await socketA.waitFor((e) => e.type === 'stop.cancelled' && e.payload.reason === MOVED_REASON, 10_000);
    expect(cancelled.orderId).toBe(movedIds[0]);
    expect(await socketB.socket.emitWithAck('offer.accept', { offerId: moved.payload.offer_id })).toMatchObject({ ok: true });
    await expect.poll(async () => (await live.get(`/v1/orders/${movedIds[0]}`)).courier_id, { timeout: 10_000 }).toBe(b.id);
    const routeA = await live.get(`/v1/couriers/${a.id}/route`, a.headers);
    expect(routeA.stops.filter((s: any) => s.status === 'pending').every((s: any) => s.order_id !== movedIds[0])).toBe(true);
    const stayed = orderIds.find((id) => id !== movedIds[0])!;
    expect((await live.get(`/v1/orders/${stayed}`)).courier_id).toBe(a.id);
    socketA.close();
    socketB.close();
  });
});
