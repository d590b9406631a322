// View model of the dispatch map: what the browser knows about markets, couriers, orders, routes and offers.

import type { CourierState } from '../../api/schemas/couriers.js';
import type { OrderState } from '../../api/schemas/orders.js';

export type { CourierState, OrderState };
export type FleetKind = 'ojol' | 'pangkalan';

/** The courier states in display order; the browser cannot import the API's list, so the compiler checks this one is complete. */
export const COURIER_STATES = ['offline', 'idle', 'offered', 'on_route', 'paused'] as const satisfies readonly CourierState[];
const everyCourierState: Exclude<CourierState, (typeof COURIER_STATES)[number]> extends never ? true : false = true;
void everyCourierState;
export const FLEET_KINDS: readonly FleetKind[] = ['ojol', 'pangkalan'];
/** Orders still waiting for a courier to take them. */
export const WAITING_STATES: ReadonlySet<OrderState> = new Set(['created', 'batched', 'offered']);
/** Orders a courier carries (COD not yet collected). */
export const ACTIVE_STATES: ReadonlySet<OrderState> = new Set(['assigned', 'picking', 'delivering']);

export interface MarketView { readonly id: string; name: string; lon: number; lat: number }
export interface StallView { readonly id: string; marketId: string; name: string; code: string; lon: number; lat: number }

export interface CourierView {
  readonly id: string;
  name: string;
  fleetKind: FleetKind;
  fleetId: string;
  marketId: string;
  state: CourierState;
  lon: number;
  lat: number;
  /** Time of the last position, epoch ms (0 = never seen). */
  positionAtMs: number;
  codOutstandingRp: number;
  /** Cash short at the door and not yet settled (flagged to the dispatcher), rupiah. */
  codUnsettledShortRp?: number;
}

export interface OrderView {
  readonly id: string;
  marketId: string;
  state: OrderState;
  createdAtMs: number;
  /** The hour the customer booked the order for, epoch ms (0 = wanted at once): the wait counts from then. */
  bookedForMs: number;
  customerName: string;
  /** Delivery point, degrees. */
  lon: number;
  lat: number;
  codTotalRp: number;
  itemCount: number;
  courierId: string;
  pinnedCourierId: string;
  /** Promised delivery time, epoch ms (0 = none). */
  promisedAtMs: number;
  deliveredAtMs: number;
  /** The latest plan gives it to this courier but keeps it back ('' = not held): `heldReason` says why. */
  heldCourierId: string;
  heldReason: '' | 'commit_horizon' | 'goods_not_ready';
  /** When that plan has the courier at the order's first stall, epoch ms (0 = not held). */
  heldFirstStopEtaMs: number;
}

/** When the customer's wait starts: when it ordered, or the hour it booked the order for (epoch ms; 0 = unknown). */
export const waitStartMs = (order: Pick<OrderView, 'createdAtMs' | 'bookedForMs'>): number => Math.max(order.createdAtMs, order.bookedForMs);

export interface RouteStopView {
  stopId: string;
  kind: 'pickup' | 'delivery' | 'return';
  orderId: string;
  stallId: string;
  lon: number;
  lat: number;
  /** Estimated arrival, epoch ms (0 = unknown). */
  etaMs: number;
  done: boolean;
}

export interface RouteView {
  readonly courierId: string;
  planVersion: number;
  stops: RouteStopView[];
  /** Road geometry as flat [lon, lat, …] degrees; empty = straight lines between stops. */
  line: number[];
}

export interface OfferView {
  readonly id: string;
  courierId: string;
  orderIds: string[];
  expiresAtMs: number;
  state: 'pending' | 'accepted' | 'declined' | 'expired';
}

export interface KpiView {
  ordersWaiting: number;
  /** Orders booked for a later hour, not waiting yet. */
  ordersBooked: number;
  /** Share of delivered orders on time, 0–100 (NaN when none delivered). */
  onTimePct: number;
  meanClickToDoorS: number;
  /** Couriers on route / couriers online, 0–100. */
  utilisationPct: number;
  codOutstandingRp: number;
}

/** The dispatch core's KPI tiles of one market (the `kpi` stream). */
export interface ServerKpi {
  pendingOrders: number;
  /** Booked for a later hour and not yet planned (not counted in pendingOrders). */
  bookedOrders: number;
  offeredOrders: number;
  activeCouriers: number;
  idleCouriers: number;
  /** Longest wait of a pending order, s. */
  oldestPendingS: number;
}

export interface FeedEntry { readonly seq: number; readonly type: string; readonly atMs: number; readonly subject: string }
