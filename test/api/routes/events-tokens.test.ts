// /v1/events (seq cursor, per-role scope), /v1/tokens (who may issue what, revocation, expiry), /v1/customers, /v1/plans list.
import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, createCourier, createFleet, createMarket, createOrder, createStall, expectProblem, orderBody, tokenFor } from '../helpers/fixtures.js';

describeEachBackend('events, tokens, customers and plans routes', (ctx) => {
  it('pages the event log by seq and resumes from the last cursor', async () => {
    const market = await createMarket(ctx.app);
    const stall = await createStall(ctx.app, market.id);
    for (let i = 0; i < 3; i++) await createOrder(ctx.app, orderBody(market.id, [stall.id]));
    const headers = await admin(ctx.app);
    const first = (await ctx.app.inject({ method: 'GET', url: '/v1/events?limit=2', headers })).json();
    expect(first.data.map((e: { type: string }) => e.type)).toEqual(['market.created', 'stall.created']);
    expect(first.data[1].seq).toBeGreaterThan(first.data[0].seq);
    const rest = (await ctx.app.inject({ method: 'GET', url: `/v1/events?limit=50&cursor=${first.next_cursor}`, headers })).json();
    expect(rest.data.map((e: { type: string }) => e.type)).toEqual(['order.created', 'order.created', 'order.created']);
    const tail = (await ctx.app.inject({ method: 'GET', url: `/v1/events?cursor=${rest.next_cursor}`, headers })).json();
    expect(tail.data).toEqual([]);
    expect(tail.next_cursor).toBe(rest.next_cursor);
    await createOrder(ctx.app, orderBody(market.id, [stall.id]));
    const more = (await ctx.app.inject({ method: 'GET', url: `/v1/events?cursor=${tail.next_cursor}`, headers })).json();
    expect(more.data.map((e: { type: string }) => e.type)).toEqual(['order.created']);
    const filtered = (await ctx.app.inject({ method: 'GET', url: '/v1/events?type=stall.created&after_seq=0', headers })).json();
    expect(filtered.data).toHaveLength(1);
  });

  it('confines events to the reader: markets for dispatchers, own fleet, own courier', async () => {
    const a = await createMarket(ctx.app, { name: 'A' });
    const b = await createMarket(ctx.app, { name: 'B' });
    const fleetA = await createFleet(ctx.app, { name: 'FA' });
    const fleetB = await createFleet(ctx.app, { name: 'FB' });
    const courier = await createCourier(ctx.app, fleetA.headers);
    const types = async (headers: Record<string, string>) =>
      (await ctx.app.inject({ method: 'GET', url: '/v1/events', headers })).json().data.map((e: { type: string; market_id: string; fleet_id: string }) => `${e.type}:${e.market_id ?? e.fleet_id}`);
    expect(await types(await tokenFor(ctx.app, 'dispatcher', { marketIds: [a.id] }))).toEqual([`market.created:${a.id}`]);
    expect(await types(fleetB.headers)).toEqual([`fleet.created:${fleetB.fleet.id}`]);
    expect(await types(fleetA.headers)).toEqual([`fleet.created:${fleetA.fleet.id}`, `courier.created:${fleetA.fleet.id}`]);
    expect(await types(await tokenFor(ctx.app, 'courier', { courierId: courier.id, fleetId: fleetA.fleet.id }))).toEqual([`courier.created:${fleetA.fleet.id}`]);
    expect((await types(await admin(ctx.app))).length).toBe(5);
    expect(await types(await tokenFor(ctx.app, 'dispatcher', { marketIds: [] }))).toEqual([]);
    expect(b.id).not.toBe(a.id);
  });

  it('issues tokens by the rules: admins any staff role, fleets courier tokens for their own couriers', async () => {
    const market = await createMarket(ctx.app);
    const a = await createFleet(ctx.app, { name: 'A' });
    const b = await createFleet(ctx.app, { name: 'B' });
    const courier = await createCourier(ctx.app, a.headers);
    const issued = await ctx.app.inject({ method: 'POST', url: '/v1/tokens', headers: await admin(ctx.app), payload: { role: 'dispatcher', subject_id: 'usr_rina', market_ids: [market.id], ttl_s: 600 } });
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toMatchObject({ role: 'dispatcher', subject_id: 'usr_rina', market_ids: [market.id] });
    const dispatcher = { authorization: `Bearer ${issued.json().token}` };
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}`, headers: dispatcher })).statusCode).toBe(200);
    const courierToken = await ctx.app.inject({ method: 'POST', url: '/v1/tokens', headers: a.headers, payload: { role: 'courier', courier_id: courier.id } });
    expect(courierToken.statusCode).toBe(201);
    expect(courierToken.json()).toMatchObject({ role: 'courier', courier_id: courier.id, fleet_id: a.fleet.id });
    const asCourier = { authorization: `Bearer ${courierToken.json().token}` };
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courier.id}`, headers: asCourier })).statusCode).toBe(200);
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/tokens', headers: b.headers, payload: { role: 'courier', courier_id: courier.id } }), 422, 'unknown_reference');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/tokens', headers: a.headers, payload: { role: 'admin' } }), 403, 'forbidden');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/tokens', headers: dispatcher, payload: { role: 'admin' } }), 403, 'forbidden');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/tokens', headers: await admin(ctx.app), payload: { role: 'dispatcher', market_ids: ['mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ'] } }), 422, 'unknown_reference');
    // Revocation takes effect at once on this process.
    expect((await ctx.app.inject({ method: 'DELETE', url: `/v1/tokens/${issued.json().id}`, headers: await admin(ctx.app) })).statusCode).toBe(204);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}`, headers: dispatcher }), 401, 'invalid_credentials');
  });

  it('refuses expired, tampered and foreign-secret tokens', async () => {
    const { token } = await ctx.app.auth.issueToken({ role: 'admin', subjectId: 'usr_a', ttlS: 60 }, null);
    const [payload, sig] = token.slice(3).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `jt_${Buffer.from(JSON.stringify({ ...claims, role: 'admin', sub: 'usr_b' })).toString('base64url')}.${sig}`;
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/markets', headers: { authorization: `Bearer ${forged}` } }), 401, 'invalid_credentials');
    const expired = ctx.app.auth.signer.issue({ role: 'admin', subjectId: 'usr_a', ttlS: 1 }, Date.now() - 10_000);
    await ctx.app.store.tokens.record(expired.claims, null);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/markets', headers: { authorization: `Bearer ${expired.token}` } }), 401, 'token_expired');
    const other = await ctx.buildApp({ secret: 'another-secret-0123456789', rateLimit: false });
    expectProblem(await other.inject({ method: 'GET', url: '/v1/markets', headers: { authorization: `Bearer ${token}` } }), 401, 'invalid_credentials');
  });

  it('registers customers and finds them by phone within the dispatcher scope', async () => {
    const market = await createMarket(ctx.app);
    const other = await createMarket(ctx.app, { name: 'Lain' });
    const dispatcher = await tokenFor(ctx.app, 'dispatcher', { marketIds: [market.id] });
    const body = { market_id: market.id, name: 'Ibu Ani', phone: '081298765432', address: { lon: 106.78, lat: -6.24 }, landmark: 'warung biru' };
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/customers', headers: dispatcher, payload: body });
    expect(created.statusCode).toBe(201);
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/customers', headers: dispatcher, payload: { ...body, market_id: other.id } }), 403, 'forbidden');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/customers', headers: dispatcher, payload: { ...body, phone: 'call me' } }), 400, 'validation_failed');
    const found = (await ctx.app.inject({ method: 'GET', url: '/v1/customers?phone=081298765432', headers: dispatcher })).json();
    expect(found.data.map((c: { id: string }) => c.id)).toEqual([created.json().id]);
    const outsider = await tokenFor(ctx.app, 'dispatcher', { marketIds: [other.id] });
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/customers/${created.json().id}`, headers: outsider }), 404, 'not_found');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/customers', headers: outsider })).json().data).toEqual([]);
    const fleet = await createFleet(ctx.app);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/customers/${created.json().id}`, headers: fleet.headers }), 403, 'forbidden');
  });

  it('lists plans of the caller markets only', async () => {
    const a = await createMarket(ctx.app, { name: 'A' });
    const b = await createMarket(ctx.app, { name: 'B' });
    await ctx.db.query(`INSERT INTO plans (id, market_id, version, stats) VALUES ('pln_01JD3X5Q4S8T2VYB6N7P9RWXY1', $1, 1, '{"cost": 12}'), ('pln_01JD3X5Q4S8T2VYB6N7P9RWXY2', $2, 1, '{}')`, [a.id, b.id]);
    const planner = await tokenFor(ctx.app, 'planner', { marketIds: [a.id] });
    const list = (await ctx.app.inject({ method: 'GET', url: '/v1/plans', headers: planner })).json();
    expect(list.data).toEqual([expect.objectContaining({ id: 'pln_01JD3X5Q4S8T2VYB6N7P9RWXY1', stats: { cost: 12 }, route_count: 0 })]);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/plans/pln_01JD3X5Q4S8T2VYB6N7P9RWXY2', headers: planner }), 404, 'not_found');
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/plans?market_id=${b.id}`, headers: planner }), 404, 'not_found');
  });
});
