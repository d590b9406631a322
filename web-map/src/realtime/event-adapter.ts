// Event adapter: socket events from the dispatch gateway → store actions (the one place that knows the wire shapes).
import type { DispatchStore, StoreAction } from '../store/dispatch-store.js';
import type { CourierState, FleetKind, OrderState, RouteStopView } from '../model.js';

/** A courier position as streamed on `courier.position` (one fix, or `positions` for a throttled batch). */
export interface PositionWire { seq: number; courierId: string; lon: number; lat: number; at?: string | number }

type Wire = Record<string, unknown> & { seq?: number };

const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
/** ISO string or epoch ms → epoch ms (0 when absent). */
export const toMs = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) || 0 : 0);

/** Picks [lon, lat] from `{lon, lat}`, `{location: {lon, lat}}` or a GeoJSON point. */
export function lonLatOf(v: unknown): [number, number] | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.lon === 'number' && typeof o.lat === 'number') return [o.lon, o.lat];
  if (Array.isArray(o.coordinates) && o.coordinates.length >= 2) return [num(o.coordinates[0]), num(o.coordinates[1])];
  for (const key of ['location', 'position', 'point', 'deliveryPoint', 'delivery_point']) {
    const inner = lonLatOf(o[key]);
    if (inner) return inner;
  }
  return undefined;
}

/** snake_case keys → camelCase, deeply (the REST API and the gateway speak snake_case). */
export function camelize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelize);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) out[key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = camelize(value);
  return out;
}

/** Applies one position fix; the hot path of the live map. */
export function applyPosition(store: DispatchStore, p: PositionWire): boolean {
  const o = p as PositionWire & { courier_id?: string; location?: { lon: number; lat: number }; recorded_at?: string };
  const lon = o.lon ?? o.location?.lon, lat = o.lat ?? o.location?.lat;
  if (lon === undefined || lat === undefined) return false;
  const at = o.at ?? o.recorded_at;
  return store.applyPosition(o.seq ?? 0, o.courierId ?? o.courier_id ?? '', lon, lat, at === undefined ? Date.now() : toMs(at));
}

/** Courier payload (REST row or event) → upsert action. */
export function courierAction(o: Wire): StoreAction {
  const at = lonLatOf(o.lastPosition ?? o);
  const courier: StoreAction & { kind: 'courier.upsert' } = { kind: 'courier.upsert', courier: { id: str(o.courierId ?? o.id) } };
  const c = courier.courier;
  if (typeof o.state === 'string') c.state = o.state as CourierState;
  if (typeof o.status === 'string') c.state = o.status as CourierState;
  if (typeof o.name === 'string') c.name = o.name;
  if (typeof o.fleetKind === 'string') c.fleetKind = o.fleetKind as FleetKind;
  if (typeof o.fleetId === 'string') c.fleetId = o.fleetId;
  if (typeof o.marketId === 'string') c.marketId = o.marketId;
  else if (typeof o.homeMarketId === 'string') c.marketId = o.homeMarketId;
  if (o.codOutstandingRp !== undefined) c.codOutstandingRp = num(o.codOutstandingRp);
  if (at) { c.lon = at[0]; c.lat = at[1]; c.positionAtMs = toMs(o.lastPositionAt ?? o.positionAt ?? o.at) || Date.now(); }
  return courier;
}

/** Order payload (REST row or event) → upsert action. */
export function orderAction(o: Wire): StoreAction {
  const at = lonLatOf(o.deliveryLocation ?? o.delivery ?? o.deliveryPoint ?? o.customer ?? o);
  const order: Record<string, unknown> & { id: string } = { id: str(o.orderId ?? o.id) };
  if (typeof o.state === 'string') order.state = o.state as OrderState;
  if (typeof o.status === 'string') order.state = o.status as OrderState;
  if (typeof o.marketId === 'string') order.marketId = o.marketId;
  if (o.createdAt !== undefined) order.createdAtMs = toMs(o.createdAt);
  if (o.promisedAt !== undefined || o.windowEnd !== undefined) order.promisedAtMs = toMs(o.promisedAt ?? o.windowEnd);
  if (o.deliveredAt !== undefined) order.deliveredAtMs = toMs(o.deliveredAt);
  if (o.codTotalRp !== undefined) order.codTotalRp = num(o.codTotalRp);
  if (typeof o.courierId === 'string' || o.courierId === null) order.courierId = str(o.courierId);
  if (typeof o.pinnedCourierId === 'string' || o.pinnedCourierId === null) order.pinnedCourierId = str(o.pinnedCourierId);
  const customer = o.customer as Record<string, unknown> | undefined;
  if (typeof o.customerName === 'string') order.customerName = o.customerName;
  else if (customer && typeof customer.name === 'string') order.customerName = customer.name;
  if (Array.isArray(o.items)) order.itemCount = o.items.length;
  if (at) { order.lon = at[0]; order.lat = at[1]; }
  return { kind: 'order.upsert', order };
}

function stopOf(s: Wire): RouteStopView {
  const at = lonLatOf(s) ?? [NaN, NaN];
  const kind = str(s.kind ?? s.type, 'delivery');
  return {
    kind: kind === 'pickup' || kind === 'return' ? kind : 'delivery',
    orderId: str(s.orderId), stallId: str(s.stallId), lon: at[0], lat: at[1],
    etaMs: toMs(s.eta ?? s.etaAt),
    done: s.done === true || typeof s.completedAt === 'string' || ['completed', 'done', 'failed', 'skipped'].includes(str(s.status)),
  };
}

/** Route geometry as flat [lon, lat, …]: accepts a flat array or a GeoJSON LineString. */
function lineOf(v: unknown): number[] {
  if (Array.isArray(v)) return v.length > 0 && Array.isArray(v[0]) ? (v as number[][]).flat() : (v as number[]);
  if (v && typeof v === 'object' && Array.isArray((v as Record<string, unknown>).coordinates)) return ((v as { coordinates: number[][] }).coordinates).flat();
  return [];
}

/** Route actions of a plan payload: `{ routes: [{ courierId, stops, line? }] }` or one route. */
export function routeActions(o: Wire): StoreAction[] {
  const routes = Array.isArray(o.routes) ? (o.routes as Wire[]) : [o];
  return routes.filter((r) => typeof r.courierId === 'string').map((r): StoreAction => ({
    kind: 'route.set',
    route: {
      courierId: str(r.courierId), planVersion: num(r.planVersion ?? o.version),
      stops: Array.isArray(r.stops) ? (r.stops as Wire[]).map(stopOf) : [],
      line: lineOf(r.line ?? r.geometry),
    },
  }));
}

function offerAction(event: string, o: Wire): StoreAction {
  const state = event.endsWith('accepted') ? 'accepted' : event.endsWith('declined') ? 'declined' : event.endsWith('expired') ? 'expired' : 'pending';
  return {
    kind: 'offer.upsert',
    offer: {
      id: str(o.offerId ?? o.id), courierId: str(o.courierId), state,
      ...(Array.isArray(o.orderIds) ? { orderIds: o.orderIds as string[] } : {}),
      ...(o.expiresAt !== undefined ? { expiresAtMs: toMs(o.expiresAt) } : {}),
    },
  };
}

/** A position event: one fix, or a throttled batch `{ seq, positions: [...] }` sharing one sequence. */
function applyPositionEvent(store: DispatchStore, payload: Wire): boolean {
  if (!Array.isArray(payload.positions)) return applyPosition(store, payload as unknown as PositionWire);
  const seq = num(payload.seq);
  if (seq > 0 && seq <= store.lastSeq) return false;
  const positions = payload.positions as PositionWire[];
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (p.seq !== undefined && p.seq > 0) applyPosition(store, p);
    else store.applyPosition(0, p.courierId ?? (p as { courier_id?: string }).courier_id ?? '', p.lon, p.lat, p.at === undefined ? Date.now() : toMs(p.at));
  }
  if (seq > store.lastSeq) store.lastSeq = seq;
  return true;
}

/** Applies one named gateway event; returns false when it was a duplicate (seq already applied) or unknown. */
export function applyWireEvent(store: DispatchStore, event: string, raw: Wire): boolean {
  if (event === 'courier.position') return applyPositionEvent(store, raw);
  const payload = camelize(raw) as Wire;
  const seq = num(payload.seq);
  const subject = str(payload.orderId ?? payload.courierId ?? payload.offerId ?? payload.id);
  if (event.startsWith('order.')) return store.apply(seq, event, [orderAction(payload)], subject);
  if (event.startsWith('courier.')) return store.apply(seq, event, [courierAction(payload)], subject);
  if (event.startsWith('offer.')) return store.apply(seq, event, [offerAction(event, payload)], subject);
  if (event === 'plan.updated' || event.startsWith('route.')) return store.apply(seq, event, routeActions(payload), subject);
  if (event === 'kpi') {
    return store.apply(seq, event, [{ kind: 'kpi', kpi: {
      ordersWaiting: num(payload.ordersWaiting), onTimePct: num(payload.onTimePct, NaN), meanClickToDoorS: num(payload.meanClickToDoorS, NaN),
      utilisationPct: num(payload.utilisationPct, NaN), codOutstandingRp: num(payload.codOutstandingRp),
    } }]);
  }
  return false;
}
