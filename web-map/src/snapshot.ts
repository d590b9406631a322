// Initial snapshot over REST: markets, stalls, fleets, couriers and orders; plans, offers and routes then come from the
// gateway's replay of the event log.
import type { ApiClient } from './api-client.js';
import { readTokenClaims } from './courier/courier-model.js';
import { camelize, courierAction, lonLatOf, orderAction, routeActions } from './realtime/event-adapter.js';
import type { MarketView, StallView } from './model.js';
import type { DispatchStore, StoreAction } from './store/dispatch-store.js';

type Row = Record<string, unknown>;

/** Each list is optional: a scope that cannot read it (403) or a route not present simply leaves it empty. */
async function tryAll(api: ApiClient, path: string): Promise<Row[]> {
  try { return (await api.getAll<unknown>(path)).map((r) => camelize(r) as Row); } catch { return []; }
}

export async function loadSnapshot(api: ApiClient, store: DispatchStore): Promise<void> {
  const marketRows = await tryAll(api, '/v1/markets?limit=200');
  const markets: MarketView[] = marketRows.flatMap((m) => {
    const at = lonLatOf(m);
    return at ? [{ id: String(m.id), name: String(m.name ?? m.id), lon: at[0], lat: at[1] }] : [];
  });
  const actions: StoreAction[] = [{ kind: 'markets', markets }];
  const perMarket = await Promise.all(markets.map(async (m) => ({
    stalls: await tryAll(api, `/v1/markets/${m.id}/stalls?limit=200`),
    orders: await tryAll(api, `/v1/orders?market_id=${m.id}&limit=200`),
  })));
  const stalls: StallView[] = [];
  for (let i = 0; i < markets.length; i++) {
    for (const s of perMarket[i].stalls) {
      const at = lonLatOf(s);
      if (at) stalls.push({ id: String(s.id), marketId: String(s.marketId ?? markets[i].id), name: String(s.name ?? s.id), code: String(s.stallCode ?? s.code ?? ''), lon: at[0], lat: at[1] });
    }
    for (const o of perMarket[i].orders) actions.push(orderAction({ marketId: markets[i].id, ...o }));
  }
  actions.push({ kind: 'stalls', stalls });
  // only admins may list fleets; everyone else learns fleet kinds from the dispatch state below
  const fleets = readTokenClaims(api.token).role === 'admin' ? await tryAll(api, '/v1/fleets?limit=200') : [];
  const fleetKind = new Map(fleets.map((f) => [String(f.id), String(f.kind)]));
  for (const c of await tryAll(api, '/v1/couriers?limit=200')) {
    // a courier's fleet kind comes from its fleet; without fleet access, a courier based at a market is a pangkalan one
    const kind = fleetKind.get(String(c.fleetId)) ?? (c.homeMarketId ? 'pangkalan' : 'ojol');
    actions.push(courierAction({ ...c, fleetKind: kind }));
  }
  for (const m of markets) actions.push(...(await dispatchStateActions(api, m.id)));
  store.apply(0, 'snapshot', actions);
}

/** The dispatch core's live view of a market (GET /v1/dispatch/markets/:id/state): fleet kinds, routes, COD, KPIs. */
async function dispatchStateActions(api: ApiClient, marketId: string): Promise<StoreAction[]> {
  let state: Row;
  try { state = camelize(await api.get(`/v1/dispatch/markets/${marketId}/state`)) as Row; } catch { return []; }
  const actions: StoreAction[] = [];
  for (const c of (Array.isArray(state.couriers) ? state.couriers : []) as Row[]) {
    const courierId = String(c.courierId);
    if (c.fleet === 'ojol' || c.fleet === 'pangkalan') actions.push({ kind: 'courier.upsert', courier: { id: courierId, fleetKind: c.fleet, marketId } });
    if (Array.isArray(c.route) && c.route.length > 0) actions.push(...routeActions({ courierId, stops: c.route }));
  }
  for (const cod of (Array.isArray(state.cod) ? state.cod : []) as Row[]) {
    actions.push({ kind: 'courier.upsert', courier: { id: String(cod.courierId), codOutstandingRp: Number(cod.dueRp ?? 0) } });
  }
  const kpi = state.kpi as Row | undefined;
  if (kpi) {
    actions.push({ kind: 'kpi', marketId, kpi: {
      pendingOrders: Number(kpi.pendingOrders ?? 0), bookedOrders: Number(kpi.bookedOrders ?? 0), offeredOrders: Number(kpi.offeredOrders ?? 0),
      activeCouriers: Number(kpi.activeCouriers ?? 0), idleCouriers: Number(kpi.idleCouriers ?? 0), oldestPendingS: Number(kpi.oldestPendingS ?? 0),
    } });
  }
  return actions;
}
