// DispatchStore: the dispatcher's in-browser state, changed only by sequenced actions (apply in order, drop duplicates).
import type { CourierView, FeedEntry, MarketView, OfferView, OrderView, RouteView, ServerKpi, StallView } from '../model.js';

/** Dirty bits handed to listeners: what changed since the last notification. */
export const Changed = {
  couriers: 1, positions: 2, orders: 4, routes: 8, offers: 16, kpi: 32, feed: 64, places: 128,
} as const;

export type StoreAction =
  | { kind: 'markets'; markets: MarketView[] }
  | { kind: 'stalls'; stalls: StallView[] }
  | { kind: 'courier.position'; courierId: string; lon: number; lat: number; atMs: number }
  | { kind: 'courier.upsert'; courier: Partial<CourierView> & { id: string } }
  | { kind: 'order.upsert'; order: Partial<OrderView> & { id: string } }
  | { kind: 'route.set'; route: RouteView }
  | { kind: 'route.clear'; courierId: string }
  | { kind: 'offer.upsert'; offer: Partial<OfferView> & { id: string } }
  | { kind: 'kpi'; marketId: string; kpi: ServerKpi };

/** Called with the position of a courier whenever it moves (the hot path for the courier layer). */
export type PositionSink = (courier: CourierView, previousAtMs: number) => void;

const FEED_LIMIT = 200;

const blankCourier = (id: string): CourierView => ({
  id, name: id, fleetKind: 'ojol', fleetId: '', marketId: '', state: 'offline', lon: NaN, lat: NaN, positionAtMs: 0, codOutstandingRp: 0,
});
const blankOrder = (id: string): OrderView => ({
  id, marketId: '', state: 'created', createdAtMs: 0, bookedForMs: 0, customerName: '', lon: NaN, lat: NaN, codTotalRp: 0, itemCount: 0,
  courierId: '', pinnedCourierId: '', promisedAtMs: 0, deliveredAtMs: 0, heldCourierId: '', heldReason: '', heldFirstStopEtaMs: 0,
});

export class DispatchStore {
  readonly markets = new Map<string, MarketView>();
  readonly stalls = new Map<string, StallView>();
  readonly couriers = new Map<string, CourierView>();
  readonly orders = new Map<string, OrderView>();
  readonly routes = new Map<string, RouteView>();
  readonly offers = new Map<string, OfferView>();
  readonly feed: FeedEntry[] = [];
  /** Per market id: the latest KPI tiles from the dispatch core. */
  readonly serverKpi = new Map<string, ServerKpi>();
  /** Highest event sequence applied; events at or below it are duplicates. */
  lastSeq = 0;
  private dirty = 0;
  private readonly listeners = new Set<(changed: number) => void>();
  private readonly positionSinks = new Set<PositionSink>();

  /** Applies the actions of event `seq` unless already seen; returns false for a duplicate. seq 0 = unsequenced snapshot data. */
  apply(seq: number, type: string, actions: readonly StoreAction[], subject = ''): boolean {
    if (seq > 0 && seq <= this.lastSeq) return false;
    if (seq > 0) this.lastSeq = seq;
    for (let i = 0; i < actions.length; i++) this.applyOne(actions[i]);
    if (seq > 0 && type !== 'courier.position') {
      this.feed.unshift({ seq, type, atMs: Date.now(), subject });
      if (this.feed.length > FEED_LIMIT) this.feed.length = FEED_LIMIT;
      this.dirty |= Changed.feed;
    }
    return true;
  }

  /** Hot path for position streams: no allocation when the courier is known. */
  applyPosition(seq: number, courierId: string, lon: number, lat: number, atMs: number): boolean {
    if (seq > 0 && seq <= this.lastSeq) return false;
    if (seq > 0) this.lastSeq = seq;
    this.movePosition(courierId, lon, lat, atMs);
    return true;
  }

  private movePosition(courierId: string, lon: number, lat: number, atMs: number): void {
    let courier = this.couriers.get(courierId);
    if (!courier) { courier = blankCourier(courierId); this.couriers.set(courierId, courier); this.dirty |= Changed.couriers; }
    const previousAtMs = courier.positionAtMs;
    if (atMs < previousAtMs) return; // an older fix arriving late
    courier.lon = lon;
    courier.lat = lat;
    courier.positionAtMs = atMs;
    this.dirty |= Changed.positions;
    for (const sink of this.positionSinks) sink(courier, previousAtMs);
  }

  private applyOne(action: StoreAction): void {
    switch (action.kind) {
      case 'markets': for (const m of action.markets) this.markets.set(m.id, m); this.dirty |= Changed.places; break;
      case 'stalls': for (const s of action.stalls) this.stalls.set(s.id, s); this.dirty |= Changed.places; break;
      case 'courier.position': this.movePosition(action.courierId, action.lon, action.lat, action.atMs); break;
      case 'courier.upsert': {
        const { lon, lat, positionAtMs, ...rest } = action.courier;
        const courier = this.couriers.get(rest.id) ?? blankCourier(rest.id);
        Object.assign(courier, rest);
        this.couriers.set(courier.id, courier);
        this.dirty |= Changed.couriers;
        if (lon !== undefined && lat !== undefined && Number.isFinite(lon) && Number.isFinite(lat)) {
          this.movePosition(courier.id, lon, lat, positionAtMs ?? Date.now());
        }
        break;
      }
      case 'order.upsert': {
        const order = this.orders.get(action.order.id) ?? blankOrder(action.order.id);
        Object.assign(order, action.order);
        this.orders.set(order.id, order);
        this.dirty |= Changed.orders;
        break;
      }
      case 'route.set':
        if (action.route.stops.length > 0) this.routes.set(action.route.courierId, action.route);
        else this.routes.delete(action.route.courierId);
        this.dirty |= Changed.routes;
        break;
      case 'route.clear': if (this.routes.delete(action.courierId)) this.dirty |= Changed.routes; break;
      case 'offer.upsert': {
        const offer = this.offers.get(action.offer.id) ?? { id: action.offer.id, courierId: '', orderIds: [], expiresAtMs: 0, state: 'pending' as const };
        Object.assign(offer, action.offer);
        this.offers.set(offer.id, offer);
        this.dirty |= Changed.offers;
        break;
      }
      case 'kpi': this.serverKpi.set(action.marketId, action.kpi); this.dirty |= Changed.kpi; break;
    }
  }

  subscribe(listener: (changed: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onPosition(sink: PositionSink): () => void {
    this.positionSinks.add(sink);
    return () => this.positionSinks.delete(sink);
  }

  /** Hands the accumulated dirty bits to the listeners (call once per animation frame). */
  flush(): number {
    const changed = this.dirty;
    this.dirty = 0;
    if (changed !== 0) for (const listener of this.listeners) listener(changed);
    return changed;
  }

  /** Pending offer of a courier, if any. */
  offerOf(courierId: string): OfferView | undefined {
    for (const offer of this.offers.values()) if (offer.courierId === courierId && offer.state === 'pending') return offer;
    return undefined;
  }
}
