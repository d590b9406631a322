// Order cancel and exchange over HTTP.

import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { countRows, expectProblem, tokenFor } from '../helpers/fixtures.js';
import { Scenario, type SeedOrder } from './seed.js';
import { loadOrder } from '../../../api/dispatch/dispatch-loaders.js';

describeEachBackend('order transitions', (ctx) => {
  async function atTheDoor(s: Scenario, fleetId: string, courier: { id: string; headers: Record<string, string> }, order: SeedOrder) {
    const stops = (await s.assigned([order], courier)).stops[order.id];
    await s.pickedUp(stops, order, courier);
    await s.post(`/v1/stops/${stops.delivery}/arrive`, courier.headers);
    return stops;
  }

  it('a dispatcher of the market cancels a created order; others may not', async () => {
    const s = await Scenario.create(ctx.app);
    const order = await s.order('created');
    const fleet = await s.fleet();
    const elsewhere = await tokenFor(ctx.app, 'dispatcher', { marketIds: ['mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ'] });
    expectProblem(await s.post(`/v1/orders/${order.id}/cancel`, elsewhere, { reason: 'x' }), 404, 'not_found');
    expectProblem(await s.post(`/v1/orders/${order.id}/cancel`, fleet.headers), 403, 'forbidden');
    const dispatcher = await tokenFor(ctx.app, 'dispatcher', { marketIds: [s.marketId] });
    const res = await s.post(`/v1/orders/${order.id}/cancel`, dispatcher, { reason: 'customer called' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: order.id, status: 'cancelled', version: 2 });
    const again = expectProblem(await s.post(`/v1/orders/${order.id}/cancel`, dispatcher), 409, 'illegal_transition');
    expect(again).toMatchObject({ entity: 'order', current_state: 'cancelled' });
  });

  it('cancelling an offered order withdraws the offer; the courier is idle and the other order back to batched', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const [a, b] = [await s.order(), await s.order()];
    const offerId = await s.offer((await s.route([a, b])).id, courier.id);
    const res = await s.post(`/v1/orders/${a.id}/cancel`, await tokenFor(ctx.app, 'admin'));
    expect(res.statusCode, res.body).toBe(200);
    expect(await s.status('offers', offerId)).toBe('withdrawn');
    expect(await s.status('couriers', courier.id)).toBe('idle');
    expect(await s.status('orders', b.id)).toBe('batched');
    expect(await s.status('orders', a.id)).toBe('cancelled');
  });

  it('cannot cancel once picking started (409 with the current state)', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const stops = (await s.assigned([order], courier)).stops[order.id];
    await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, courier.headers);
    const problem = expectProblem(await s.post(`/v1/orders/${order.id}/cancel`, await tokenFor(ctx.app, 'admin')), 409, 'illegal_transition');
    expect(problem).toMatchObject({ current_state: 'picking', allowed_events: ['depart', 'fail'] });
  });

  it('an exchange at the door: parent exchanged with COD for the kept goods, child order with the refused goods', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const stops = await atTheDoor(s, fleet.id, courier, order);
    const res = await s.post(`/v1/orders/${order.id}/exchange`, courier.headers, {
      items: [{ item_id: order.items.fish[1], reason: 'udang tidak segar' }, { item_id: order.items.veg[0], quantity: 1, reason: 'layu' }],
      cod_collected_rp: 40000,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { order: parent, child_order_id: childId } = res.json();
    expect(parent).toMatchObject({ id: order.id, status: 'exchanged' });
    expect(res.headers.location).toBe(`/v1/orders/${childId}`);
    const child = await ctx.db.query<Record<string, unknown>>('SELECT status, kind, parent_order_id, courier_id, goods_total_rp, cod_total_rp, fee_rp FROM orders WHERE id = $1', [childId]);
    expect(child.rows[0]).toEqual({ status: 'created', kind: 'exchange', parent_order_id: order.id, courier_id: courier.id, goods_total_rp: 65000, cod_total_rp: 65000, fee_rp: 0 });
    const childItems = await ctx.db.query<{ parent_item_id: string; quantity: number; note: string }>('SELECT parent_item_id, quantity, note FROM order_items WHERE order_id = $1 ORDER BY position', [childId]);
    expect(childItems.rows).toEqual([
      { parent_item_id: order.items.fish[1], quantity: 1, note: 'udang tidak segar' },
      { parent_item_id: order.items.veg[0], quantity: 1, note: 'layu' },
    ]);
    const refused = await ctx.db.query<{ outcome: string }>('SELECT outcome FROM order_items WHERE order_id = $1 ORDER BY position', [order.id]);
    expect(refused.rows.map((r) => r.outcome)).toEqual(['picked', 'refused', 'refused']);
    expect(await s.status('stops', stops.delivery)).toBe('done');
    expect(await s.status('couriers', courier.id)).toBe('idle');
    const created = await ctx.db.query<{ payload: Record<string, any>; fleet_id: string }>(`SELECT payload, fleet_id FROM events WHERE type = 'order.created' AND order_id = $1`, [childId]);
    expect(created.rows[0].fleet_id).toBe(fleet.id);
    expect(created.rows[0].payload).toMatchObject({ kind: 'exchange', parent_order_id: order.id, on_board_courier_id: courier.id });
    expect(created.rows[0].payload.stops).toEqual([{ kind: 'return', stall_id: s.stalls.fish }, { kind: 'return', stall_id: s.stalls.veg }, { kind: 'delivery' }]);
    // The dispatcher prices the exchange's wait from the customer's order, not from the refusal, and gives it to the
    // courier who holds the refused goods.
    const times = await ctx.db.query<{ id: string; created_at: string | Date }>('SELECT id, created_at FROM orders WHERE id = ANY($1::text[])', [[order.id, childId]]);
    const createdMs = new Map(times.rows.map((r) => [r.id, new Date(r.created_at).getTime()]));
    expect(createdMs.get(childId)!).toBeGreaterThan(createdMs.get(order.id)!);
    expect((await loadOrder(ctx.db, childId))!.order).toMatchObject({ placedAtMs: createdMs.get(order.id), heldByCourierId: courier.id });
    expect((await loadOrder(ctx.db, order.id))!.order.heldByCourierId).toBeUndefined();
    expect((await loadOrder(ctx.db, order.id))!.order.placedAtMs).toBe(createdMs.get(order.id));
  });

  it('an exchange with a wrong item is 422 and writes nothing; before the door it is 409', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const other = await s.order('created');
    const early = expectProblem(await s.post(`/v1/orders/${order.id}/exchange`, await tokenFor(ctx.app, 'admin'), { items: [{ item_id: order.items.fish[0], reason: 'x' }], cod_collected_rp: 0 }), 409, 'illegal_transition');
    expect(early.current_state).toBe('batched');
    await atTheDoor(s, fleet.id, courier, order);
    const orders = await countRows(ctx.app, 'orders');
    const events = await countRows(ctx.app, 'events');
    const problem = expectProblem(await s.post(`/v1/orders/${order.id}/exchange`, courier.headers, {
      items: [{ item_id: other.items.fish[0], reason: 'x' }, { item_id: order.items.fish[0], quantity: 9, reason: 'y' }],
      cod_collected_rp: 0,
    }), 422, 'unprocessable');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['/body/items/0', '/body/items/1']);
    expectProblem(await s.post(`/v1/orders/${order.id}/exchange`, courier.headers, { items: [], cod_collected_rp: 0 }), 400, 'validation_failed');
    expect(await countRows(ctx.app, 'orders')).toBe(orders);
    expect(await countRows(ctx.app, 'events')).toBe(events);
    expect(await s.status('orders', order.id)).toBe('delivering');
  });

  it('another courier cannot open an exchange on someone else’s order', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const colleague = await s.courier(fleet.id);
    const order = await s.order();
    await atTheDoor(s, fleet.id, courier, order);
    expectProblem(await s.post(`/v1/orders/${order.id}/exchange`, colleague.headers, { items: [{ item_id: order.items.fish[0], reason: 'x' }], cod_collected_rp: 0 }), 404, 'not_found');
    expect(await s.status('orders', order.id)).toBe('delivering');
  });
});
