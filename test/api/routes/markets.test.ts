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
