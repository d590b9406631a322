// Extensions of an active route: an offer to a courier on a route extends it; accepted, the offered stops merge into
// the one active route in the offered sequence and the route's version moves on (the stop sequence is versioned).

import { ApiError } from '../errors.js';
import type { Stores } from '../store/stores.js';

/** One stop of the courier's whole proposed route, as the dispatch core sequenced it. */
export interface SequencedStop {
  readonly orderId: string;
  readonly kind: 'pickup' | 'delivery';
  /** The stall of a pickup; null for a delivery. */
  readonly stallId: string | null;
}

/** The active route an extension to `courierId` would extend, locked; 409 when the courier has none or an open offer. */
export async function routeToExtend(tx: Stores, courierId: string): Promise<string> {
  const active = await tx.q.query<{ id: string }>(`SELECT id FROM routes WHERE courier_id = $1 AND status = 'active' ORDER BY created_at DESC LIMIT 1 FOR UPDATE`, [courierId]);
  const routeId = active.rows[0]?.id;
  if (routeId === undefined) throw new ApiError('version_conflict', `courier ${courierId} is on no active route to extend`);
  const open = await tx.q.query(`SELECT 1 FROM offers WHERE courier_id = $1 AND status = 'pending' LIMIT 1`, [courierId]);
  if (open.rows.length > 0) throw new ApiError('version_conflict', `courier ${courierId} already has an open offer`);
  return routeId;
}

/** The route an offer extends, or null for a plain offer. */
export async function extensionOf(tx: Stores, offerId: string): Promise<{ routeId: string; sequence: SequencedStop[] } | null> {
  const found = await tx.q.query<{ extends_route_id: string | null; stop_sequence: SequencedStop[] | string | null }>(
    'SELECT extends_route_id, stop_sequence FROM offers WHERE id = $1', [offerId],
  );
  const row = found.rows[0];
  if (!row?.extends_route_id) return null;
  const sequence = typeof row.stop_sequence === 'string' ? JSON.parse(row.stop_sequence) as SequencedStop[] : row.stop_sequence ?? [];
  return { routeId: row.extends_route_id, sequence };
}

/**
 * Moves the offered route's stops into `activeRouteId` (still the courier's active route, else 409), orders the
 * stops still to do in the offered sequence after the ones done or under way, closes the offered route as merged
 * and bumps the active route's version. Returns the new version.
 */
export async function mergeExtension(tx: Stores, offeredRouteId: string, activeRouteId: string, courierId: string, sequence: readonly SequencedStop[]): Promise<number> {
  const locked = await tx.q.query<{ id: string }>(`SELECT id FROM routes WHERE id = $1 AND courier_id = $2 AND status = 'active' FOR UPDATE`, [activeRouteId, courierId]);
  if (locked.rows.length === 0) throw new ApiError('version_conflict', `route ${activeRouteId} is no longer the courier's active route`);
  await tx.q.query(`UPDATE stops SET route_id = $2, position = position + 1000000, version = version + 1 WHERE route_id = $1`, [offeredRouteId, activeRouteId]);
  const stops = await tx.q.query<{ id: string; position: number; kind: string; status: string; order_id: string | null; stall_id: string | null }>(
    'SELECT id, position, kind, status, order_id, stall_id FROM stops WHERE route_id = $1 ORDER BY position', [activeRouteId],
  );
  const rank = new Map(sequence.map((s, i) => [`${s.orderId}|${s.kind}|${s.stallId ?? ''}`, i]));
  const fixed = stops.rows.filter((s) => s.status !== 'pending' || s.kind === 'start');
  const ends = stops.rows.filter((s) => s.status === 'pending' && s.kind === 'end');
  const movable = stops.rows.filter((s) => s.status === 'pending' && s.kind !== 'start' && s.kind !== 'end')
    .map((s, i) => ({ s, at: rank.get(`${s.order_id}|${s.kind}|${s.stall_id ?? ''}`) ?? sequence.length + i }))
    .sort((a, b) => a.at - b.at)
    .map((x) => x.s);
  let next = Math.max(-1, ...fixed.map((s) => s.position)) + 1;
  const placed = [...movable, ...ends].map((s) => ({ id: s.id, position: next++ }));
  // Two steps keep (route_id, position) unique throughout.
  for (const [i, p] of placed.entries()) await tx.q.query('UPDATE stops SET position = $2 WHERE id = $1', [p.id, -1 - i]);
  for (const p of placed) await tx.q.query('UPDATE stops SET position = $2 WHERE id = $1', [p.id, p.position]);
  await tx.q.query(`UPDATE routes SET status = 'merged', updated_at = now() WHERE id = $1`, [offeredRouteId]);
  const bumped = await tx.q.query<{ version: number }>('UPDATE routes SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version', [activeRouteId]);
  return bumped.rows[0].version;
}
