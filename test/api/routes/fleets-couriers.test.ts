// /v1/fleets and /v1/couriers: API keys shown once and verified hashed, key revocation, courier registration,
// and the scope rules (a fleet never reads another fleet's couriers; a courier reads itself and its active route).
import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, countRows, createCourier, createFleet, createMarket, createOrder, createStall, expectProblem, orderBody, tokenFor } from '../helpers/fixtures.js';

describeEachBackend('fleets and couriers routes', (ctx) => {
  it('creates a fleet whose API key is shown once and stored hashed', async () => {
    const market = await createMarket(ctx.app);
    const { fleet, key, headers, webhookSecret } = await createFleet(ctx.app, { kind: 'pangkalan', market_ids: [market.id], webhook_url: 'https://fleet.example/hooks' });
    expect(fleet).toMatchObject({ kind: 'pangkalan', market_ids: [market.id], webhook_url: 'https://fleet.example/hooks', webhook_enabled: true });
    expect(key).toMatch(/^jk_[0-9A-Z]{16}_[0-9A-Z]{32}$/);
    expect(webhookSecret).toMatch(/^whsec_/);
    const stored = await ctx.db.query<{ hash: Uint8Array }>('SELECT hash FROM fleet_api_keys');
    expect(Buffer.from(stored.rows[0].hash).toString('utf8')).not.toContain(key.slice(20));
    const self = await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}`, headers });
    expect(self.statusCode).toBe(200);
    expect(self.json()).not.toHaveProperty('webhook_secret');
    // X-Api-Key works as well as the Bearer header.
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}`, headers: { 'x-api-key': key } })).statusCode).toBe(200);
  });

  it('rejects wrong, malformed and revoked keys', async () => {
    const { fleet, key, headers } = await createFleet(ctx.app);
    const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}`, headers: { authorization: `Bearer ${wrong}` } }), 401, 'invalid_credentials');
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}`, headers: { authorization: 'Bearer jk_short' } }), 401, 'invalid_credentials');
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}`, headers: { authorization: 'Basic abc' } }), 401, 'invalid_credentials');
    const second = await ctx.app.inject({ method: 'POST', url: `/v1/fleets/${fleet.id}/keys`, headers, payload: { label: 'tablet' } });
    expect(second.statusCode).toBe(201);
    const keyId = `key_${key.slice(3, 19)}`;
    expect((await ctx.app.inject({ method: 'DELETE', url: `/v1/fleets/${fleet.id}/keys/${keyId}`, headers })).statusCode).toBe(204);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}`, headers }), 401, 'invalid_credentials');
    const newHeaders = { authorization: `Bearer ${second.json().key}` };
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}`, headers: newHeaders })).statusCode).toBe(200);
    expectProblem(await ctx.app.inject({ method: 'DELETE', url: `/v1/fleets/${fleet.id}/keys/${keyId}`, headers: newHeaders }), 404, 'not_found');
  });

  it('keeps fleets apart: fleets, couriers and keys of another fleet are invisible', async () => {
    const a = await createFleet(ctx.app, { name: 'A' });
    const b = await createFleet(ctx.app, { name: 'B' });
    const courierA = await createCourier(ctx.app, a.headers, { name: 'Asep' });
    expect(courierA.fleet_id).toBe(a.fleet.id);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courierA.id}`, headers: b.headers }), 404, 'not_found');
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courierA.id}/route`, headers: b.headers }), 404, 'not_found');
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${a.fleet.id}`, headers: b.headers }), 404, 'not_found');
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/fleets/${a.fleet.id}/keys`, headers: b.headers, payload: {} }), 404, 'not_found');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/couriers', headers: b.headers })).json().data).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/couriers?fleet_id=${a.fleet.id}`, headers: b.headers })).json().data).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/fleets', headers: b.headers })).json().data.map((f: { id: string }) => f.id)).toEqual([b.fleet.id]);
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/couriers', headers: b.headers, payload: { name: 'X', fleet_id: a.fleet.id } }), 403, 'forbidden');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/fleets', headers: b.headers, payload: { kind: 'ojol', name: 'Z' } }), 403, 'forbidden');
    expect(await countRows(ctx.app, 'couriers')).toBe(1);
    expect(await countRows(ctx.app, 'fleets')).toBe(2);
  });

  it('registers couriers with defaults, shift and validation', async () => {
    const { headers } = await createFleet(ctx.app);
    const courier = await createCourier(ctx.app, headers, { shift: { start: '05:00', end: '13:00' }, skills: ['cold_chain'], cash_float_rp: 200_000 });
    expect(courier).toMatchObject({ status: 'offline', vehicle: 'motorbike', capacity_kg: 25, cash_float_rp: 200_000, skills: ['cold_chain'], shift: { start: '05:00', end: '13:00' }, last_position: null, version: 1 });
    const bad = await ctx.app.inject({ method: 'POST', url: '/v1/couriers', headers, payload: { name: 'Y', vehicle: 'truck', shift: { start: '25:00', end: '13:00' } } });
    const problem = expectProblem(bad, 400, 'validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/body/vehicle', '/body/shift/start']));
    const adminWithoutFleet = await ctx.app.inject({ method: 'POST', url: '/v1/couriers', headers: await admin(ctx.app), payload: { name: 'Z' } });
    expectProblem(adminWithoutFleet, 400, 'validation_failed');
    expect(await countRows(ctx.app, 'couriers')).toBe(1);
  });

  it('lets a courier read itself only, and a dispatcher the couriers working in its markets', async () => {
    const market = await createMarket(ctx.app);
    const elsewhere = await createMarket(ctx.app, { name: 'Pasar Jauh' });
    const a = await createFleet(ctx.app, { market_ids: [market.id] });
    const one = await createCourier(ctx.app, a.headers, { name: 'Satu' });
    const two = await createCourier(ctx.app, a.headers, { name: 'Dua' });
    const self = await tokenFor(ctx.app, 'courier', { courierId: one.id, fleetId: a.fleet.id });
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${one.id}`, headers: self })).statusCode).toBe(200);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${two.id}`, headers: self }), 404, 'not_found');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/couriers', headers: self })).json().data.map((c: { id: string }) => c.id)).toEqual([one.id]);
    const near = await tokenFor(ctx.app, 'dispatcher', { marketIds: [market.id] });
    const far = await tokenFor(ctx.app, 'dispatcher', { marketIds: [elsewhere.id] });
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/couriers', headers: near })).json().data).toHaveLength(2);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${two.id}`, headers: near })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/couriers', headers: far })).json().data).toEqual([]);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${two.id}`, headers: far }), 404, 'not_found');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/couriers', headers: self, payload: { name: 'X' } }), 403, 'forbidden');
  });

  it("serves a courier's active route with customer contact only on open delivery stops", async () => {
    const market = await createMarket(ctx.app);
    const stall = await createStall(ctx.app, market.id);
    const { fleet, headers } = await createFleet(ctx.app, { market_ids: [market.id] });
    const courier = await createCourier(ctx.app, headers);
    const open = await createOrder(ctx.app, orderBody(market.id, [stall.id]));
    const done = await createOrder(ctx.app, orderBody(market.id, [stall.id], { customer: { name: 'Pak Joko', phone: '+6281111111111', address: { lon: 106.78, lat: -6.24 } } }));
    const self = await tokenFor(ctx.app, 'courier', { courierId: courier.id, fleetId: fleet.id });
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courier.id}/route`, headers: self }), 404, 'not_found');
    await ctx.db.query(`INSERT INTO plans (id, market_id, version) VALUES ('pln_01JD3X5Q4S8T2VYB6N7P9RWXYZ', $1, 1)`, [market.id]);
    await ctx.db.query(`INSERT INTO routes (id, plan_id, market_id, courier_id, status) VALUES ('rte_01JD3X5Q4S8T2VYB6N7P9RWXYZ', 'pln_01JD3X5Q4S8T2VYB6N7P9RWXYZ', $1, $2, 'active')`, [market.id, courier.id]);
    const stop = (pos: number, kind: string, orderId: string | null, status: string) =>
      ctx.db.query(`INSERT INTO stops (id, route_id, position, kind, order_id, stall_id, location, status)
        VALUES ($1, 'rte_01JD3X5Q4S8T2VYB6N7P9RWXYZ', $2, $3, $4, $5, ST_SetSRID(ST_MakePoint(106.78, -6.24), 4326)::geography, $6)`,
      [`stp_0${pos}JD3X5Q4S8T2VYB6N7P9RWXY`, pos, kind, orderId, kind === 'pickup' ? stall.id : null, status]);
    await stop(0, 'pickup', open.id, 'done');
    await stop(1, 'delivery', done.id, 'done');
    await stop(2, 'delivery', open.id, 'pending');
    await ctx.db.query(`UPDATE orders SET courier_id = $1, status = 'delivering' WHERE id = $2`, [courier.id, open.id]);
    await ctx.db.query(`UPDATE orders SET courier_id = $1, status = 'delivered' WHERE id = $2`, [courier.id, done.id]);
    const route = (await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courier.id}/route`, headers: self })).json();
    expect(route.stops.map((s: { kind: string }) => s.kind)).toEqual(['pickup', 'delivery', 'delivery']);
    expect(route.stops[0].customer).toBeNull();
    expect(route.stops[1].customer).toBeNull();
    expect(route.stops[2].customer).toMatchObject({ name: 'Ibu Sari', phone: '+6281234567890' });
    const plan = await ctx.app.inject({ method: 'GET', url: '/v1/plans/pln_01JD3X5Q4S8T2VYB6N7P9RWXYZ', headers: await admin(ctx.app) });
    expect(plan.json()).toMatchObject({ market_id: market.id, version: 1, route_count: 1 });
    expect(plan.json().routes[0].stops).toHaveLength(3);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/plans/pln_01JD3X5Q4S8T2VYB6N7P9RWXYZ', headers: self }), 403, 'forbidden');
  });
});
