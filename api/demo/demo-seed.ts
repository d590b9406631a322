// Seeds the demo's Jakarta market day through the API itself: ten markets with stalls, a pangkalan fleet per market
// and one ojol fleet spread over town, every courier online at a fresh position; tokens for the pages.
import type { FastifyInstance } from 'fastify';
import { JAKARTA_MARKETS, STALL_KINDS, type DemoRandom } from './jakarta-day.js';

export type Headers = Record<string, string>;

export interface DemoCourier {
  readonly id: string;
  readonly name: string;
  readonly fleet: 'ojol' | 'pangkalan';
  lon: number;
  lat: number;
}

export interface DemoWorld {
  readonly admin: Headers;
  readonly markets: { id: string; name: string; lon: number; lat: number; stallIds: string[] }[];
  readonly couriers: Map<string, DemoCourier>;
  readonly dispatcherToken: string;
  readonly courierTokens: { courierId: string; name: string; token: string }[];
  /** Planner token for the demo's markets (scenario runs, dispatch state). */
  readonly plannerToken: string;
  /** The ojol fleet's API key, as a partner's app would hold it. */
  readonly fleetKey: { readonly fleetId: string; readonly name: string; readonly apiKey: string };
}

export interface SeedOptions {
  readonly stallsPerMarket: number;
  readonly pangkalanPerMarket: number;
  readonly ojolCouriers: number;
}

/** Calls the API as `headers`; throws with the problem detail on a non-2xx answer. */
export async function call(app: FastifyInstance, method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown): Promise<any> {
  const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : null;
}

export async function seedJakartaDay(app: FastifyInstance, rng: DemoRandom, options: SeedOptions): Promise<DemoWorld> {
  const { token } = await app.auth.issueToken({ role: 'admin', subjectId: 'usr_demo_admin', ttlS: 7 * 86_400 }, null);
  const admin = { authorization: `Bearer ${token}` };
  const markets: DemoWorld['markets'] = [];
  for (const m of JAKARTA_MARKETS) {
    const market = await call(app, 'POST', '/v1/markets', admin, { name: m.name, city: 'Jakarta', location: { lon: m.lon, lat: m.lat }, service_radius_m: 4_000 });
    const stallIds: string[] = [];
    for (let s = 0; s < options.stallsPerMarket; s++) {
      const kind = STALL_KINDS[s % STALL_KINDS.length];
      const stall = await call(app, 'POST', `/v1/markets/${market.id}/stalls`, admin, {
        name: `Kios ${kind} ${s + 1}`, stall_code: `${String.fromCharCode(65 + (s % 4))}${Math.floor(s / 4) + 1}-${s + 1}`,
        location: rng.around(m.lon, m.lat, 10, 120), categories: [kind.toLowerCase()],
      });
      stallIds.push(stall.id);
    }
    markets.push({ id: market.id, name: m.name, lon: m.lon, lat: m.lat, stallIds });
  }
  const couriers = new Map<string, DemoCourier>();
  const addCourier = async (fleetId: string, fleet: 'ojol' | 'pangkalan', name: string, at: { lon: number; lat: number }, homeMarketId?: string) => {
    const c = await call(app, 'POST', '/v1/couriers', admin, { fleet_id: fleetId, name, capacity_kg: fleet === 'pangkalan' ? 40 : 25, ...(homeMarketId ? { home_market_id: homeMarketId } : {}) });
    couriers.set(c.id, { id: c.id, name, fleet, ...at });
    await call(app, 'POST', `/v1/couriers/${c.id}/positions`, admin, { positions: [{ ...at, recorded_at: new Date().toISOString() }] });
    await call(app, 'POST', `/v1/couriers/${c.id}/online`, admin);
  };
  const names = ['Agus', 'Budi', 'Cecep', 'Dedi', 'Eko', 'Fajar', 'Gilang', 'Hendra', 'Iwan', 'Joko', 'Kurnia', 'Lukman', 'Maman', 'Nanang', 'Oki', 'Putra'];
  for (const m of markets) {
    const fleet = (await call(app, 'POST', '/v1/fleets', admin, { kind: 'pangkalan', name: `Ojek Pangkalan ${m.name}`, market_ids: [m.id] })).fleet;
    for (let i = 0; i < options.pangkalanPerMarket; i++) await addCourier(fleet.id, 'pangkalan', `${rng.pick(names)} (${m.name.replace('Pasar ', '')})`, rng.around(m.lon, m.lat, 0, 60), m.id);
  }
  const createdOjol = await call(app, 'POST', '/v1/fleets', admin, { kind: 'ojol', name: 'Ojol Jakarta', market_ids: markets.map((m) => m.id) });
  const ojol = createdOjol.fleet;
  for (let i = 0; i < options.ojolCouriers; i++) {
    const near = markets[i % markets.length];
    await addCourier(ojol.id, 'ojol', `${rng.pick(names)} ojol ${i + 1}`, rng.around(near.lon, near.lat, 200, 1_500));
  }
  const marketIds = markets.map((m) => m.id);
  const dispatcher = await app.auth.issueToken({ role: 'dispatcher', subjectId: 'usr_demo_dispatcher', marketIds, ttlS: 7 * 86_400 }, null);
  const planner = await app.auth.issueToken({ role: 'planner', subjectId: 'usr_demo_planner', marketIds, ttlS: 7 * 86_400 }, null);
  const courierTokens: DemoWorld['courierTokens'] = [];
  for (const c of [...couriers.values()].slice(0, 5)) {
    const fleetId = (await call(app, 'GET', `/v1/couriers/${c.id}`, admin)).fleet_id as string;
    const issued = await app.auth.issueToken({ role: 'courier', subjectId: c.id, courierId: c.id, fleetId, ttlS: 7 * 86_400 }, null);
    courierTokens.push({ courierId: c.id, name: c.name, token: issued.token });
  }
  return {
    admin, markets, couriers, dispatcherToken: dispatcher.token, courierTokens, plannerToken: planner.token,
    fleetKey: { fleetId: ojol.id, name: ojol.name, apiKey: createdOjol.api_key.key },
  };
}
