// Event adapter: socket events from the dispatch gateway → store actions (the one place that knows the wire shapes).
import type { DispatchStore, StoreAction } from '../store/dispatch-store.js';
import type { RealtimeEnvelope } from '../../../api/schemas/realtime.js';
import type { CourierState, FleetKind, OfferView, OrderState, RouteStopView } from '../model.js';

type Wire = Record<string, unknown>;

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
  const positionAt = (o.lastPosition as Wire | undefined)?.at ?? o.lastPositionAt ?? o.positionAt ?? o.at;
  if (at) { c.lon = at[0]; c.lat = at[1]; c.positionAtMs = toMs(positionAt) || Date.now(); }
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
  if (o.bookedFor !== undefined) order.bookedForMs = toMs(o.bookedFor);
  if (o.promisedAt !== undefined || o.windowEnd !== undefined) order.promisedAtMs = toMs(o.promisedAt ?? o.windowEnd);
  if (o.deliveredAt !== undefined) order.deliveredAtMs = toMs(o.deliveredAt);
  if (o.codTotalRp !== undefined) order.codTotalRp = num(o.codTotalRp);
  if (typeof o.courierId === 'string' || o.courierId === null) order.courierId = str(o.courierId);
  if (typeof o.pinnedCourierId === 'string' || o.pinnedCourierId === null) order.pinnedCourierId = str(o.pinnedCourierId);
  const customer = o.customer as Record<string, unknown> | undefined;
  if (typeof o.customerName === 'string') order.customerName = o.customerName;
  else if (customer && typeof customer.name === 'string') order.customerName = customer.name;
  if (Array.isArray(o.items)) order.itemCount = o.items.length;
  else if (typeof o.itemCount === 'number') order.itemCount = o.itemCount;
  if (at) { order.lon = at[0]; order.lat = at[1]; }
  return { kind: 'order.upsert', order };
}

function stopOf(s: Wire): RouteStopView {
  const at = lonLatOf(s) ?? [NaN, NaN];
  const kind = str(s.kind ?? s.type, 'delivery');
  return {
    stopId: str(s.stopId ?? s.id),
    kind: kind === 'pickup' || kind === 'return' ? kind : 'delivery',
    orderId: str(s.orderId), stallId: str(s.stallId), lon: at[0], lat: at[1],
    etaMs: toMs(s.eta ?? s.etaAt ?? s.etaMs),
    done: s.done === true || typeof s.completedAt === 'string' || ['completed', 'done', 'failed', 'skipped', 'cancelled'].includes(str(s.status)),
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

const NOT_HELD = { heldCourierId: '', heldReason: '', heldFirstStopEtaMs: 0 } as const;

/**
 * Held orders of a market's new plan: each marked with its courier, reason and first-stall ETA; orders of that market the
 * previous plan held and this one does not are no longer held.
 */
function heldActions(p: Wire, marketId: string, store: DispatchStore): StoreAction[] {
  const held = Array.isArray(p.heldOrders) ? (p.heldOrders as Wire[]) : [];
  const now = new Set(held.map((h) => str(h.orderId)));
  const actions: StoreAction[] = held.map((h) => ({ kind: 'order.upsert', order: {
    id: str(h.orderId), heldCourierId: str(h.courierId),
    heldReason: h.reason === 'goods_not_ready' ? 'goods_not_ready' : 'commit_horizon', heldFirstStopEtaMs: toMs(h.firstStopEta ?? h.firstStopEtaMs),
  } }));
  for (const o of store.orders.values()) {
    if (o.heldCourierId && !now.has(o.id) && (!marketId || o.marketId === marketId)) actions.push({ kind: 'order.upsert', order: { id: o.id, ...NOT_HELD } });
  }
  return actions;
}

/** The envelope every gateway event travels in (api/schemas/realtime.ts), payload still raw. */
export type Envelope = Pick<RealtimeEnvelope, 'seq' | 'type'> & Partial<Omit<RealtimeEnvelope, 'seq' | 'type'>>;

/** Events that are not in the event log: they carry the latest logged sequence, so they must not be deduplicated by it. */
const EPHEMERAL = new Set(['courier.position', 'kpi', 'ready']);
const ORDER_STATE_SET: ReadonlySet<string> = new Set<OrderState>(['created', 'batched', 'offered', 'assigned', 'picking', 'delivering', 'delivered', 'failed', 'cancelled', 'exchanged']);
const COURIER_STATE_SET: ReadonlySet<string> = new Set<CourierState>(['offline', 'idle', 'offered', 'on_route', 'paused']);
/** Engine event suffixes → order state. */
const ORDER_EVENT_STATE: Record<string, OrderState> = {
  pending: 'created', unplanned: 'created', unassigned: 'created', picked_up: 'picking', items_picked: 'picking',
};

/** Order / courier / offer / plan / route events → store actions, from the envelope and its camelized payload. */
function actionsOf(type: string, e: Envelope, p: Wire, store: DispatchStore): StoreAction[] {
  const [entity, suffix = ''] = type.split(/\.(.*)/s);
  const atMs = toMs(e.at) || Date.now();
  const courierId = str(p.courierId ?? e.courierId);
  const orderId = str(p.orderId ?? e.orderId);
  const to = str(p.to);
  switch (entity) {
    case 'order': {
      const base = orderAction({ ...p, id: orderId, marketId: str(p.marketId ?? e.marketId) || undefined, status: undefined, state: undefined }) as StoreAction & { kind: 'order.upsert' };
      const order = base.order as Record<string, unknown>;
      const state = ORDER_STATE_SET.has(to) ? to : ORDER_STATE_SET.has(suffix) ? suffix : ORDER_EVENT_STATE[suffix];
      if (state) order.state = state;
      if (type === 'order.created' && !store.orders.get(orderId)?.createdAtMs) order.createdAtMs = atMs;
      if (state === 'delivered') order.deliveredAtMs = atMs;
      if (state === 'assigned' && courierId) order.courierId = courierId;
      if (state && state !== 'created') Object.assign(order, NOT_HELD); // offered, taken or ended: no longer held back
      if (state === 'created') order.courierId = '';
      if (suffix === 'pinned') order.pinnedCourierId = courierId;
      if ((suffix === 'cod_discrepancy' || suffix === 'cod_settled') && courierId && p.courierUnsettledShortRp !== undefined) {
        return [base, { kind: 'courier.upsert', courier: { id: courierId, codUnsettledShortRp: num(p.courierUnsettledShortRp) } }];
      }
      return [base];
    }
    case 'courier': {
      const state = COURIER_STATE_SET.has(to) ? to : COURIER_STATE_SET.has(suffix) ? suffix : '';
      return state ? [{ kind: 'courier.upsert', courier: { id: courierId, state: state as CourierState } }] : [];
    }
    case 'offer': {
      const offerId = str(p.offerId ?? p.id);
      const state = (['accepted', 'declined', 'expired', 'withdrawn'].includes(to || suffix) ? (to || suffix) : 'pending') as OfferView['state'] | 'withdrawn';
      const orderIds = Array.isArray(p.orderIds) ? (p.orderIds as string[]) : undefined;
      const actions: StoreAction[] = [{ kind: 'offer.upsert', offer: {
        id: offerId, state: state === 'withdrawn' ? 'expired' : state, ...(courierId ? { courierId } : {}), ...(orderIds ? { orderIds } : {}),
        ...(p.expiresAt !== undefined || p.expiresAtMs !== undefined ? { expiresAtMs: toMs(p.expiresAt ?? p.expiresAtMs) } : {}),
      } }];
      const current = store.couriers.get(courierId)?.state;
      if (state === 'pending' && courierId) actions.push({ kind: 'courier.upsert', courier: { id: courierId, state: 'offered' } });
      if (state === 'accepted' && courierId) actions.push({ kind: 'courier.upsert', courier: { id: courierId, state: 'on_route' } });
      if (state !== 'pending' && state !== 'accepted' && courierId && current === 'offered') actions.push({ kind: 'courier.upsert', courier: { id: courierId, state: 'idle' } });
      for (const id of orderIds ?? []) {
        if (state === 'pending') actions.push({ kind: 'order.upsert', order: { id, state: 'offered', ...NOT_HELD } });
        if (state === 'accepted') actions.push({ kind: 'order.upsert', order: { id, state: 'assigned', courierId } });
      }
      return actions;
    }
    case 'plan': return type === 'plan.updated' ? [...routeActions(p), ...heldActions(p, str(e.marketId), store)] : [];
    case 'route': {
      if (suffix === 'completed') return [{ kind: 'route.clear', courierId }];
      const actions = routeActions({ ...p, courierId });
      if (p.codDueRp !== undefined) actions.push({ kind: 'courier.upsert', courier: { id: courierId, codOutstandingRp: num(p.codDueRp) } });
      return actions;
    }
    case 'eta': {
      const route = store.routes.get(courierId);
      if (!route || !Array.isArray(p.stops)) return [];
      const etaByStop = new Map((p.stops as Wire[]).map((s) => [str(s.stopId), toMs(s.eta ?? s.etaMs)]));
      return [{ kind: 'route.set', route: { ...route, stops: route.stops.map((s) => ({ ...s, etaMs: etaByStop.get(s.stopId) ?? s.etaMs })) } }];
    }
    default: return [];
  }
}

/** KPI payload of one market → the store's per-market server KPIs. */
function kpiAction(e: Envelope, p: Wire): StoreAction {
  const k = (p.kpi && typeof p.kpi === 'object' ? p.kpi : p) as Wire;
  return { kind: 'kpi', marketId: str(e.marketId ?? p.marketId), kpi: {
    pendingOrders: num(k.pendingOrders), bookedOrders: num(k.bookedOrders), offeredOrders: num(k.offeredOrders), activeCouriers: num(k.activeCouriers), idleCouriers: num(k.idleCouriers),
    oldestPendingS: num(k.oldestPendingS),
  } };
}

/** Applies one gateway event (its envelope); returns false for a duplicate sequence or an event the map does not show. */
export function applyEnvelope(store: DispatchStore, envelope: Envelope): boolean {
  const type = envelope.type;
  const raw = (envelope.payload ?? {}) as Wire;
  if (type === 'courier.position' || type === 'courier.moved') { // live (ephemeral) or logged position
    const seq = type === 'courier.moved' ? envelope.seq : 0;
    const courierId = str(raw.courierId ?? raw.courier_id ?? envelope.courierId);
    const lon = num(raw.lon, NaN), lat = num(raw.lat, NaN);
    if (!courierId || !Number.isFinite(lon) || !Number.isFinite(lat)) return false;
    return store.applyPosition(seq, courierId, lon, lat, toMs(raw.at ?? raw.positionAtMs ?? raw.recorded_at) || Date.now());
  }
  const payload = camelize(raw) as Wire;
  if (type === 'kpi') return store.apply(0, type, [kpiAction(envelope, payload)]);
  if (EPHEMERAL.has(type)) return false;
  const subject = str(envelope.orderId ?? envelope.courierId ?? payload.offerId ?? payload.planId);
  return store.apply(envelope.seq, type, actionsOf(type, envelope, payload, store), subject);
}
