// One order status event as the customer's WhatsApp reply, and the hour that reply tells (kept as the order's told_eta).
import { statusText } from './reply-texts.js';

/** An order status event with what its reply needs of the order, read when the reply is composed. */
export interface StatusEventRow {
  readonly type: string;
  readonly orderId: string;
  readonly orderStatus: string;
  readonly payload: Record<string, unknown>;
  readonly codTotalRp: number;
  readonly codCollectedRp: number | null;
  /** The order's delivery ETA now (ISO; null once its courier no longer has the door to do). */
  readonly deliveryEta: string | null;
  readonly timezone: string;
}

const DONE = new Set(['delivered', 'failed', 'cancelled', 'exchanged']);

/**
 * The reply to `e` given the hour the customer was told so far (`toldIso`), and the hour it tells (null: none).
 * `order.eta_changed` is said only while the courier still has the door to do and when the customer was told nothing
 * since the change was seen (else a newer hour went out already, and the next change is measured from that); null then.
 */
export function statusReply(e: StatusEventRow, toldIso: string | null): { body: string; tellsIso: string | null } | null {
  const order = { orderId: e.orderId, codTotalRp: e.codTotalRp, codCollectedRp: e.codCollectedRp, timezone: e.timezone };
  if (e.type === 'order.eta_changed') {
    const etaIso = typeof e.payload.eta === 'string' ? e.payload.eta : null;
    const seenToldMs = typeof e.payload.told_eta === 'string' ? Date.parse(e.payload.told_eta) : NaN;
    if (!etaIso || !toldIso || DONE.has(e.orderStatus) || e.deliveryEta === null || Date.parse(toldIso) !== seenToldMs) return null;
    return { body: statusText(e.type, { ...order, deliveryEta: etaIso, toldEta: toldIso }), tellsIso: etaIso };
  }
  const tells = (e.type === 'order.assigned' || e.type === 'order.delivering') && e.deliveryEta !== null;
  return { body: statusText(e.type, { ...order, deliveryEta: e.deliveryEta }), tellsIso: tells ? e.deliveryEta : null };
}
