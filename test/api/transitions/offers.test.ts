// Offers over HTTP: accept moves offer, orders, courier and route together; exactly one winner; scopes; idempotency.

import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { countRows, expectProblem, tokenFor } from '../helpers/fixtures.js';
import { Scenario } from './seed.js';

describeEachBackend('offers', (ctx) => {
  it('accept assigns the route: offer accepted, orders assigned, courier on route, events for the fleet', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const [a, b] = [await s.order(), await s.order()];
    const route = await s.route([a, b]);
    const offerId = await s.offer(route.id, courier.id);
    expect(await s.status('couriers', courier.id)).toBe('offered');
    expect(await s.status('orders', a.id)).toBe('offered');

    const res = await s.post(`/v1/offers/${offerId}/accept`, courier.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: offerId, status: 'accepted', order_ids: [a.id, b.id].sort(), courier_id: courier.id });
    expect(res.headers.etag).toBe(`"${res.json().version}"`);
    expect(await s.status('orders', a.id)).toBe('assigned');
    expect(await s.status('orders', b.id)).toBe('assigned');
    expect(await s.status('couriers', courier.id)).toBe('on_route');
    expect(await s.status('routes', route.id)).toBe('active');
    const events = await ctx.db.query<{ type: string; fleet_id: string | null }>(`SELECT type, fleet_id FROM events WHERE type IN ('offer.accepted', 'order.assigned', 'courier.on_route') ORDER BY seq`);
    expect(events.rows.map((e) => e.type)).toEqual(['offer.accepted', 'order.assigned', 'order.assigned', 'courier.on_route']);
    expect(events.rows.every((e) => e.fleet_id === fleet.id)).toBe(true);
  });

  it('concurrent accepts of offers covering the same order: exactly one 200, the others 409', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const shared = await s.order();
    const couriers = [await s.courier(fleet.id), await s.courier(fleet.id), await s.courier(fleet.id)];
    const offers: string[] = [];
    for (const courier of couriers) offers.push(await s.offer((await s.route([shared, await s.order()])).id, courier.id));
    const results = await Promise.all(offers.map((id, i) => s.post(`/v1/offers/${id}/accept`, couriers[i].headers)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    for (const loser of results.filter((r) => r.statusCode === 409)) {
      const problem = expectProblem(loser, 409, 'illegal_transition');
      expect(['withdrawn', 'assigned']).toContain(problem.current_state);
    }
    const winner = results.findIndex((r) => r.statusCode === 200);
    const order = await ctx.db.query<{ status: string; courier_id: string }>('SELECT status, courier_id FROM orders WHERE id = $1', [shared.id]);
    expect(order.rows[0]).toEqual({ status: 'assigned', courier_id: couriers[winner].id });
    const statuses = await ctx.db.query<{ status: string }>('SELECT status FROM offers ORDER BY status');
    expect(statuses.rows.map((r) => r.status)).toEqual(['accepted', 'withdrawn', 'withdrawn']);
    for (const [i, courier] of couriers.entries()) expect(await s.status('couriers', courier.id)).toBe(i === winner ? 'on_route' : 'idle');
  });

  it('decline returns orders to batched and the courier to idle', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const offerId = await s.offer((await s.route([order])).id, courier.id);
    const res = await s.post(`/v1/offers/${offerId}/decline`, courier.headers, { reason: 'too far' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'declined', decline_reason: 'too far' });
    expect(await s.status('orders', order.id)).toBe('batched');
    expect(await s.status('couriers', courier.id)).toBe('idle');
    const again = expectProblem(await s.post(`/v1/offers/${offerId}/accept`, courier.headers), 409, 'illegal_transition');
    expect(again).toMatchObject({ entity: 'offer', entity_id: offerId, current_state: 'declined', allowed_events: [] });
  });

  it('an expired offer cannot be accepted; the expiry is recorded', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const offerId = await s.offer((await s.route([order])).id, courier.id, -1);
    const problem = expectProblem(await s.post(`/v1/offers/${offerId}/accept`, courier.headers), 409, 'illegal_transition');
    expect(problem.current_state).toBe('expired');
    expect(await s.status('offers', offerId)).toBe('expired');
    expect(await s.status('orders', order.id)).toBe('batched');
    expect(await s.status('couriers', courier.id)).toBe('idle');
  });

  it('scopes: another courier or fleet sees 404, a dispatcher 403, the own fleet may act', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const other = await s.fleet({ name: 'Pangkalan Lain', kind: 'pangkalan' });
    const courier = await s.courier(fleet.id);
    const stranger = await s.courier(other.id);
    const offerId = await s.offer((await s.route([await s.order()])).id, courier.id);
    expectProblem(await s.post(`/v1/offers/${offerId}/accept`, stranger.headers), 404, 'not_found');
    expectProblem(await s.post(`/v1/offers/${offerId}/accept`, other.headers), 404, 'not_found');
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/offers/${offerId}`, headers: stranger.headers }), 404, 'not_found');
    const dispatcher = await tokenFor(ctx.app, 'dispatcher', { marketIds: [s.marketId] });
    expectProblem(await s.post(`/v1/offers/${offerId}/accept`, dispatcher), 403, 'forbidden');
    const seen = await ctx.app.inject({ method: 'GET', url: '/v1/offers?status=pending', headers: dispatcher });
    expect(seen.json().data.map((o: { id: string }) => o.id)).toEqual([offerId]);
    const own = await ctx.app.inject({ method: 'GET', url: '/v1/offers', headers: stranger.headers });
    expect(own.json().data).toEqual([]);
    expect((await s.post(`/v1/offers/${offerId}/accept`, fleet.headers)).statusCode).toBe(200);
  });

  it('replays an accept with the same Idempotency-Key and refuses the key with another body', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const offerId = await s.offer((await s.route([await s.order()])).id, courier.id);
    const headers = { ...courier.headers, 'idempotency-key': 'accept-1' };
    const first = await s.post(`/v1/offers/${offerId}/accept`, headers);
    const eventsAfterFirst = await countRows(ctx.app, 'events');
    const second = await s.post(`/v1/offers/${offerId}/accept`, headers);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await countRows(ctx.app, 'events')).toBe(eventsAfterFirst);
    expectProblem(await s.post(`/v1/offers/${offerId}/decline`, headers, { reason: 'x' }), 422, 'idempotency_key_reused');
  });

  it('If-Match with a stale version is a version conflict carrying the current state', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const offerId = await s.offer((await s.route([await s.order()])).id, courier.id);
    const problem = expectProblem(await s.post(`/v1/offers/${offerId}/accept`, { ...courier.headers, 'if-match': '"7"' }), 409, 'version_conflict');
    expect(problem).toMatchObject({ current_state: 'pending', current_version: 1 });
    expect(await s.status('offers', offerId)).toBe('pending');
  });

  it('rejects a malformed offer id with 400 and writes nothing', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const before = await countRows(ctx.app, 'events');
    expectProblem(await s.post('/v1/offers/not-an-id/accept', courier.headers), 400, 'validation_failed');
    expectProblem(await s.post('/v1/offers/ofr_01JD3X5Q4S8T2VYB6N7P9RWXYZ/decline', courier.headers, { why: 'x' }), 400, 'validation_failed');
    expect(await countRows(ctx.app, 'events')).toBe(before);
  });
});
