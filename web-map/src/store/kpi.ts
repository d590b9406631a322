// KPIs computed from the store (used when the server's `kpi` event has not arrived or a filter narrows the view).
import { ACTIVE_STATES, WAITING_STATES, waitStartMs, type KpiView } from '../model.js';
import type { DispatchStore } from './dispatch-store.js';

/** Click-to-door promise for orders without a delivery window, s: delivered within an hour counts as on time. */
export const DEFAULT_PROMISE_S = 3600;

/** KPIs over the orders and couriers of one market ('' = all markets). */
export function computeKpi(store: DispatchStore, marketId = '', nowMs = Date.now()): KpiView {
  let ordersWaiting = 0, ordersBooked = 0, delivered = 0, onTime = 0, clickToDoorS = 0, codOutstandingRp = 0;
  for (const order of store.orders.values()) {
    if (marketId && order.marketId !== marketId) continue;
    if (WAITING_STATES.has(order.state)) {
      if (order.bookedForMs > nowMs) ordersBooked++;
      else ordersWaiting++;
    }
    if (ACTIVE_STATES.has(order.state)) codOutstandingRp += order.codTotalRp;
    if (order.state === 'delivered' && order.deliveredAtMs > 0) {
      delivered++;
      const fromMs = waitStartMs(order);
      const promisedAtMs = order.promisedAtMs || (fromMs > 0 ? fromMs + DEFAULT_PROMISE_S * 1000 : Infinity);
      if (order.deliveredAtMs <= promisedAtMs) onTime++;
      if (fromMs > 0) clickToDoorS += (order.deliveredAtMs - fromMs) / 1000;
    }
  }
  let online = 0, busy = 0;
  for (const courier of store.couriers.values()) {
    if (marketId && courier.marketId && courier.marketId !== marketId) continue;
    if (courier.state === 'offline') continue;
    online++;
    if (courier.state === 'on_route' || courier.state === 'offered') busy++;
  }
  // The dispatch core's own counts win where it has sent them (it also knows orders the map has not loaded).
  let serverWaiting = 0, serverBooked = 0, serverActive = 0, serverIdle = 0, markets = 0;
  for (const [id, kpi] of store.serverKpi) {
    if (marketId && id !== marketId) continue;
    markets++;
    serverWaiting += kpi.pendingOrders + kpi.offeredOrders;
    serverBooked += kpi.bookedOrders;
    serverActive += kpi.activeCouriers;
    serverIdle += kpi.idleCouriers;
  }
  if (markets > 0) {
    ordersWaiting = serverWaiting;
    ordersBooked = serverBooked;
    if (serverActive > 0) { online = serverActive; busy = serverActive - serverIdle; }
  }
  return {
    ordersWaiting,
    ordersBooked,
    onTimePct: delivered > 0 ? (100 * onTime) / delivered : NaN,
    meanClickToDoorS: delivered > 0 ? clickToDoorS / delivered : NaN,
    utilisationPct: online > 0 ? (100 * busy) / online : NaN,
    codOutstandingRp,
  };
}
