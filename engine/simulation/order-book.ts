// The simulator's ledger of customer orders: one record per customer order, exchange orders folded into their
// customer order, the refusals drawn for the day, and why plans left orders waiting.
import type { DispatchOrder } from '../dispatch/dispatch-types.js';
import type { OrderRecord } from './recorder.js';
import type { SimOrder } from './world.js';

export class OrderBook {
  readonly records = new Map<string, OrderRecord>();
  /** Reason → times a plan left an order waiting. */
  readonly unplanned: Record<string, number> = {};
  /** Exchange order id → the customer order it redelivers. */
  private readonly parentOf = new Map<string, string>();
  /** Customer orders whose goods will be refused at the door (once). */
  private readonly refuses = new Set<string>();
  placed = 0;
  /** Customer orders neither delivered nor cancelled yet. */
  unresolved = 0;
  exchanges = 0;

  place(sim: SimOrder): void {
    const { order, marketId, placedAtMs, refuses } = sim;
    this.placed++;
    this.unresolved++;
    if (refuses) this.refuses.add(order.id);
    this.records.set(order.id, { id: order.id, marketId, placedAtMs, windowEndMs: order.delivery.windowEndMs ?? Infinity, outcome: 'open_at_end', feeRp: 0, exchanged: false });
  }

  /** The customer order behind a dispatch order id (itself, or the one an exchange redelivers). */
  recordOf(orderId: string): OrderRecord | undefined {
    return this.records.get(this.parentOf.get(orderId) ?? orderId);
  }

  /** A courier accepted the order; `deliveryEtaMs` is when its route has it at the door (what the customer is told). */
  assigned(orderId: string, courierId: string, feeRp: number, nowMs: number, deliveryEtaMs: number | undefined): void {
    const r = this.recordOf(orderId);
    if (!r) return;
    r.feeRp = feeRp;
    r.courierId = courierId;
    r.assignedAtMs ??= nowMs;
    if (r.id === orderId && deliveryEtaMs !== undefined) r.toldEtaMs = deliveryEtaMs; // an exchange tells its own hour
  }

  pickedUp(orderId: string, nowMs: number, stopId: string): void {
    const r = this.recordOf(orderId);
    if (!r) return;
    r.firstPickupMs ??= nowMs;
    const visit = r.pickupStarts?.find((p) => p.stopId === stopId && p.doneMs === undefined);
    if (visit) visit.doneMs = nowMs;
  }

  /** Service starts at a stall of the order (the goods were ready at `readyAtMs`, when they were not at once). */
  pickupStarted(orderId: string, stopId: string, startMs: number, readyAtMs: number | undefined): void {
    const r = this.recordOf(orderId);
    if (r) (r.pickupStarts ??= []).push({ stopId, startMs, ...(readyAtMs !== undefined ? { readyAtMs } : {}) });
  }

  /** The courier reached the door of `orderId` (an exchange's door is a later trip, not the one told). */
  atDoor(orderId: string, nowMs: number): void {
    const r = this.records.get(orderId);
    if (r) r.atDoorMs ??= nowMs;
  }

  delivered(orderId: string, nowMs: number): void {
    const r = this.recordOf(orderId)!;
    r.outcome = 'delivered';
    r.deliveredMs = nowMs;
    this.unresolved--;
  }

  cancelled(orderId: string): void {
    this.recordOf(orderId)!.outcome = 'cancelled';
    this.unresolved--;
  }

  /** true (once) when the customer refuses this order's goods. */
  refusedAtDoor(orderId: string): boolean {
    return this.refuses.delete(orderId);
  }

  /** The exchange order for refused goods (`exchangeOf`), folded into the customer order it redelivers. */
  exchangeOrder(order: DispatchOrder, windowEndMs: number): DispatchOrder {
    this.exchanges++;
    const rootId = this.parentOf.get(order.id) ?? order.id;
    const child = exchangeOf(order, windowEndMs, this.records.get(rootId)!.placedAtMs);
    this.parentOf.set(child.id, rootId);
    this.records.get(rootId)!.exchanged = true;
    return child;
  }

  countUnplanned(reason: string): void {
    this.unplanned[reason] = (this.unplanned[reason] ?? 0) + 1;
  }
}

/** An exchange order's id is its parent's with this suffix. */
export const EXCHANGE_SUFFIX = '-x';

/**
 * The exchange order for refused goods: back to the same stalls (goods ready at once), then to the same door, promised
 * anew; the customer's wait still counts from `placedAtMs`, when the customer order was placed.
 */
export function exchangeOf(order: DispatchOrder, windowEndMs: number, placedAtMs: number): DispatchOrder {
  const id = `${order.id}${EXCHANGE_SUFFIX}`;
  return {
    ...order, id, placedAtMs,
    pickups: order.pickups.map((p, k) => ({ ...p, id: `${id}-p${k}`, readyAtMs: undefined })),
    delivery: { ...order.delivery, id: `${id}-d`, windowEndMs },
  };
}
