// How much time an order can still wait before its promise is at risk: the promise minus now, the goods' ready
// time and an estimated ride from the first stall to the door.
import type { DispatchOrder } from './dispatch-types.js';
import { estimateRideS, type EtaModel } from './eta.js';
import { goodsReadyAtMs } from './goods-ready.js';

/** Milliseconds the order may still wait before a courier must leave the market with it; +Infinity without a promise. */
export function slackMs(order: DispatchOrder, nowMs: number, model: EtaModel): number {
  const endMs = order.delivery.windowEndMs;
  if (endMs === undefined) return Number.POSITIVE_INFINITY;
  const first = order.pickups[0];
  const readyMs = Math.max(nowMs, goodsReadyAtMs(order));
  let serviceS = order.delivery.serviceS;
  for (const p of order.pickups) serviceS += p.serviceS;
  const rideS = estimateRideS(first.lon, first.lat, order.delivery.lon, order.delivery.lat, model);
  return endMs - readyMs - Math.round((rideS + serviceS) * 1000);
}
