// Orders whose goods are ready later (booked ahead, or stalls still packing): when they join plans and offers.
import type { DispatchConfig } from './dispatch-config.js';
import type { DispatchOrder } from './dispatch-types.js';

/** When the last of the order's stalls has its goods ready (ms); -Infinity when every stall is ready now. */
export function goodsReadyAtMs(order: DispatchOrder): number {
  let readyMs = Number.NEGATIVE_INFINITY;
  for (const p of order.pickups) if (p.readyAtMs !== undefined && p.readyAtMs > readyMs) readyMs = p.readyAtMs;
  return readyMs;
}

/** true while the goods are ready more than `aheadMs` after `nowMs`. */
export function readyLaterThan(order: DispatchOrder, nowMs: number, aheadMs: number): boolean {
  return goodsReadyAtMs(order) > nowMs + aheadMs;
}

/** true for an order booked beyond the plan-ahead time: out of plans, batch triggers and the count of orders waiting. */
export function bookedForLater(order: DispatchOrder, nowMs: number, config: Pick<DispatchConfig, 'planAheadMs'>): boolean {
  return readyLaterThan(order, nowMs, config.planAheadMs);
}
