// Moving an order no courier has accepted to another hour over HTTP: the hour read back and planned from, the offer
// withdrawn, a window kept, replaced or removed, accepted and ended orders refused with a stable code, bad hours refused
// naming the field, nothing half-written.
import { expect, it } from 'vitest';
import { loadOrder } from '../../../api/dispatch/dispatch-loaders.js';
import { describeEachBackend } from '../helpers/backends.js';
import { expectProblem, tokenFor } from '../helpers/fixtures.js';
import { Scenario } from './seed.js';

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describeEachBackend('order reschedule', (ctx) => {
  const eventsOf = async (orderId: string, type = 'order.rescheduled') =>
    (await ctx.db.query<{ payload: Record<string, unknown>; fleet_id: string | null; market_id: string }>('SELECT payload, fleet_id, market_id FROM events WHERE order_id = $1 AND type = $2 ORDER BY seq', [orderId, type])).rows;
  const versionOf = async (orderId: string) => Number((await ctx.db.query<{ version: number }>('SELECT version FROM orders WHERE id = $1', [orderId])).rows[0].version);

  it('moves a waiting order to a later hour and back to at once; it reads back, and the dispatcher plans it, from each hour', async () => {
    const s = await Scenario.create(ctx.app);
    const order = await s.order('created');
    const dispatcher = await tokenFor(ctx.app, 'dispatcher', { marketIds: [s.marketId] });
    const laterMs = Date.now() + 3 * HOUR_MS;
    const later = await s.post(`/v1/orders/${order.id}/reschedule`, dispatcher, { booked_for: iso(laterMs) });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ id: order.id, status: 'created', booked_for: iso(laterMs), version: 2 });
    expect(later.headers.etag).toBe('"2"');
    const read = await ctx.app.inject({ method: 'GET', url: `/v1/orders/${order.id}`, headers: dispatcher });
    expect(read.json().booked_for).toBe(iso(laterMs));
    const loaded = (await loadOrder(ctx.db, order.id))!.order;
    expect(loaded.placedAtMs).toBe(laterMs);
    expect(loaded.pickups.map((p) => p.readyAtMs)).toEqual([laterMs, laterMs]);
    expect(await eventsOf(order.id)).toEqual([{
      market_id: s.marketId, fleet_id: null,
      payload: expect.objectContaining({ order_id: order.id, previous_booked_for: null, booked_for: iso(laterMs), window_end: null, withdrawn_offer_ids: [], version: 2 }),
    }]);

    const before = Date.now();
    const now = await s.post(`/v1/orders/${order.id}/reschedule`, dispatcher, { booked_for: null });
    expect(now.statusCode, now.body).toBe(200);
    // At once: the wait counts from the change, not from when the customer first ordered.
    const atOnceMs = Date.parse(now.json().booked_for);
    expect(atOnceMs).toBeGreaterThanOrEqual(before - 1);
    expect(atOnceMs).toBeLessThanOrEqual(Date.now());
    const reloaded = (await loadOrder(ctx.db, order.id))!.order;
    expect(reloaded.placedAtMs).toBe(atOnceMs);
    expect(reloaded.pickups.map((p) => p.readyAtMs)).toEqual([atOnceMs, atOnceMs]);
    expect((await eventsOf(order.id))[1].payload).toMatchObject({ previous_booked_for: iso(laterMs), booked_for: now.json().booked_for, version: 3 });
  });

  it('leaves an order with no booked hour unbooked when moved to at once', async () => {
    const s = await Scenario.create(ctx.app);
    const order = await s.order('batched');
    const res = await s.post(`/v1/orders/${order.id}/reschedule`, await tokenFor(ctx.app, 'admin'), { booked_for: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'batched', booked_for: null, version: 2 });
  });

  it('withdraws the pending offer holding the order in the same transaction; the courier is idle, the route\'s other order batched', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const [a, b] = [await s.order(), await s.order()];
    const offerId = await s.offer((await s.route([a, b])).id, courier.id);
    expect(await s.status('orders', a.id)).toBe('offered');
    const res = await s.post(`/v1/orders/${a.id}/reschedule`, await tokenFor(ctx.app, 'admin'), { booked_for: iso(Date.now() + HOUR_MS) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'batched' });
    expect(await s.status('offers', offerId)).toBe('withdrawn');
    expect(await s.status('couriers', courier.id)).toBe('idle');
    expect(await s.status('orders', b.id)).toBe('batched');
    expect((await eventsOf(a.id))[0].payload).toMatchObject({ withdrawn_offer_ids: [offerId] });
    const withdrawn = await ctx.db.query<{ payload: { reason: string } }>(`SELECT payload FROM events WHERE type = 'offer.withdrawn' AND payload->>'offer_id' = $1`, [offerId]);
    expect(withdrawn.rows.map((r) => r.payload.reason)).toEqual(['order_rescheduled']);
  });

  it('refuses an order a courier has accepted, one that has ended, or an exchange, with 409 order_not_reschedulable naming its state', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const accepted = await s.order();
    await s.assigned([accepted], courier);
    const admin = await tokenFor(ctx.app, 'admin');
    const version = await versionOf(accepted.id);
    const problem = expectProblem(await s.post(`/v1/orders/${accepted.id}/reschedule`, admin, { booked_for: null }), 409, 'order_not_reschedulable');
    expect(problem).toMatchObject({ entity_id: accepted.id, current_state: 'assigned', current_version: version });
    expect(problem.detail).toContain('assigned');
    const cancelled = await s.order('cancelled');
    expect(expectProblem(await s.post(`/v1/orders/${cancelled.id}/reschedule`, admin, { booked_for: iso(Date.now() + HOUR_MS) }), 409, 'order_not_reschedulable')).toMatchObject({ current_state: 'cancelled' });
    const exchange = await s.order('created');
    await ctx.db.query(`UPDATE orders SET kind = 'exchange', courier_id = $2 WHERE id = $1`, [exchange.id, courier.id]);
    expect(expectProblem(await s.post(`/v1/orders/${exchange.id}/reschedule`, admin, { booked_for: null }), 409, 'order_not_reschedulable')).toMatchObject({ current_state: 'created', kind: 'exchange' });
    expect(await versionOf(accepted.id)).toBe(version);
    expect(await eventsOf(accepted.id)).toEqual([]);
    expect(await eventsOf(exchange.id)).toEqual([]);
  });

  it('refuses a bad hour or window with 422 naming the field and writes nothing, the offer left pending', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const offerId = await s.offer((await s.route([order])).id, courier.id);
    const windowEndMs = Date.now() + 2 * HOUR_MS;
    await ctx.db.query('UPDATE orders SET window_start = $2, window_end = $3 WHERE id = $1', [order.id, iso(Date.now()), iso(windowEndMs)]);
    const admin = await tokenFor(ctx.app, 'admin');
    const versionBefore = await versionOf(order.id);
    const refused = async (body: unknown, path: string) => {
      const problem = expectProblem(await s.post(`/v1/orders/${order.id}/reschedule`, admin, body), 422, 'unprocessable');
      expect(problem.errors.map((e: { path: string }) => e.path)).toEqual([path]);
      return problem;
    };
    expect((await refused({ booked_for: iso(Date.now() + 8 * 24 * HOUR_MS) }, '/body/booked_for')).errors[0].message).toContain('7 days');
    expect((await refused({ booked_for: iso(Date.now() - HOUR_MS) }, '/body/booked_for')).errors[0].message).toContain('past');
    expect((await refused({ booked_for: iso(windowEndMs + HOUR_MS) }, '/body/booked_for')).detail).toContain('window');
    await refused({ booked_for: iso(windowEndMs + HOUR_MS), window: { start: iso(windowEndMs + 3 * HOUR_MS), end: iso(windowEndMs + 2 * HOUR_MS) } }, '/body/window/end');
    await refused({ booked_for: iso(windowEndMs + HOUR_MS), window: { start: iso(Date.now()), end: iso(windowEndMs + HOUR_MS) } }, '/body/window/end');
    expectProblem(await s.post(`/v1/orders/${order.id}/reschedule`, admin, { booked_for: 'tomorrow' }), 400, 'validation_failed');
    expectProblem(await s.post(`/v1/orders/${order.id}/reschedule`, admin, {}), 400, 'validation_failed');
    expect(await versionOf(order.id)).toBe(versionBefore);
    expect(await s.status('offers', offerId)).toBe('pending');
    expect(await s.status('orders', order.id)).toBe('offered');
    expect(await eventsOf(order.id)).toEqual([]);

    // A new window that closes after the new hour lets it move.
    const window = { start: iso(windowEndMs), end: iso(windowEndMs + 2 * HOUR_MS) };
    const moved = await s.post(`/v1/orders/${order.id}/reschedule`, admin, { booked_for: iso(windowEndMs + HOUR_MS), window });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ booked_for: iso(windowEndMs + HOUR_MS), window });
    expect((await loadOrder(ctx.db, order.id))!.order.delivery.windowEndMs).toBe(windowEndMs + 2 * HOUR_MS);
  });

  it('removes the window with window: null, also one that closes before the new hour; without window the order keeps its own', async () => {
    const s = await Scenario.create(ctx.app);
    const order = await s.order('created');
    const windowEndMs = Date.now() + 2 * HOUR_MS;
    await ctx.db.query('UPDATE orders SET window_start = $2, window_end = $3 WHERE id = $1', [order.id, iso(Date.now()), iso(windowEndMs)]);
    const admin = await tokenFor(ctx.app, 'admin');
    // A bad hour is still refused naming it, the window left as it was.
    const tooFar = expectProblem(await s.post(`/v1/orders/${order.id}/reschedule`, admin, { booked_for: iso(Date.now() + 8 * 24 * HOUR_MS), window: null }), 422, 'unprocessable');
    expect(tooFar.errors.map((e: { path: string }) => e.path)).toEqual(['/body/booked_for']);
    expect((await loadOrder(ctx.db, order.id))!.order.delivery.windowEndMs).toBe(windowEndMs);

    const laterMs = windowEndMs + HOUR_MS; // past the old window: allowed once the window goes
    const removed = await s.post(`/v1/orders/${order.id}/reschedule`, admin, { booked_for: iso(laterMs), window: null });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ booked_for: iso(laterMs), window: null, version: 2 });
    const loaded = (await loadOrder(ctx.db, order.id))!.order; // what the dispatcher reads on order.rescheduled
    expect(loaded.delivery.windowStartMs).toBeUndefined();
    expect(loaded.delivery.windowEndMs).toBeUndefined();
    expect(loaded.placedAtMs).toBe(laterMs);
    expect((await eventsOf(order.id))[0].payload).toMatchObject({ booked_for: iso(laterMs), window_start: null, window_end: null });

    // Moved again without a window: it stays without one; with one, it has it again.
    const again = await s.post(`/v1/orders/${order.id}/reschedule`, admin, { booked_for: null });
    expect(again.json()).toMatchObject({ window: null, version: 3 });
    const window = { start: iso(laterMs), end: iso(laterMs + HOUR_MS) };
    expect((await s.post(`/v1/orders/${order.id}/reschedule`, admin, { booked_for: null, window })).json()).toMatchObject({ window, version: 4 });

    // The 409 rule holds for a removal too.
    const fleet = await s.fleet();
    const accepted = await s.order();
    await s.assigned([accepted], await s.courier(fleet.id));
    expectProblem(await s.post(`/v1/orders/${accepted.id}/reschedule`, admin, { booked_for: null, window: null }), 409, 'order_not_reschedulable');
  });

  it('lets admins, the market\'s dispatchers and the fleet that placed the order move it; others see 404 or 403', async () => {
    const s = await Scenario.create(ctx.app);
    const placing = await s.fleet();
    const other = await s.fleet();
    const order = await s.order('created');
    await ctx.db.query('UPDATE orders SET source_fleet_id = $2 WHERE id = $1', [order.id, placing.id]);
    const body = { booked_for: iso(Date.now() + HOUR_MS) };
    const elsewhere = await tokenFor(ctx.app, 'dispatcher', { marketIds: ['mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ'] });
    expectProblem(await s.post(`/v1/orders/${order.id}/reschedule`, elsewhere, body), 404, 'not_found');
    expectProblem(await s.post(`/v1/orders/${order.id}/reschedule`, other.headers, body), 404, 'not_found');
    const courier = await s.courier(placing.id);
    expectProblem(await s.post(`/v1/orders/${order.id}/reschedule`, courier.headers, body), 403, 'forbidden');
    expectProblem(await s.post('/v1/orders/ord_01JD3X5Q4S8T2VYB6N7P9RWXYZ/reschedule', await tokenFor(ctx.app, 'admin'), body), 404, 'not_found');
    const res = await s.post(`/v1/orders/${order.id}/reschedule`, placing.headers, body);
    expect(res.statusCode, res.body).toBe(200);
    // The fleet that placed it hears of it (webhook), whoever moved it.
    expect((await eventsOf(order.id)).map((e) => e.fleet_id)).toEqual([placing.id]);
  });

  it('honours If-Match and replays a repeated Idempotency-Key without moving the order twice', async () => {
    const s = await Scenario.create(ctx.app);
    const order = await s.order('created');
    const admin = await tokenFor(ctx.app, 'admin');
    const body = { booked_for: iso(Date.now() + HOUR_MS) };
    expectProblem(await s.post(`/v1/orders/${order.id}/reschedule`, { ...admin, 'if-match': '"7"' }, body), 409, 'version_conflict');
    const headers = { ...admin, 'if-match': '"1"', 'idempotency-key': 'move-1' };
    const first = await s.post(`/v1/orders/${order.id}/reschedule`, headers, body);
    expect(first.statusCode, first.body).toBe(200);
    const again = await s.post(`/v1/orders/${order.id}/reschedule`, headers, body);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await versionOf(order.id)).toBe(2);
    expect(await eventsOf(order.id)).toHaveLength(1);
  });
});
