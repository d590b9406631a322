// /v1/orders: intake (fee, totals, service area, references), reads scoped per role with contact redaction,
// list filters and cursors, idempotent replay, and rejected requests that write nothing.
import { expect, it } from 'vitest';
import { loadOrder } from '../../../api/dispatch/dispatch-loaders.js';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, countRows, createCourier, createFleet, createMarket, createOrder, expectProblem, marketWithStalls, orderBody, tokenFor } from '../helpers/fixtures.js';

describeEachBackend('orders routes', (ctx) => {
  it('creates an order with items, goods total, tariff fee and COD total', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const order = await createOrder(ctx.app, orderBody(market.id, stalls.map((s) => s.id)));
    expect(order.id).toMatch(/^ord_/);
    expect(order).toMatchObject({ status: 'created', kind: 'standard', market_id: market.id, version: 1, goods_total_rp: 14_000 });
    expect(order.items).toHaveLength(2);
    expect(order.items[0]).toMatchObject({ stall_id: stalls[0].id, quantity: 2, unit: 'ikat', unit_price_rp: 3500, outcome: 'pending' });
    expect(order.weight_kg).toBeCloseTo(1, 9);
    // ~1.1 km straight line × 1.35 detour → 5,000 + 2,000/km ≈ 8,000 (the minimum clamps).
    expect(order.fee_rp).toBeGreaterThanOrEqual(8_000);
    expect(order.fee_rp).toBeLessThanOrEqual(15_000);
    expect(order.cod_total_rp).toBe(order.goods_total_rp + order.fee_rp);
    expect(order.customer).toMatchObject({ name: 'Ibu Sari', phone: '+6281234567890' });
    expect(order.delivery_location).toEqual(order.customer.address);
    const events = await ctx.app.store.events.list({ limit: 10, types: ['order.created'] });
    expect(events.map((e) => e.orderId)).toEqual([order.id]);
  });

  it('clamps the fee to the market maximum for a far delivery', async () => {
    const market = await createMarket(ctx.app, { service_radius_m: 20_000, tariff: { max_rp: 12_000 } });
    const stall = (await ctx.app.inject({ method: 'POST', url: `/v1/markets/${market.id}/stalls`, headers: await admin(ctx.app), payload: { name: 'S', stall_code: 'A1', location: market.location } })).json();
    const far = { lon: 106.8456, lat: -6.2088 }; // ~8 km away
    const order = await createOrder(ctx.app, orderBody(market.id, [stall.id], { delivery_location: far }));
    expect(order.fee_rp).toBe(12_000);
    expect(order.delivery_location).toEqual(far);
  });

  it('reuses an existing customer by id', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const first = await createOrder(ctx.app, orderBody(market.id, [stalls[0].id]));
    const { customer: _c, ...body } = orderBody(market.id, [stalls[1].id]);
    const second = await createOrder(ctx.app, { ...body, customer_id: first.customer_id });
    expect(second.customer_id).toBe(first.customer_id);
    expect(await countRows(ctx.app, 'customers')).toBe(1);
  });

  it('rejects malformed bodies with 400 and field paths, writing nothing', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = await admin(ctx.app);
    const bad = orderBody(market.id, [stalls[0].id], { items: [{ stall_id: stalls[0].id, name: 'x', quantity: -1, unit_price_rp: 1.5, weight_kg: 1 }] });
    const problem = expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: bad }), 400, 'validation_failed');
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/items/0/quantity', '/body/items/0/unit_price_rp']));
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: { ...orderBody(market.id, []), items: [] } }), 400, 'validation_failed');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"market_id":' }), 400, 'validation_failed');
    expect(await countRows(ctx.app, 'orders')).toBe(0);
    expect(await countRows(ctx.app, 'customers')).toBe(0);
  });

  it('rejects unknown references and out-of-area deliveries with 422, writing nothing', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const other = await createMarket(ctx.app, { name: 'Pasar Lain' });
    const headers = await admin(ctx.app);
    const foreignStall = (await ctx.app.inject({ method: 'POST', url: `/v1/markets/${other.id}/stalls`, headers, payload: { name: 'S', stall_code: 'Z9', location: other.location } })).json();
    const wrongStall = expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: orderBody(market.id, [stalls[0].id, foreignStall.id]) }), 422, 'unknown_reference');
    expect(wrongStall.errors).toEqual([{ path: '/body/items/1/stall_id', message: expect.stringContaining(foreignStall.id) }]);
    const missingMarket = orderBody('mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ', [stalls[0].id]);
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: missingMarket }), 422, 'unknown_reference');
    const far = orderBody(market.id, [stalls[0].id], { delivery_location: { lon: 107.6, lat: -6.9 } });
    const outside = expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: far }), 422, 'outside_service_area');
    expect(outside.errors[0].path).toBe('/body/delivery_location');
    const closed = orderBody(market.id, [stalls[0].id], { window: { start: '2020-01-01T08:00:00Z', end: '2020-01-01T09:00:00Z' } });
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: closed }), 422, 'unprocessable');
    expect(await countRows(ctx.app, 'orders')).toBe(0);
    expect(await countRows(ctx.app, 'customers')).toBe(0);
    expect(await countRows(ctx.app, 'order_items')).toBe(0);
  });

  it('books an order for a later hour (booked_for) and refuses one too far ahead or with a window closing before it', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = await admin(ctx.app);
    const bookedFor = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const booked = await createOrder(ctx.app, orderBody(market.id, [stalls[0].id], { booked_for: bookedFor }));
    expect(booked.booked_for).toBe(bookedFor);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/orders/${booked.id}`, headers })).json().booked_for).toBe(bookedFor);
    expect((await createOrder(ctx.app, orderBody(market.id, [stalls[0].id]))).booked_for).toBeNull();

    const tooFar = orderBody(market.id, [stalls[0].id], { booked_for: new Date(Date.now() + 8 * 24 * 3_600_000).toISOString() });
    const far = expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: tooFar }), 422, 'unprocessable');
    expect(far.errors).toEqual([{ path: '/body/booked_for', message: expect.stringContaining('7 days') }]);
    const windowEnd = new Date(Date.parse(bookedFor) - 60_000).toISOString();
    const closesFirst = orderBody(market.id, [stalls[0].id], { booked_for: bookedFor, window: { start: new Date().toISOString(), end: windowEnd } });
    const early = expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: closesFirst }), 422, 'unprocessable');
    expect(early.errors[0].path).toBe('/body/window/end');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: orderBody(market.id, [stalls[0].id], { booked_for: 'tomorrow' }) }), 400, 'validation_failed');
    expect(await countRows(ctx.app, 'orders')).toBe(2);
  });

  it('plans a stall\'s pickup for when its last line is ready; the wait still counts from the order', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = await admin(ctx.app);
    const fishReady = new Date(Date.now() + 25 * 60_000).toISOString();
    const body = orderBody(market.id, [stalls[0].id, stalls[1].id]);
    const items = (body.items as Record<string, unknown>[]).map((item, i) => (i === 1 ? { ...item, name: 'bandeng dibersihkan', ready_at: fishReady } : item));
    const order = await createOrder(ctx.app, { ...body, items });
    expect(order.items.map((i: { ready_at: string | null }) => i.ready_at)).toEqual([null, fishReady]);
    const loaded = (await loadOrder(ctx.app.db, order.id))!.order;
    expect(loaded.pickups.map((p) => p.readyAtMs)).toEqual([undefined, Date.parse(fishReady)]);
    expect(loaded.placedAtMs).toBe(Date.parse(order.created_at));

    const tooFar = { ...body, items: [{ ...items[0], ready_at: new Date(Date.now() + 8 * 24 * 3_600_000).toISOString() }] };
    const far = expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: tooFar }), 422, 'unprocessable');
    expect(far.errors).toEqual([{ path: '/body/items/0/ready_at', message: expect.stringContaining('7 days') }]);
  });

  it('replays an idempotent POST and refuses the key with another body', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = { ...(await admin(ctx.app)), 'idempotency-key': 'order-42' };
    const body = orderBody(market.id, [stalls[0].id]);
    const first = await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: body });
    expect(first.statusCode).toBe(201);
    const again = await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: JSON.parse(JSON.stringify(body)) });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await countRows(ctx.app, 'orders')).toBe(1);
    const changed = await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: { ...body, delivery_note: 'other' } });
    expectProblem(changed, 422, 'idempotency_key_reused');
    expect(await countRows(ctx.app, 'orders')).toBe(1);
    // Another caller may use the same key independently.
    const otherAdmin = { ...(await tokenFor(ctx.app, 'admin', { subjectId: 'usr_other' })), 'idempotency-key': 'order-42' };
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers: otherAdmin, payload: body })).statusCode).toBe(201);
    expect(await countRows(ctx.app, 'orders')).toBe(2);
  });

  it('does not claim an idempotency key on a rejected payload', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = { ...(await admin(ctx.app)), 'idempotency-key': 'retry-me' };
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: { market_id: market.id } }), 400, 'validation_failed');
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: orderBody(market.id, [stalls[0].id]) })).statusCode).toBe(201);
  });

  it('scopes dispatchers to their markets', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const other = await createMarket(ctx.app, { name: 'Pasar Lain' });
    const mine = await tokenFor(ctx.app, 'dispatcher', { marketIds: [market.id] });
    const theirs = await tokenFor(ctx.app, 'dispatcher', { marketIds: [other.id] });
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers: mine, payload: orderBody(market.id, [stalls[0].id]) });
    expect(created.statusCode).toBe(201);
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers: theirs, payload: orderBody(market.id, [stalls[0].id]) }), 403, 'forbidden');
    const id = created.json().id;
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/orders/${id}`, headers: mine })).statusCode).toBe(200);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/orders/${id}`, headers: theirs }), 404, 'not_found');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/orders', headers: theirs })).json().data).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/orders?market_id=${market.id}`, headers: theirs })).json().data).toEqual([]);
  });

  it('shows fleets and couriers only the orders they hold, with contact only while current', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const a = await createFleet(ctx.app, { name: 'A', market_ids: [market.id] });
    const b = await createFleet(ctx.app, { name: 'B', market_ids: [market.id] });
    const courier = await createCourier(ctx.app, a.headers);
    const order = await createOrder(ctx.app, orderBody(market.id, [stalls[0].id]));
    const courierHeaders = await tokenFor(ctx.app, 'courier', { courierId: courier.id, fleetId: a.fleet.id });
    // Unassigned: nobody outside the market staff sees it.
    for (const headers of [a.headers, courierHeaders]) expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/orders/${order.id}`, headers }), 404, 'not_found');
    await ctx.db.query(`UPDATE orders SET courier_id = $2, status = 'assigned' WHERE id = $1`, [order.id, courier.id]);
    const asCourier = (await ctx.app.inject({ method: 'GET', url: `/v1/orders/${order.id}`, headers: courierHeaders })).json();
    expect(asCourier.customer.phone).toBe('+6281234567890');
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/orders/${order.id}`, headers: a.headers })).statusCode).toBe(200);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/orders/${order.id}`, headers: b.headers }), 404, 'not_found');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/orders', headers: b.headers })).json().data).toEqual([]);
    await ctx.db.query(`UPDATE orders SET status = 'delivered' WHERE id = $1`, [order.id]);
    const done = (await ctx.app.inject({ method: 'GET', url: '/v1/orders', headers: courierHeaders })).json();
    expect(done.data.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect(done.data[0].customer).toBeNull();
    const asAdmin = (await ctx.app.inject({ method: 'GET', url: `/v1/orders/${order.id}`, headers: await admin(ctx.app) })).json();
    expect(asAdmin.customer.phone).toBe('+6281234567890');
  });

  it('lists with status filters and cursor pages', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createOrder(ctx.app, orderBody(market.id, [stalls[i % 2].id]))).id);
    await ctx.db.query(`UPDATE orders SET status = 'cancelled' WHERE id = $1`, [ids[1]]);
    const headers = await admin(ctx.app);
    const seen: string[] = [];
    let url = `/v1/orders?limit=2&status=created&market_id=${market.id}`;
    for (;;) {
      const page = (await ctx.app.inject({ method: 'GET', url, headers })).json();
      seen.push(...page.data.map((o: { id: string }) => o.id));
      if (!page.next_cursor) break;
      url = `/v1/orders?limit=2&status=created&market_id=${market.id}&cursor=${page.next_cursor}`;
    }
    expect(seen).toEqual(ids.filter((_, i) => i !== 1));
    const both = (await ctx.app.inject({ method: 'GET', url: '/v1/orders?status=created&status=cancelled', headers })).json();
    expect(both.data).toHaveLength(5);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/orders?status=lost', headers }), 400, 'validation_failed');
  });

  it('sends the version as an ETag', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const order = await createOrder(ctx.app, orderBody(market.id, [stalls[0].id]));
    const res = await ctx.app.inject({ method: 'GET', url: `/v1/orders/${order.id}`, headers: await admin(ctx.app) });
    expect(res.headers.etag).toBe('"1"');
  });
});
