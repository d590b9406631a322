// Test fixtures through the API itself: tokens per role, a market near Pasar Kebayoran Lama, fleets with keys, requests.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../api/auth/principal.js';

export type Headers = Record<string, string>;

/** A token header for `role`; dispatchers get `marketIds`, couriers `courierId` + `fleetId`. */
export async function tokenFor(
  app: FastifyInstance,
  role: Role,
  scope: { marketIds?: string[]; fleetId?: string; courierId?: string; subjectId?: string; ttlS?: number } = {},
): Promise<Headers> {
  const { token } = await app.auth.issueToken(
    { role, subjectId: scope.subjectId ?? scope.courierId ?? `usr_${role}`, marketIds: scope.marketIds, fleetId: scope.fleetId, courierId: scope.courierId, ttlS: scope.ttlS ?? 3600 },
    null,
  );
  return { authorization: `Bearer ${token}` };
}

export const admin = (app: FastifyInstance) => tokenFor(app, 'admin');

/** Pasar Kebayoran Lama, Jakarta Selatan (approximate). */
export const MARKET_POINT = { lon: 106.7769, lat: -6.2408 };

export function marketBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Pasar Kebayoran Lama',
    city: 'Jakarta Selatan',
    location: MARKET_POINT,
    service_radius_m: 5000,
    opening_hours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '04:00', close: '14:00' }],
    bases: [{ name: 'Pangkalan Stasiun', location: { lon: 106.7781, lat: -6.2375 } }],
    ...overrides,
  };
}

/** POST /v1/markets as admin; returns the market. */
export async function createMarket(app: FastifyInstance, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url: '/v1/markets', headers: await admin(app), payload: marketBody(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** POST /v1/fleets as admin; returns the fleet and its API key header. */
export async function createFleet(
  app: FastifyInstance,
  overrides: Record<string, unknown> = {},
): Promise<{ fleet: Record<string, any>; key: string; headers: Headers; webhookSecret: string | null }> {
  const res = await app.inject({ method: 'POST', url: '/v1/fleets', headers: await admin(app), payload: { kind: 'ojol', name: 'Ojek Kita', ...overrides } });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  return { fleet: body.fleet, key: body.api_key.key, headers: { authorization: `Bearer ${body.api_key.key}` }, webhookSecret: body.webhook_secret };
}

/** Asserts a problem+json response with `status` and `code`; returns the problem. */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string): Record<string, any> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json();
  expect(problem).toMatchObject({ status, code, type: expect.stringContaining(code), title: expect.any(String), request_id: expect.stringMatching(/^req_/) });
  return problem;
}

/** Row count of `table` (to prove that a rejected request wrote nothing). */
export async function countRows(app: FastifyInstance, table: string): Promise<number> {
  const result = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return result.rows[0].n;
}

/** POST /v1/markets/:id/stalls as admin; returns the stall. */
export async function createStall(app: FastifyInstance, marketId: string, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await app.inject({
    method: 'POST', url: `/v1/markets/${marketId}/stalls`, headers: await admin(app),
    payload: { name: 'Sayur Bu Tini', stall_code: 'B2-17', location: { lon: 106.777, lat: -6.2409 }, categories: ['sayur'], ...overrides },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A valid order body for `marketId` with one line per stall (inline customer ~1.1 km from the market). */
export function orderBody(marketId: string, stallIds: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    market_id: marketId,
    customer: { name: 'Ibu Sari', phone: '+6281234567890', address: { lon: 106.7849, lat: -6.2346 }, landmark: 'pagar hijau dekat masjid' },
    items: stallIds.map((stallId, i) => ({ stall_id: stallId, name: `item ${i}`, quantity: 2, unit: 'ikat', unit_price_rp: 3_500, weight_kg: 0.5 })),
    ...overrides,
  };
}

/** A market with two stalls, ready for orders. */
export async function marketWithStalls(app: FastifyInstance): Promise<{ market: Record<string, any>; stalls: Record<string, any>[] }> {
  const market = await createMarket(app);
  const stalls = [await createStall(app, market.id), await createStall(app, market.id, { name: 'Ikan Pak Udin', stall_code: 'C1-04', categories: ['ikan'] })];
  return { market, stalls };
}

/** POST /v1/orders as admin; returns the order. */
export async function createOrder(app: FastifyInstance, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url: '/v1/orders', headers: await admin(app), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** POST /v1/couriers with the fleet's key; returns the courier. */
export async function createCourier(app: FastifyInstance, fleetHeaders: Headers, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url: '/v1/couriers', headers: fleetHeaders, payload: { name: 'Budi', vehicle: 'motorbike', capacity_kg: 25, ...overrides } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
