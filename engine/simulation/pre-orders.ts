// Pre-orders: the market hears of each order some minutes before it is due; its goods are ready, and its promise and
// click-to-door count, from the due time. What knowing the day's orders ahead is worth to the customers.
import type { SimOrder } from './world.js';

/**
 * The orders as pre-orders known `noticeMs` ahead: each is heard of at its due time minus the notice (`knownAtMs`), its
 * stalls have the goods from the due time (or later, when they had them later), and its click-to-door counts from the
 * due time (`order.placedAtMs`). The promise already counts from the due time. No notice: the orders as they are.
 */
export function withNotice(orders: readonly SimOrder[], noticeMs: number): SimOrder[] {
  if (noticeMs <= 0) return [...orders];
  return orders.map((sim) => {
    const dueMs = sim.placedAtMs;
    const pickups = sim.order.pickups.map((p) => ({ ...p, readyAtMs: Math.max(p.readyAtMs ?? dueMs, dueMs) }));
    return { ...sim, knownAtMs: Math.min(sim.knownAtMs ?? dueMs, dueMs - noticeMs), order: { ...sim.order, placedAtMs: dueMs, pickups } };
  });
}
