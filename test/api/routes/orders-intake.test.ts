// POST /v1/orders writes order, items, event and Idempotency-Key in one statement: a failed write leaves no claim,
// refusals are replayed, concurrent twins create one order, and `order.created` carries what the dispatch map shows.
import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, countRows, expectProblem, marketWithStalls, orderBody } from '../helpers/fixtures.js';

describeEachBackend('order intake', (ctx) => {
  const post = (headers: Record<string, string>, payload: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: '/v1/orders', headers, payload });
  const orderEvents = async () => (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'order.created'`)).rows[0].n;

  it('a failed write records neither the order nor the key, so a retry with the key creates the order', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = { ...(await admin(ctx.app)), 'idempotency-key': 'fails-once' };
    const body = orderBody(market.id, [stalls[0].id], { customer: { name: 'Bu Rina', phone: '+6281200000001', address: { lon: 106.781, lat: -6.243 } } });
    // The event insert (the statement's last part) fails on the server's side: nothing of the statement may stay.
    await ctx.db.exec(`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$;
      CREATE TRIGGER events_refuse BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_event()`);
    try {
      expect((await post(headers, body)).statusCode).toBe(500);
    } finally {
      await ctx.db.exec('DROP TRIGGER events_refuse ON events; DROP FUNCTION refuse_event()');
    }
    for (const table of ['orders', 'order_items', 'customers', 'idempotency_keys']) expect(await countRows(ctx.app, table)).toBe(0);
    expect(await orderEvents()).toBe(0);
    const retried = await post(headers, body);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const replayed = await post(headers, body);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(retried.json());
    expectProblem(await post(headers, { ...body, delivery_note: 'lain' }), 422, 'idempotency_key_reused');
    expect(await countRows(ctx.app, 'orders')).toBe(1);
    expect(await countRows(ctx.app, 'customers')).toBe(1);
  });

  it('stores the key with the order in the same write: the row holds status 201 and the response', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const res = await post({ ...(await admin(ctx.app)), 'idempotency-key': 'k-1' }, orderBody(market.id, [stalls[0].id]));
    const rows = await ctx.db.query<{ response_status: number; response_body: Record<string, unknown> }>(`SELECT response_status, response_body FROM idempotency_keys WHERE key = 'k-1'`);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].response_status).toBe(201);
    expect(rows.rows[0].response_body).toEqual(res.json());
    const stored = await ctx.app.inject({ method: 'GET', url: `/v1/orders/${res.json().id}`, headers: await admin(ctx.app) });
    expect(stored.json()).toEqual(res.json());
  });

  it('replays a refusal (422) without writing, and takes over an abandoned claim but not a live one', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const auth = await admin(ctx.app);
    const bad = orderBody(market.id, ['stl_00000000000000000000000000']);
    expectProblem(await post({ ...auth, 'idempotency-key': 'bad-1' }, bad), 422, 'unknown_reference');
    const again = await post({ ...auth, 'idempotency-key': 'bad-1' }, bad);
    expectProblem(again, 422, 'unknown_reference');
    expect(again.headers['idempotent-replayed']).toBe('true');
    const scope = (await ctx.db.query<{ scope: string }>(`SELECT scope FROM idempotency_keys WHERE key = 'bad-1'`)).rows[0].scope;
    const body = orderBody(market.id, [stalls[0].id]);
    const insertClaim = (key: string, ageS: number) => ctx.db.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, created_at, expires_at) VALUES ($1, $2, 'h', now() - make_interval(secs => $3), now() + interval '1 day')`, [scope, key, ageS]);
    await insertClaim('abandoned', 120);
    expect((await post({ ...auth, 'idempotency-key': 'abandoned' }, body)).statusCode).toBe(201);
    // A live claim (a twin still running, or a route that claims up front) answers 409 with Retry-After.
    expect((await post({ ...auth, 'idempotency-key': 'busy' }, body)).statusCode).toBe(201);
    await ctx.db.query(`UPDATE idempotency_keys SET response_status = NULL, response_body = NULL, created_at = now() WHERE key = 'busy'`);
    const busy = await post({ ...auth, 'idempotency-key': 'busy' }, body);
    expectProblem(busy, 409, 'idempotency_key_in_flight');
    expect(busy.headers['retry-after']).toBe('1');
    expect(await countRows(ctx.app, 'orders')).toBe(2);
  });

  it('creates one order for concurrent twins with the same key; every twin gets that order', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = { ...(await admin(ctx.app)), 'idempotency-key': 'twins' };
    const body = orderBody(market.id, [stalls[0].id, stalls[1].id]);
    const results = await Promise.all([0, 1, 2, 3].map(() => post(headers, body)));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await countRows(ctx.app, 'orders')).toBe(1);
    expect(await countRows(ctx.app, 'order_items')).toBe(2);
    expect(await orderEvents()).toBe(1);
  });

  it('order.created carries the delivery point, customer name, totals, stalls and item count, and is published live', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const heard: string[] = [];
    const unsubscribe = ctx.app.events.subscribe((events) => heard.push(...events.map((e) => `${e.type} ${e.orderId}`)));
    try {
      const res = await post(await admin(ctx.app), orderBody(market.id, [stalls[0].id, stalls[1].id, stalls[0].id]));
      const order = res.json();
      const [event] = await ctx.app.store.events.list({ limit: 10, types: ['order.created'] });
      expect(event.payload).toMatchObject({
        order_id: order.id, market_id: market.id, status: 'created', customer_id: order.customer_id, customer_name: order.customer.name,
        delivery_location: order.delivery_location, cod_total_rp: order.cod_total_rp, fee_rp: order.fee_rp, item_count: 3,
        stall_ids: [stalls[0].id, stalls[1].id], created_at: order.created_at,
      });
      expect(JSON.stringify(event.payload)).not.toContain(order.customer.phone);
      expect(heard).toEqual([`order.created ${order.id}`]);
    } finally {
      unsubscribe();
    }
  });
});
