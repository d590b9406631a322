// Authorisation matrix: every route × every kind of caller (admin, dispatcher of A, dispatcher of B, planner of A,
// fleet key of A, courier of A, anonymous) against the resources of market A and market B. Invariants: anonymous
// gets 401 off the public routes; nobody gets a 5xx; a caller scoped to A never succeeds on B's resources; B's
// dispatcher never on A's; planners never write; and a table of expected outcomes for the main resources.
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../api/helpers/backends.js';
import { admin, createCourier, createFleet, createOrder, createStall, createMarket, orderBody, tokenFor, type Headers } from '../api/helpers/fixtures.js';
import { fillPath, routesOf } from './helpers/routes.js';

interface Tenant {
  readonly ids: Record<string, string>;
  readonly fleetHeaders: Headers;
  readonly courierHeaders: Headers;
}

async function tenant(app: FastifyInstance, lon: number): Promise<Tenant> {
  const market = await createMarket(app, { name: `Pasar ${lon}`, location: { lon, lat: -6.2408 } });
  const stall = await createStall(app, market.id, { location: { lon: lon + 0.0002, lat: -6.2409 } });
  const fleet = await createFleet(app, { kind: 'pangkalan', name: `Pangkalan ${lon}`, market_ids: [market.id] });
  const courier = await createCourier(app, fleet.headers, { home_market_id: market.id });
  const order = await createOrder(app, orderBody(market.id, [stall.id], { customer: { name: 'Ibu Sari', phone: '+6281234567890', address: { lon: lon + 0.008, lat: -6.2346 } } }));
  const courierHeaders = await tokenFor(app, 'courier', { courierId: courier.id, fleetId: fleet.fleet.id });
  return { ids: { markets: market.id, stalls: stall.id, fleets: fleet.fleet.id, couriers: courier.id, orders: order.id }, fleetHeaders: fleet.headers, courierHeaders };
}

/** Plausible bodies, so that a refusal comes from the scope check rather than from validation. */
function bodyFor(path: string, t: Tenant): unknown {
  if (path === '/v1/orders') return orderBody(t.ids.markets, [t.ids.stalls]);
  if (path.endsWith('/stalls')) return { name: 'Kios', stall_code: 'Z-1', location: { lon: 106.9, lat: -6.24 } };
  if (path.endsWith('/positions')) return { positions: [{ lon: 106.9, lat: -6.24, recorded_at: new Date().toISOString() }] };
  if (path.endsWith('/cancel')) return { reason: 'customer_request' };
  if (path === '/v1/couriers') return { fleet_id: t.ids.fleets, name: 'Budi', capacity_kg: 20 };
  if (path === '/v1/tokens') return { role: 'courier', courier_id: t.ids.couriers, ttl_s: 60 };
  if (path === '/v1/markets/{id}') return { name: 'Renamed' };
  return {};
}

describeEachBackend('authorisation matrix', (ctx) => {
  it('every route × every caller: 401 for anonymous, no 5xx, no success across tenants, planners read only', async () => {
    const a = await tenant(ctx.app, 106.7769);
    const b = await tenant(ctx.app, 106.8453);
    const callers: Record<string, { headers: Headers; home: 'a' | 'b' | 'all' | null }> = {
      admin: { headers: await admin(ctx.app), home: 'all' },
      dispatcherA: { headers: await tokenFor(ctx.app, 'dispatcher', { marketIds: [a.ids.markets] }), home: 'a' },
      dispatcherB: { headers: await tokenFor(ctx.app, 'dispatcher', { marketIds: [b.ids.markets] }), home: 'b' },
      plannerA: { headers: await tokenFor(ctx.app, 'planner', { marketIds: [a.ids.markets] }), home: 'a' },
      fleetA: { headers: a.fleetHeaders, home: 'a' },
      courierA: { headers: a.courierHeaders, home: 'a' },
      anonymous: { headers: {}, home: null },
    };
    const routes = routesOf(ctx.app).filter((r) => r.path.startsWith('/v1/'));
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const route of routes) {
      for (const [name, caller] of Object.entries(callers)) {
        // Scoped callers aim at the other tenant's resources; admin and anonymous at B's.
        const target = caller.home === 'b' ? a : b;
        const url = fillPath(route.path, (_, resource) => target.ids[resource] ?? 'x_00000000000000000000000000');
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : bodyFor(route.path, target);
        const res = await ctx.app.inject({ method: route.method, url, headers: caller.headers, ...(body !== undefined ? { payload: body as object } : {}) });
        const s = res.statusCode;
        const where = `${name} ${route.method} ${url} → ${s} ${res.body.slice(0, 160)}`;
        if (s >= 500) failures.push(`5xx: ${where}`);
        if (name === 'anonymous' && s !== 401) failures.push(`anonymous not 401: ${where}`);
        const scoped = caller.home === 'a' || caller.home === 'b';
        // A list or a fresh create is not another tenant's resource; everything addressed by id is.
        // The market directory (markets and their stalls) is readable by fleets and couriers: ojol couriers serve any market.
        const directory = route.method === 'GET' && /^\/v1\/(markets|stalls)\//.test(route.path) && (name === 'fleetA' || name === 'courierA');
        if (scoped && route.params.length > 0 && s < 300 && !directory) failures.push(`cross-tenant success: ${where}`);
        if (scoped && route.params.length === 0 && route.method !== 'GET' && s < 300) failures.push(`cross-tenant create: ${where}`);
        if (name === 'plannerA' && route.method !== 'GET' && s < 300 && !route.path.startsWith('/v1/scenarios')) failures.push(`planner wrote: ${where}`);
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('expected outcomes on the main resources, own tenant and the other', async () => {
    const a = await tenant(ctx.app, 106.7769);
    const b = await tenant(ctx.app, 106.8453);
    const dispatcherA = await tokenFor(ctx.app, 'dispatcher', { marketIds: [a.ids.markets] });
    const plannerA = await tokenFor(ctx.app, 'planner', { marketIds: [a.ids.markets] });
    const status = async (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: unknown) =>
      (await ctx.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) })).statusCode;
    const rows: [string, number, number][] = [
      // [what, own tenant (A), other tenant (B)]
      ['dispatcher reads a market', await status('GET', `/v1/markets/${a.ids.markets}`, dispatcherA), await status('GET', `/v1/markets/${b.ids.markets}`, dispatcherA)],
      ['dispatcher reads an order', await status('GET', `/v1/orders/${a.ids.orders}`, dispatcherA), await status('GET', `/v1/orders/${b.ids.orders}`, dispatcherA)],
      ['dispatcher places an order', await status('POST', '/v1/orders', dispatcherA, orderBody(a.ids.markets, [a.ids.stalls])), await status('POST', '/v1/orders', dispatcherA, orderBody(b.ids.markets, [b.ids.stalls]))],
      ['planner reads an order', await status('GET', `/v1/orders/${a.ids.orders}`, plannerA), await status('GET', `/v1/orders/${b.ids.orders}`, plannerA)],
      ['fleet places an order in a market it serves', await status('POST', '/v1/orders', a.fleetHeaders, orderBody(a.ids.markets, [a.ids.stalls])), await status('POST', '/v1/orders', a.fleetHeaders, orderBody(b.ids.markets, [b.ids.stalls]))],
      ['fleet reads an order it placed', await status('GET', `/v1/orders/${(await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers: a.fleetHeaders, payload: orderBody(a.ids.markets, [a.ids.stalls]) as object })).json().id}`, a.fleetHeaders), await status('GET', `/v1/orders/${b.ids.orders}`, a.fleetHeaders)],
      ['fleet reads its courier', await status('GET', `/v1/couriers/${a.ids.couriers}`, a.fleetHeaders), await status('GET', `/v1/couriers/${b.ids.couriers}`, a.fleetHeaders)],
      ['fleet reads its fleet', await status('GET', `/v1/fleets/${a.ids.fleets}`, a.fleetHeaders), await status('GET', `/v1/fleets/${b.ids.fleets}`, a.fleetHeaders)],
      ['courier reads itself', await status('GET', `/v1/couriers/${a.ids.couriers}`, a.courierHeaders), await status('GET', `/v1/couriers/${b.ids.couriers}`, a.courierHeaders)],
      ['courier reports a position', await status('POST', `/v1/couriers/${a.ids.couriers}/positions`, a.courierHeaders, bodyFor('/positions', a)), await status('POST', `/v1/couriers/${b.ids.couriers}/positions`, a.courierHeaders, bodyFor('/positions', b))],
    ];
    const table = Object.fromEntries(rows.map(([what, own, other]) => [what, [own < 300 ? 'ok' : own, other]]));
    expect(table).toEqual({
      'dispatcher reads a market': ['ok', 404],
      'dispatcher reads an order': ['ok', 404],
      'dispatcher places an order': ['ok', 403],
      'planner reads an order': ['ok', 404],
      'fleet places an order in a market it serves': ['ok', 403],
      'fleet reads an order it placed': ['ok', 404],
      'fleet reads its courier': ['ok', 404],
      'fleet reads its fleet': ['ok', 404],
      'courier reads itself': ['ok', 404],
      'courier reports a position': ['ok', 404],
    });
    expect(await status('PATCH', `/v1/markets/${a.ids.markets}`, plannerA, { name: 'x' })).toBe(403);
    expect(await status('POST', '/v1/markets', dispatcherA, { name: 'x' })).toBe(403);
    expect(await status('GET', '/v1/fleets', a.courierHeaders)).toBe(403);
  }, 120_000);
});
