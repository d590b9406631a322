// When a courier's stop ETAs are written, an order whose door moved far from the hour its customer was told gets one
// `order.eta_changed` event (streamed, sent to the courier's fleet, and the customer's WhatsApp reply names the hour).
import type { Stores } from '../store/stores.js';
import { deliveryEtaSql } from '../store/delivery-eta.js';
import { isoOf } from '../store/geo-sql.js';
import { parseCoreStopId } from './dispatch-loaders.js';
import { writeStopEtas } from './stop-etas.js';

/** How far the expected hour must move from the one told before the customer hears of it, and how often at most. */
export interface EtaNoticeRule {
  /** Seconds the door must move, later or earlier, from the hour told (default 600). */
  readonly minShiftS: number;
  /** Seconds after one ETA change of an order before another is recorded (default 600). */
  readonly quietS: number;
}

export const ETA_NOTICE_DEFAULTS: EtaNoticeRule = { minShiftS: 600, quietS: 600 };

/**
 * Records `order.eta_changed` for those of `orderIds` still with their courier (assigned, picking, delivering) whose
 * customer was told an hour, whose delivery ETA is now at least `minShiftS` from it, and whose last change is older
 * than `quietS` (marked in the same statement, so one change is recorded once). Returns the orders recorded.
 */
export async function recordEtaChanges(tx: Stores, orderIds: readonly string[], rule: EtaNoticeRule): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const moved = await tx.q.query<{ id: string; market_id: string; courier_id: string | null; fleet_id: string | null; told_eta: Date | string; eta: Date | string }>(
    `UPDATE orders o SET eta_notice_at = now()
       FROM (SELECT x.id, ${deliveryEtaSql('x')} AS eta FROM orders x WHERE x.id = ANY($1::text[])) m
      WHERE o.id = m.id AND o.status IN ('assigned', 'picking', 'delivering') AND o.told_eta IS NOT NULL AND m.eta IS NOT NULL
        AND abs(extract(epoch FROM m.eta - o.told_eta)) >= $2
        AND (o.eta_notice_at IS NULL OR o.eta_notice_at <= now() - make_interval(secs => $3))
      RETURNING o.id, o.market_id, o.courier_id, (SELECT c.fleet_id FROM couriers c WHERE c.id = o.courier_id) AS fleet_id, o.told_eta, m.eta`,
    [[...new Set(orderIds)], rule.minShiftS, rule.quietS],
  );
  for (const r of moved.rows) {
    const eta = isoOf(r.eta)!;
    const toldEta = isoOf(r.told_eta)!;
    await tx.events.append({
      type: 'order.eta_changed', marketId: r.market_id, fleetId: r.fleet_id, courierId: r.courier_id, orderId: r.id,
      payload: { order_id: r.id, eta, told_eta: toldEta, shift_s: Math.round((Date.parse(eta) - Date.parse(toldEta)) / 1000) },
    });
  }
  return moved.rows.map((r) => r.id);
}

/**
 * The core's refreshed or re-planned ETAs of courier `courierId`'s stops, written on the store's stops, and the ETA
 * changes they make (null rule: none recorded). What `eta.updated` and `route.updated` do in the store.
 */
export async function applyStopEtas(tx: Stores, courierId: string, stops: readonly { stopId: string; etaMs: number }[], rule: EtaNoticeRule | null): Promise<string[]> {
  await writeStopEtas(tx.q, courierId, stops);
  return rule ? recordEtaChanges(tx, stops.map((s) => parseCoreStopId(s.stopId).orderId), rule) : [];
}
