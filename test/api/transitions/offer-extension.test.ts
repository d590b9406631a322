// Extensions over HTTP: an offer to a courier on a route extends its one active route; accepted, the stops merge in
// the offered sequence (route version bumped), declined, the route stays as it was; one winner per order.

import { expect, it } from 'vitest';
import { createOffer } from '../../../api/transitions/offer-create.js';
import { describeEachBackend } from '../helpers/backends.js';
import { Scenario, type SeedOrder, type SeedRoute } from './seed.js';

async function stopsOf(s: Scenario, routeId: string) {
  const rows = await s.app.db.query<{ order_id: string; kind: string; stall_id: string | null; position: number }>(
    'SELECT order_id, kind, stall_id, position FROM stops WHERE route_id = $1 ORDER BY position', [routeId],
  );
  return rows.rows.map((r) => `${r.order_id === null ? '-' : r.order_id.slice(-4)}:${r.kind}${r.stall_id ? `@${r.stall_id.slice(-4)}` : ''}`);
}

/** The sequence the dispatch core proposes: the new order's stalls right after the courier's own, its door first. */
function sequence(s: Scenario, on: SeedOrder, extra: SeedOrder) {
  return [
    { orderId: on.id, kind: 'pickup' as const, stallId: s.stalls.fish }, { orderId: on.id, kind: 'pickup' as const, stallId: s.stalls.veg },
    { orderId: extra.id, kind: 'pickup' as const, stallId: s.stalls.fish }, { orderId: extra.id, kind: 'pickup' as const, stallId: s.stalls.veg },
    { orderId: extra.id, kind: 'delivery' as const, stallId: null }, { orderId: on.id, kind: 'delivery' as const, stallId: null },
  ];
}

async function extend(s: Scenario, route: SeedRoute, courierId: string, stopSequence: ReturnType<typeof sequence>) {
  return s.app.tx((tx) => createOffer(tx, { routeId: route.id, courierId, expiresAt: new Date(Date.now() + 60_000), stopSequence }));
}

describeEachBackend('offer extensions', (ctx) => {
  it('offers an extension to a courier on a route; accepted, it merges into the one active route in the offered order', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const first = await s.order();
    const active = await s.assigned([first], courier);
    const extra = await s.order();
    const offered = await s.route([extra]);
    const { offerId } = await extend(s, offered, courier.id, sequence(s, first, extra));
    expect(await s.status('couriers', courier.id)).toBe('on_route'); // an extension does not take the courier off its route
    const created = await ctx.db.query<{ payload: { extends_route_id?: string } }>(`SELECT payload FROM events WHERE type = 'offer.created' ORDER BY seq DESC LIMIT 1`);
    expect(created.rows[0].payload.extends_route_id).toBe(active.id);
    const before = await ctx.db.query<{ version: number }>('SELECT version FROM routes WHERE id = $1', [active.id]);

    const res = await s.post(`/v1/offers/${offerId}/accept`, courier.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', order_ids: [extra.id] });
    const order = await ctx.db.query<{ status: string; courier_id: string; route_id: string }>('SELECT status, courier_id, route_id FROM orders WHERE id = $1', [extra.id]);
    expect(order.rows[0]).toEqual({ status: 'assigned', courier_id: courier.id, route_id: active.id });
    expect(await s.status('couriers', courier.id)).toBe('on_route');
    expect(await s.status('routes', offered.id)).toBe('merged');
    const t = (o: SeedOrder) => o.id.slice(-4);
    const [fish, veg] = [s.stalls.fish.slice(-4), s.stalls.veg.slice(-4)];
    expect(await stopsOf(s, active.id)).toEqual([
      `${t(first)}:pickup@${fish}`, `${t(first)}:pickup@${veg}`, `${t(extra)}:pickup@${fish}`, `${t(extra)}:pickup@${veg}`, `${t(extra)}:delivery`, `${t(first)}:delivery`,
    ]);
    expect(await stopsOf(s, offered.id)).toEqual([]);
    const after = await ctx.db.query<{ version: number }>('SELECT version FROM routes WHERE id = $1', [active.id]);
    expect(after.rows[0].version).toBe(before.rows[0].version + 1);
    const extended = await ctx.db.query<{ payload: { route_id: string; order_ids: string[]; version: number } }>(`SELECT payload FROM events WHERE type = 'route.extended'`);
    expect(extended.rows[0].payload).toMatchObject({ route_id: active.id, order_ids: [extra.id], version: after.rows[0].version });
    // The courier's view of its route shows the merged sequence.
    const view = await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courier.id}/route`, headers: courier.headers });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().stops.filter((x: { kind: string }) => x.kind === 'pickup' || x.kind === 'delivery').map((x: { order_id: string }) => x.order_id))
      .toEqual([first.id, first.id, extra.id, extra.id, extra.id, first.id]);
  });

  it('a declined extension leaves the active route untouched and the courier on it', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const first = await s.order();
    const active = await s.assigned([first], courier);
    const stops = await stopsOf(s, active.id);
    const extra = await s.order();
    const { offerId } = await extend(s, await s.route([extra]), courier.id, sequence(s, first, extra));
    const res = await s.post(`/v1/offers/${offerId}/decline`, courier.headers, { reason: 'bag full' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stopsOf(s, active.id)).toEqual(stops);
    expect(await s.status('couriers', courier.id)).toBe('on_route');
    expect(await s.status('orders', extra.id)).toBe('batched');
    expect(await s.status('routes', active.id)).toBe('active');
  });

  it('one winner per order: an extension and a plain offer of the same order accepted at once', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const busy = await s.courier(fleet.id);
    const free = await s.courier(fleet.id);
    const first = await s.order();
    await s.assigned([first], busy);
    const shared = await s.order();
    const ext = (await extend(s, await s.route([shared]), busy.id, sequence(s, first, shared))).offerId;
    const plain = await s.offer((await s.route([shared])).id, free.id);
    const results = await Promise.all([s.post(`/v1/offers/${ext}/accept`, busy.headers), s.post(`/v1/offers/${plain}/accept`, free.headers)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const order = await ctx.db.query<{ status: string; courier_id: string }>('SELECT status, courier_id FROM orders WHERE id = $1', [shared.id]);
    expect(order.rows[0].status).toBe('assigned');
    expect([busy.id, free.id]).toContain(order.rows[0].courier_id);
  });

  it('refuses a second open offer to a courier on a route', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const first = await s.order();
    await s.assigned([first], courier);
    const [a, b] = [await s.order(), await s.order()];
    await extend(s, await s.route([a]), courier.id, sequence(s, first, a));
    await expect(extend(s, await s.route([b]), courier.id, sequence(s, first, b))).rejects.toMatchObject({ code: 'version_conflict' });
  });
});
