// Keeps the store's stop ETAs live: the core's refreshed or re-planned arrival times of a courier's stops are written
// on the stops of the orders it holds, so an order read later (and the customer's WhatsApp update) tells the hour it
// is now expected, not the one planned when it was offered.
import type { Queryable } from '../db/database.js';
import { parseCoreStopId } from './dispatch-loaders.js';

/** Writes `stops`' ETAs on courier `courierId`'s pending stops of those orders; returns the stops written. */
export async function writeStopEtas(q: Queryable, courierId: string, stops: readonly { stopId: string; etaMs: number }[]): Promise<number> {
  if (stops.length === 0) return 0;
  const parsed = stops.map((s) => ({ ...parseCoreStopId(s.stopId), eta: new Date(s.etaMs).toISOString() }));
  const result = await q.query(
    `UPDATE stops s SET eta = v.eta
       FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS v(order_id, stall_id, eta), orders o
      WHERE o.id = v.order_id AND o.courier_id = $1 AND s.route_id = o.route_id AND s.order_id = v.order_id
        AND s.status IN ('pending', 'arrived')
        AND ((v.stall_id IS NULL AND s.kind = 'delivery') OR (s.kind = 'pickup' AND s.stall_id = v.stall_id))`,
    [courierId, parsed.map((p) => p.orderId), parsed.map((p) => p.stallId), parsed.map((p) => p.eta)],
  );
  return result.rowCount ?? 0;
}
