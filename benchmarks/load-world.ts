// The world `bench load` runs on: markets around Jakarta, one stall and one pangkalan fleet each, couriers spread
// over them, online with a first position; seeded in-process through the API (inject) before the load starts.
import type { FastifyInstance } from 'fastify';

export interface LoadWorld {
  readonly adminToken: string;
  readonly markets: { id: string; stallId: string; lon: number; lat: number }[];
  readonly couriers: { id: string; token: string }[];
}

async function post(app: FastifyInstance, url: string, token: string, payload?: unknown): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  if (res.statusCode >= 300) throw new Error(`seeding ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, any>;
}

export async function seedLoadWorld(app: FastifyInstance, courierCount: number, marketCount: number): Promise<LoadWorld> {
  const { token: adminToken } = await app.auth.issueToken({ role: 'admin', subjectId: 'usr_load', ttlS: 86_400 }, null);
  const markets: LoadWorld['markets'] = [];
  const fleets: { id: string; key: string }[] = [];
  for (let i = 0; i < marketCount; i++) {
    const lon = 106.75 + (i % 5) * 0.03;
    const lat = -6.25 + Math.floor(i / 5) * 0.04;
    const market = await post(app, '/v1/markets', adminToken, { name: `Pasar Beban ${i}`, city: 'Jakarta', location: { lon, lat }, service_radius_m: 6000 });
    const stall = await post(app, `/v1/markets/${market.id}/stalls`, adminToken, { name: `Kios ${i}`, stall_code: `L-${i}`, location: { lon: lon + 0.0003, lat: lat + 0.0002 } });
    const fleet = await post(app, '/v1/fleets', adminToken, { kind: 'pangkalan', name: `Pangkalan Beban ${i}`, market_ids: [market.id] });
    markets.push({ id: market.id, stallId: stall.id, lon, lat });
    fleets.push({ id: fleet.fleet.id, key: fleet.api_key.key });
  }
  const couriers: LoadWorld['couriers'] = [];
  for (let i = 0; i < courierCount; i++) {
    const m = markets[i % markets.length];
    const fleet = fleets[i % fleets.length];
    const courier = await post(app, '/v1/couriers', fleet.key, { name: `Kurir ${i}`, capacity_kg: 30, home_market_id: m.id });
    const { token } = await app.auth.issueToken({ role: 'courier', subjectId: courier.id, courierId: courier.id, fleetId: fleet.id, ttlS: 86_400 }, null);
    await post(app, `/v1/couriers/${courier.id}/positions`, token, { positions: [{ lon: m.lon, lat: m.lat - 0.001, recorded_at: new Date().toISOString() }] });
    await post(app, `/v1/couriers/${courier.id}/online`, token);
    couriers.push({ id: courier.id, token });
  }
  return { adminToken, markets, couriers };
}

/** The seed as printed by the server child, with its URL. */
export function loadSeed(raw: unknown): LoadWorld & { url: string } {
  return raw as LoadWorld & { url: string };
}
