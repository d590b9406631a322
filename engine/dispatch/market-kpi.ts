// Read-only views of a market's dispatch state: the KPI tile values and cash on delivery per courier.
import type { KpiValues } from './dispatch-types.js';
import { codDueRp, placedAtMs, type DispatchCourierState, type OfferState, type DispatchOrderState } from './dispatch-state.js';
import type { DispatchConfig } from './dispatch-config.js';
import { bookedForLater } from './goods-ready.js';

interface MarketView {
  readonly config: Pick<DispatchConfig, 'planAheadMs'>;
  readonly orders: ReadonlyMap<string, DispatchOrderState>;
  readonly couriers: ReadonlyMap<string, DispatchCourierState>;
  readonly offers: ReadonlyMap<string, OfferState>;
}

export interface CodTotals {
  readonly courierId: string;
  /** COD still to collect on the accepted route, rupiah. */
  readonly dueRp: number;
  /** COD collected on delivered orders so far, rupiah. */
  readonly collectedRp: number;
}

export function kpiOf(view: MarketView, nowMs: number): KpiValues {
  const count = { pending: 0, offered: 0, assigned: 0, delivered: 0, failed: 0, cancelled: 0 };
  let booked = 0;
  let oldestMs = nowMs;
  for (const s of view.orders.values()) {
    if (s.status === 'pending' && bookedForLater(s.order, nowMs, view.config)) {
      booked++; // not waiting yet
      continue;
    }
    count[s.status]++;
    if (s.status === 'pending') oldestMs = Math.min(oldestMs, placedAtMs(s));
  }
  let active = 0;
  let idle = 0;
  for (const c of view.couriers.values()) {
    if (c.status === 'offline') continue;
    active++;
    if (c.status === 'available' && c.route.length === 0 && c.offerId === undefined) idle++;
  }
  return {
    pendingOrders: count.pending, bookedOrders: booked, offeredOrders: count.offered, assignedOrders: count.assigned,
    deliveredOrders: count.delivered, failedOrders: count.failed, cancelledOrders: count.cancelled,
    activeCouriers: active, idleCouriers: idle, openOffers: view.offers.size,
    oldestPendingS: Math.round((nowMs - oldestMs) / 1000),
  };
}

export function codTotalsOf(view: MarketView): CodTotals[] {
  return [...view.couriers.values()].map((c) => ({
    courierId: c.courier.id,
    dueRp: codDueRp(c.route, view.orders),
    collectedRp: c.codCollectedRp,
  }));
}
