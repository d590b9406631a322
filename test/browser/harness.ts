// Browser-test server: the real app (PGlite in memory, realtime gateway, web map) listening on loopback, seeded through
// the REST API with one market, stalls, a pangkalan fleet with online couriers, and orders; plus a helper that plans an
// order onto a courier's route and offers it (what the dispatch loop does), so pages can be driven end to end.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../api/app.js';
import { newId } from '../../api/ids.js';
import realtime from '../../api/realtime/gateway.js';
import { createOffer } from '../../api/transitions/offer-create.js';
import { admin, createFleet, createMarket, MARKET_POINT, tokenFor, type Headers } from '../api/helpers/fixtures.js';
import { streetGrid } from '../api/routes/map/tiny-graph.js';
import { sharedSchemaCompilers } from '../api/helpers/schema-compilers.js';
import { workerPglite } from '../api/helpers/worker-database.js';

export interface SeededCourier { id: string; name: string; token: string; headers: Headers }
export interface SeededServer {
  app: FastifyInstance;
  baseUrl: string;
  marketId: string;
  stallIds: string[];
  couriers: SeededCourier[];
  orderIds: string[];
  dispatcherToken: string;
  close(): Promise<void>;
}

const bearer = (headers: Headers): string => headers.authorization.slice('Bearer '.length);

async function post(app: FastifyInstance, url: string, headers: Headers, payload: unknown): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

/** Streets every ~330 m around the seeded market, its stalls, couriers and customers (points must lie near a road). */
const PAGES_ROADS = streetGrid(106.76, -6.26, 106.82, -6.22, 0.003);

export async function startSeededServer(): Promise<SeededServer> {
  // PGlite in memory even when DATABASE_URL is set: the pages are under test here, not the back end
  const app = await buildApp({ db: await workerPglite(), secret: 'browser-test-secret-0123456789', docs: false, rateLimit: false, roadGraph: PAGES_ROADS, schemaCompilers: sharedSchemaCompilers() });
  await app.register(realtime, { positionThrottleMs: 100 });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const adminHeaders = await admin(app);
  const market = await createMarket(app);
  const stallIds: string[] = [];
  for (const [i, name] of ['Sayur Bu Ani', 'Daging Pak Joko', 'Bumbu Mak Ijah'].entries()) {
    const stall = await post(app, `/v1/markets/${market.id}/stalls`, adminHeaders, {
      name, stall_code: `B${i + 1}-0${i + 1}`, location: { lon: MARKET_POINT.lon + 0.0004 * (i - 1), lat: MARKET_POINT.lat + 0.0003 },
    });
    stallIds.push(stall.id);
  }
  const fleet = await createFleet(app, { kind: 'pangkalan', name: 'Pangkalan Stasiun', market_ids: [market.id] });
  const couriers: SeededCourier[] = [];
  for (const [i, name] of ['Budi', 'Slamet', 'Agus'].entries()) {
    const courier = await post(app, '/v1/couriers', fleet.headers, { name, home_market_id: market.id });
    const headers = await tokenFor(app, 'courier', { courierId: courier.id, fleetId: fleet.fleet.id });
    await post(app, `/v1/couriers/${courier.id}/online`, headers, {});
    await post(app, `/v1/couriers/${courier.id}/positions`, headers, {
      positions: [{ lon: MARKET_POINT.lon + 0.002 * (i - 1), lat: MARKET_POINT.lat - 0.001, recorded_at: new Date().toISOString() }],
    });
    couriers.push({ id: courier.id, name, token: bearer(headers), headers });
  }
  const orderIds: string[] = [];
  for (const [i, name] of ['Ibu Sri', 'Pak Darto'].entries()) {
    const order = await post(app, '/v1/orders', adminHeaders, {
      market_id: market.id,
      customer: { name, phone: `+62812000000${i}`, address: { lon: MARKET_POINT.lon + 0.01 * (i + 1), lat: MARKET_POINT.lat - 0.008 }, landmark: 'pagar hijau' },
      items: [
        { stall_id: stallIds[0], name: 'Kangkung', quantity: 2, unit: 'ikat', unit_price_rp: 3000, weight_kg: 0.6 },
        { stall_id: stallIds[1], name: 'Ayam potong', quantity: 1, unit: 'kg', unit_price_rp: 38000, weight_kg: 1 },
      ],
    });
    orderIds.push(order.id);
  }
  const dispatcherToken = bearer(await tokenFor(app, 'dispatcher', { marketIds: [market.id] }));
  return { app, baseUrl, marketId: market.id, stallIds, couriers, orderIds, dispatcherToken, close: () => app.close() };
}

/**
 * Plans `orderId` onto a route for `courierId` (pickups at the order's stalls, then the delivery), streams the plan and
 * offers the route to the courier for `ttlS` seconds, as the dispatch loop would. Returns the offer id.
 */
export async function planAndOffer(server: SeededServer, orderId: string, courierId: string, ttlS = 120): Promise<string> {
  const { app, marketId } = server;
  const order = (await app.inject({ url: `/v1/orders/${orderId}`, headers: await admin(app) })).json();
  const planId = newId('pln');
  const routeId = newId('rte');
  const stalls = [...new Set<string>(order.items.map((i: { stall_id: string }) => i.stall_id))];
  const stallRows = await app.db.query<{ id: string; lon: number; lat: number }>(
    'SELECT id, ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat FROM stalls WHERE id = ANY($1::text[])', [stalls]);
  const stops = [
    ...stallRows.rows.map((s) => ({ id: newId('stp'), kind: 'pickup', stallId: s.id, lon: Number(s.lon), lat: Number(s.lat) })),
    { id: newId('stp'), kind: 'delivery', stallId: null, lon: order.delivery_location.lon, lat: order.delivery_location.lat },
  ];
  const etaMs = Date.now() + 10 * 60_000;
  await app.db.query(
    'INSERT INTO plans (id, market_id, version) SELECT $1, $2, COALESCE(max(version), 0) + 1 FROM plans WHERE market_id = $2', [planId, marketId]);
  await app.db.query('INSERT INTO routes (id, plan_id, market_id) VALUES ($1, $2, $3)', [routeId, planId, marketId]);
  for (const [position, stop] of stops.entries()) {
    await app.db.query(
      `INSERT INTO stops (id, route_id, position, kind, order_id, stall_id, location, eta)
       VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7::float8, $8::float8), 4326)::geography, $9)`,
      [stop.id, routeId, position, stop.kind, orderId, stop.stallId, stop.lon, stop.lat, new Date(etaMs + position * 300_000)]);
  }
  await app.db.query(`UPDATE orders SET status = 'batched', route_id = $2 WHERE id = $1`, [orderId, routeId]);
  const routeStops = stops.map((s, i) => ({ stopId: s.id, orderId, kind: s.kind, lon: s.lon, lat: s.lat, eta: new Date(etaMs + i * 300_000).toISOString() }));
  return app.tx(async (tx) => {
    await tx.events.append({ type: 'plan.updated', marketId, payload: { planId, routes: [{ courierId, stops: routeStops }], unassignedOrderIds: [] } });
    const { offerId } = await createOffer(tx, { routeId, courierId, expiresAt: new Date(Date.now() + ttlS * 1000) });
    return offerId;
  });
}
