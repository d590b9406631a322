// /v1/markets: create (admin only), get, list with dispatcher scope and cursor pages, validation errors write nothing.
import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, countRows, createMarket, expectProblem, marketBody, tokenFor } from '../helpers/fixtures.js';

describeEachBackend('markets routes', (ctx) => {
  it('creates a market with default tariff and reads it back', async () => {
    const market = await createMarket(ctx.app);
    expect(market.id).toMatch(/^mkt_[0-9A-Z]{26}$/);
    expect(market).toMatchObject({ city: 'Jakarta Selatan', service_radius_m: 5000, version: 1 });
    expect(market.tariff).toEqual({ base_rp: 5000, per_km_rp: 2000, min_rp: 8000, max_rp: 15000 });
    expect(market.location.lon).toBeCloseTo(106.7769, 6);
    const res = await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}`, headers: await admin(ctx.app) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(market);
  });

  it('stores a polygon service area as GeoJSON', async () => {
    const ring = [[106.76, -6.25], [106.79, -6.25], [106.79, -6.23], [106.76, -6.23], [106.76, -6.25]];
    const market = await createMarket(ctx.app, { service_radius_m: undefined, service_area: { type: 'Polygon', coordinates: [ring] } });
    expect(market.service_area.type).toBe('Polygon');
    expect(market.service_area.coordinates[0]).toHaveLength(5);
  });

  it('rejects a bad payload with field errors and writes nothing', async () => {
    const headers = await admin(ctx.app);
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers, payload: marketBody({ location: { lon: 200, lat: -6.2 }, extra: 1 }) });
    const problem = expectProblem(res, 400, 'validation_failed');
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('/body/location/lon');
    expect(paths).toContain('/body/extra');
    expect(await countRows(ctx.app, 'markets')).toBe(0);
    expect(await countRows(ctx.app, 'events')).toBe(0);
  });

  it('lets only admins create markets', async () => {
    const dispatcher = await tokenFor(ctx.app, 'dispatcher', { marketIds: [] });
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers: dispatcher, payload: marketBody() }), 403, 'forbidden');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/markets', payload: marketBody() }), 401, 'unauthorized');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers: { authorization: 'Bearer jt_bogus.sig' }, payload: marketBody() }), 401, 'invalid_credentials');
    expect(await countRows(ctx.app, 'markets')).toBe(0);
  });

  it('shows a dispatcher only its markets', async () => {
    const a = await createMarket(ctx.app, { name: 'Pasar A' });
    const b = await createMarket(ctx.app, { name: 'Pasar B' });
    const dispatcher = await tokenFor(ctx.app, 'dispatcher', { marketIds: [a.id] });
    const list = await ctx.app.inject({ method: 'GET', url: '/v1/markets', headers: dispatcher });
    expect(list.json().data.map((m: { id: string }) => m.id)).toEqual([a.id]);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/markets/${a.id}`, headers: dispatcher })).statusCode).toBe(200);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/markets/${b.id}`, headers: dispatcher }), 404, 'not_found');
  });

  it('pages through markets with opaque cursors', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createMarket(ctx.app, { name: `Pasar ${i}` })).id);
    const headers = await admin(ctx.app);
    const seen: string[] = [];
    let url = '/v1/markets?limit=2';
    for (let page = 0; page < 5; page++) {
      const body = (await ctx.app.inject({ method: 'GET', url, headers })).json();
      seen.push(...body.data.map((m: { id: string }) => m.id));
      if (!body.next_cursor) break;
      url = `/v1/markets?limit=2&cursor=${body.next_cursor}`;
    }
    expect(seen).toEqual([...ids].sort());
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/markets?cursor=not-a-cursor', headers }), 400, 'bad_cursor');
  });

  it('appends a market.created event in the same transaction', async () => {
    const market = await createMarket(ctx.app);
    const events = await ctx.app.store.events.list({ limit: 10 });
    expect(events.map((e) => [e.type, e.marketId])).toEqual([['market.created', market.id]]);
  });
});

describeEachBackend('stalls routes', (ctx) => {
  it('adds stalls to a market and lists them by category with cursors', async () => {
    const market = await createMarket(ctx.app);
    const headers = await admin(ctx.app);
    const add = (code: string, categories: string[]) =>
      ctx.app.inject({ method: 'POST', url: `/v1/markets/${market.id}/stalls`, headers, payload: { name: `Kios ${code}`, stall_code: code, location: { lon: 106.777, lat: -6.241 }, categories } });
    const sayur = await add('A1-01', ['sayur']);
    expect(sayur.statusCode).toBe(201);
    expect(sayur.json()).toMatchObject({ market_id: market.id, stall_code: 'A1-01', categories: ['sayur'] });
    await add('A1-02', ['ikan']);
    await add('A1-03', ['sayur', 'bumbu']);
    expectProblem(await add('A1-01', ['sayur']), 409, 'already_exists');
    const list = (await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/stalls?category=sayur&limit=1`, headers })).json();
    expect(list.data).toHaveLength(1);
    const next = (await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/stalls?category=sayur&limit=1&cursor=${list.next_cursor}`, headers })).json();
    expect([list.data[0].stall_code, next.data[0].stall_code]).toEqual(['A1-01', 'A1-03']);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/stalls/${sayur.json().id}`, headers })).json()).toEqual(sayur.json());
  });

  it('lets only admins and the market dispatchers add stalls; fleets and couriers may read them', async () => {
    const market = await createMarket(ctx.app);
    const other = await createMarket(ctx.app, { name: 'Lain' });
    const body = { name: 'Kios', stall_code: 'B1', location: { lon: 106.777, lat: -6.241 } };
    const outsider = await tokenFor(ctx.app, 'dispatcher', { marketIds: [other.id] });
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/markets/${market.id}/stalls`, headers: outsider, payload: body }), 404, 'not_found');
    const insider = await tokenFor(ctx.app, 'dispatcher', { marketIds: [market.id] });
    const created = await ctx.app.inject({ method: 'POST', url: `/v1/markets/${market.id}/stalls`, headers: insider, payload: body });
    expect(created.statusCode).toBe(201);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/stalls/${created.json().id}`, headers: outsider }), 404, 'not_found');
    const courier = await tokenFor(ctx.app, 'courier', { courierId: 'cou_01JD3X5Q4S8T2VYB6N7P9RWXYZ', fleetId: 'flt_01JD3X5Q4S8T2VYB6N7P9RWXYZ' });
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/stalls`, headers: courier })).json().data).toHaveLength(1);
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/markets/${market.id}/stalls`, headers: courier, payload: body }), 403, 'forbidden');
    const missing = 'mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ';
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/markets/${missing}/stalls`, headers: await admin(ctx.app), payload: body }), 404, 'not_found');
    expect(await countRows(ctx.app, 'stalls')).toBe(1);
  });
});

describeEachBackend('courier position retention', (ctx) => {
  it('prunes samples older than the window and beyond the per-courier cap', async () => {
    await ctx.db.query(`INSERT INTO fleets (id, kind, name) VALUES ('flt_01JD3X5Q4S8T2VYB6N7P9RWXYZ', 'ojol', 'F')`);
    await ctx.db.query(`INSERT INTO couriers (id, fleet_id, name) VALUES ('cou_01JD3X5Q4S8T2VYB6N7P9RWXYZ', 'flt_01JD3X5Q4S8T2VYB6N7P9RWXYZ', 'C')`);
    await ctx.db.query(
      `INSERT INTO courier_positions (courier_id, recorded_at, location)
       SELECT 'cou_01JD3X5Q4S8T2VYB6N7P9RWXYZ', now() - make_interval(secs => s * 60), ST_SetSRID(ST_MakePoint(106.78, -6.24), 4326)::geography
       FROM generate_series(0, 9) AS s`,
    );
    expect(await ctx.app.store.couriers.prunePositions(5 * 60 + 30)).toBe(4);
    expect(await ctx.app.store.couriers.prunePositions(3600, 2)).toBe(4);
    // The newest two are kept: ages against the newest sample, which is the one recorded last (a loaded machine may
    // take a second or more between the statements, so not against the clock to the second).
    const left = await ctx.db.query<{ age_s: number; newest_age_s: number }>(
      `SELECT round(extract(epoch FROM max(recorded_at) OVER () - recorded_at))::int AS age_s, extract(epoch FROM now() - max(recorded_at) OVER ()) AS newest_age_s
         FROM courier_positions ORDER BY recorded_at DESC`);
    expect(left.rows.map((r) => r.age_s)).toEqual([0, 60]);
    expect(Number(left.rows[0].newest_age_s)).toBeLessThan(30);
  });
});

describeEachBackend('market updates', (ctx) => {
  it('updates the tariff with If-Match and refuses a stale version with the current state', async () => {
    const market = await createMarket(ctx.app);
    const headers = await admin(ctx.app);
    const read = await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}`, headers });
    expect(read.headers.etag).toBe('"1"');
    const patched = await ctx.app.inject({ method: 'PATCH', url: `/v1/markets/${market.id}`, headers: { ...headers, 'if-match': '"1"' }, payload: { tariff: { max_rp: 20_000 }, service_radius_m: 7000 } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ version: 2, service_radius_m: 7000, tariff: { base_rp: 5000, max_rp: 20_000 } });
    expect(patched.headers.etag).toBe('"2"');
    const stale = await ctx.app.inject({ method: 'PATCH', url: `/v1/markets/${market.id}`, headers: { ...headers, 'if-match': '"1"' }, payload: { name: 'Lost update' } });
    const problem = expectProblem(stale, 409, 'version_conflict');
    expect(problem.current).toMatchObject({ id: market.id, version: 2, name: market.name });
    expectProblem(await ctx.app.inject({ method: 'PATCH', url: `/v1/markets/${market.id}`, headers, payload: { tariff: { min_rp: 30_000 } } }), 422, 'unprocessable');
    expectProblem(await ctx.app.inject({ method: 'PATCH', url: `/v1/markets/${market.id}`, headers, payload: {} }), 400, 'validation_failed');
    expectProblem(await ctx.app.inject({ method: 'PATCH', url: '/v1/markets/mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ', headers, payload: { name: 'x' } }), 404, 'not_found');
    const after = (await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}`, headers })).json();
    expect(after).toMatchObject({ version: 2, name: market.name });
    const events = await ctx.app.store.events.list({ limit: 10, types: ['market.updated'] });
    expect(events).toHaveLength(1);
  });

  it('keeps a market\'s dispatch objective weights: set at creation, replaced by PATCH, bad values refused', async () => {
    const headers = await admin(ctx.app);
    const plain = await createMarket(ctx.app);
    expect(plain.dispatch_objective).toEqual({});
    const fast = await createMarket(ctx.app, { name: 'Pasar Cepat', dispatch_objective: { click_to_door_cost_per_s: 2, click_to_door_target_s: 1800 } });
    expect(fast.dispatch_objective).toEqual({ click_to_door_cost_per_s: 2, click_to_door_target_s: 1800 });
    const patched = await ctx.app.inject({ method: 'PATCH', url: `/v1/markets/${fast.id}`, headers, payload: { dispatch_objective: { lateness_cost_per_s: 10, earnings_balance_cost_per_rp: 0.05, stall_walking_speed_mps: 0.8, parking_s: 120, price_ride_back: true } } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().dispatch_objective).toEqual({ lateness_cost_per_s: 10, earnings_balance_cost_per_rp: 0.05, stall_walking_speed_mps: 0.8, parking_s: 120, price_ride_back: true });
    for (const bad of [{ click_to_door_cost_per_s: -1 }, { click_to_door_target_s: 90.5 }, { lateness_cost_per_s: 'fast' }, { speed: 1 }, { stall_walking_speed_mps: 0 }, { parking_s: 30.5 }, { price_ride_back: 'yes' }]) {
      const res = await ctx.app.inject({ method: 'PATCH', url: `/v1/markets/${fast.id}`, headers, payload: { dispatch_objective: bad } });
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(problem.errors.map((e: { path: string }) => e.path).join(' ')).toContain('/body/dispatch_objective');
    }
    const after = (await ctx.app.inject({ method: 'GET', url: `/v1/markets/${fast.id}`, headers })).json();
    expect(after).toMatchObject({ version: 2, dispatch_objective: { lateness_cost_per_s: 10, earnings_balance_cost_per_rp: 0.05 } });
  });

  it('lets exactly one of two concurrent updates at one version win', async () => {
    const market = await createMarket(ctx.app);
    const headers = { ...(await admin(ctx.app)), 'if-match': '"1"' };
    const [a, b] = await Promise.all([
      ctx.app.inject({ method: 'PATCH', url: `/v1/markets/${market.id}`, headers, payload: { name: 'A' } }),
      ctx.app.inject({ method: 'PATCH', url: `/v1/markets/${market.id}`, headers, payload: { name: 'B' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });
});
