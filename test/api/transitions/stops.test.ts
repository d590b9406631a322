// Stop events over HTTP: the whole journey from the first stall to the door, per-item outcomes, failures, scopes.

import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { countRows, expectProblem } from '../helpers/fixtures.js';
import { Scenario } from './seed.js';

describeEachBackend('stop events', (ctx) => {
  it('walks one order from the stalls to delivered with COD; the route completes and the courier is idle', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const route = await s.assigned([order], courier);
    const stops = route.stops[order.id];

    const arrived = await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, courier.headers);
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(arrived.json()).toMatchObject({ status: 'arrived', order: { id: order.id, status: 'picking' } });

    const [kembung, udang] = order.items.fish;
    const fish = await s.post(`/v1/stops/${stops.pickups.fish}/pickup`, courier.headers, {
      items: [
        { item_id: kembung, outcome: 'substituted', substitute_name: 'ikan tongkol', substitute_price_rp: 20000 },
        { item_id: udang, outcome: 'missing', note: 'habis' },
      ],
    });
    expect(fish.statusCode, fish.body).toBe(200);
    expect(fish.json()).toMatchObject({ status: 'done', order: { status: 'picking' } });
    const priced = await ctx.db.query<{ goods_total_rp: number; cod_total_rp: number }>('SELECT goods_total_rp, cod_total_rp FROM orders WHERE id = $1', [order.id]);
    // 2 × 20,000 substitute + udang missing + 3 × 5,000 kangkung still pending at list price; fee 10,000 on top.
    expect(priced.rows[0]).toEqual({ goods_total_rp: 55000, cod_total_rp: 65000 });

    await s.post(`/v1/stops/${stops.pickups.veg}/arrive`, courier.headers);
    const veg = await s.post(`/v1/stops/${stops.pickups.veg}/pickup`, courier.headers, { items: [{ item_id: order.items.veg[0], outcome: 'picked' }] });
    expect(veg.json()).toMatchObject({ status: 'done', order: { status: 'delivering' } });

    expect((await s.post(`/v1/stops/${stops.delivery}/arrive`, courier.headers)).statusCode).toBe(200);
    const delivered = await s.post(`/v1/stops/${stops.delivery}/deliver`, courier.headers, { cod_collected_rp: 65000 });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json()).toMatchObject({ status: 'done', order: { status: 'delivered' } });
    const row = await ctx.db.query<{ cod_collected_rp: number; delivered_at: Date | null }>('SELECT cod_collected_rp, delivered_at FROM orders WHERE id = $1', [order.id]);
    expect(row.rows[0].cod_collected_rp).toBe(65000);
    expect(row.rows[0].delivered_at).not.toBeNull();
    expect(await s.status('routes', route.id)).toBe('completed');
    expect(await s.status('couriers', courier.id)).toBe('idle');
    const items = await ctx.db.query<{ id: string; outcome: string }>('SELECT id, outcome FROM order_items WHERE order_id = $1 ORDER BY position', [order.id]);
    expect(items.rows.map((i) => i.outcome)).toEqual(['substituted', 'missing', 'picked']);
    const types = await ctx.db.query<{ type: string }>(`SELECT type FROM events WHERE order_id = $1 AND type LIKE 'order.%' ORDER BY seq`, [order.id]);
    expect(types.rows.map((t) => t.type)).toEqual(['order.offered', 'order.assigned', 'order.picking', 'order.items_picked', 'order.items_picked', 'order.delivering', 'order.delivered']);
  });

  it('illegal steps are 409 with the current state: complete before arriving, deliver before picking', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const stops = (await s.assigned([order], courier)).stops[order.id];
    const early = expectProblem(await s.post(`/v1/stops/${stops.pickups.fish}/pickup`, courier.headers, { items: [{ item_id: order.items.fish[0], outcome: 'picked' }] }), 409, 'illegal_transition');
    expect(early).toMatchObject({ entity: 'stop', entity_id: stops.pickups.fish, current_state: 'pending', allowed_events: ['arrive', 'fail', 'cancel'] });
    const door = expectProblem(await s.post(`/v1/stops/${stops.delivery}/arrive`, courier.headers), 409, 'illegal_transition');
    expect(door).toMatchObject({ entity: 'order', current_state: 'assigned' });
    expect(await s.status('stops', stops.delivery)).toBe('pending');
  });

  it('a pickup report that does not match the stall is 422 and writes nothing', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const stops = (await s.assigned([order], courier)).stops[order.id];
    await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, courier.headers);
    const events = await countRows(ctx.app, 'events');
    const cases = [
      { items: [{ item_id: order.items.fish[0], outcome: 'picked' }] }, // one item not reported
      { items: [{ item_id: order.items.fish[0], outcome: 'picked' }, { item_id: order.items.veg[0], outcome: 'picked' }] }, // wrong stall
      { items: [{ item_id: order.items.fish[0], outcome: 'substituted' }, { item_id: order.items.fish[1], outcome: 'picked' }] }, // no substitute
      { items: [{ item_id: order.items.fish[0], outcome: 'picked', substitute_name: 'x' }, { item_id: order.items.fish[1], outcome: 'picked' }] },
    ];
    for (const body of cases) {
      const problem = expectProblem(await s.post(`/v1/stops/${stops.pickups.fish}/pickup`, courier.headers, body), 422, 'unprocessable');
      expect(problem.errors.length).toBeGreaterThan(0);
    }
    expectProblem(await s.post(`/v1/stops/${stops.pickups.fish}/pickup`, courier.headers, { items: [{ item_id: order.items.fish[0], outcome: 'eaten' }] }), 400, 'validation_failed');
    expectProblem(await s.post(`/v1/stops/${stops.delivery}/deliver`, courier.headers, { cod_collected_rp: -5 }), 400, 'validation_failed');
    expect(await countRows(ctx.app, 'events')).toBe(events);
    const outcomes = await ctx.db.query<{ outcome: string }>(`SELECT DISTINCT outcome FROM order_items WHERE order_id = $1`, [order.id]);
    expect(outcomes.rows).toEqual([{ outcome: 'pending' }]);
    expect(await s.status('stops', stops.pickups.fish)).toBe('arrived');
  });

  it('a failed stop fails the order and cancels its other stops; the route completes', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const route = await s.assigned([order], courier);
    const stops = route.stops[order.id];
    await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, courier.headers);
    const failed = await s.post(`/v1/stops/${stops.pickups.fish}/fail`, courier.headers, { reason: 'stall_closed', note: 'tutup lebaran' });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ status: 'failed', order: { status: 'failed' } });
    expect(await s.status('stops', stops.pickups.veg)).toBe('cancelled');
    expect(await s.status('stops', stops.delivery)).toBe('cancelled');
    expect(await s.status('routes', route.id)).toBe('completed');
    expect(await s.status('couriers', courier.id)).toBe('idle');
    const reason = await ctx.db.query<{ failure_reason: string }>('SELECT failure_reason FROM orders WHERE id = $1', [order.id]);
    expect(reason.rows[0].failure_reason).toBe('stall_closed: tutup lebaran');
    expectProblem(await s.post(`/v1/stops/${stops.delivery}/fail`, courier.headers, { reason: 'other' }), 409, 'illegal_transition');
  });

  it('a courier cannot act on another courier’s stops; its fleet can, another fleet cannot', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const other = await s.fleet({ name: 'Lain' });
    const courier = await s.courier(fleet.id);
    const colleague = await s.courier(fleet.id);
    const order = await s.order();
    const stops = (await s.assigned([order], courier)).stops[order.id];
    expectProblem(await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, colleague.headers), 404, 'not_found');
    expectProblem(await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, other.headers), 404, 'not_found');
    expect(await s.status('stops', stops.pickups.fish)).toBe('pending');
    expect((await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, fleet.headers)).statusCode).toBe(200);
  });

  it('replays a delivery with the same Idempotency-Key without collecting twice', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const stops = (await s.assigned([order], courier)).stops[order.id];
    await s.pickedUp(stops, order, courier);
    await s.post(`/v1/stops/${stops.delivery}/arrive`, courier.headers);
    const headers = { ...courier.headers, 'idempotency-key': 'deliver-7' };
    const first = await s.post(`/v1/stops/${stops.delivery}/deliver`, headers, { cod_collected_rp: 115000 });
    const second = await s.post(`/v1/stops/${stops.delivery}/deliver`, headers, { cod_collected_rp: 115000 });
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const delivered = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'order.delivered'`);
    expect(delivered.rows[0].n).toBe(1);
    expectProblem(await s.post(`/v1/stops/${stops.delivery}/deliver`, courier.headers, { cod_collected_rp: 115000 }), 409, 'illegal_transition');
  });
});
