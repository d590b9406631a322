// Closing a route: when none of its work stops is open any more, the route completes and its courier is idle again.

import { courierMachine } from '../domain/courier-machine.js';
import type { Stores } from '../store/stores.js';
import { applyTransition, type CourierRow, COURIER_COLUMNS, lockRows, occurredAtPayload } from './common.js';

/** Stop kinds that are work (start and end points are not). */
export const WORK_STOP_KINDS = ['pickup', 'return', 'delivery'] as const;

/**
 * Completes `routeId` when every work stop is done, failed or cancelled; its courier (locked by the caller
 * beforehand, in lock order) goes on_route → idle. Returns true when the route completed now. `at` is when the
 * last stop was closed (the courier's tap); the start / end points are recorded done at that time.
 */
export async function completeRouteIfDone(tx: Stores, routeId: string, at?: Date): Promise<boolean> {
  const open = await tx.q.query(`SELECT 1 FROM stops WHERE route_id = $1 AND kind = ANY($2::text[]) AND status IN ('pending', 'arrived') LIMIT 1`, [routeId, WORK_STOP_KINDS]);
  if (open.rows.length > 0) return false;
  const route = await tx.q.query<{ courier_id: string | null; market_id: string }>(
    `UPDATE routes SET status = 'completed', version = version + 1, updated_at = now() WHERE id = $1 AND status = 'active' RETURNING courier_id, market_id`,
    [routeId],
  );
  const row = route.rows[0];
  if (row === undefined) return false;
  await tx.q.query(`UPDATE stops SET status = 'done', completed_at = coalesce($2::timestamptz, now()), version = version + 1 WHERE route_id = $1 AND kind IN ('start', 'end') AND status IN ('pending', 'arrived')`, [routeId, at ?? null]);
  await tx.events.append({ type: 'route.completed', marketId: row.market_id, courierId: row.courier_id, payload: { route_id: routeId, ...occurredAtPayload(at) } });
  if (row.courier_id === null) return true;
  const courier = (await lockRows<CourierRow>(tx.q, 'couriers', [row.courier_id], COURIER_COLUMNS)).get(row.courier_id);
  if (courier?.status === 'on_route') {
    await applyTransition(tx, { machine: courierMachine, table: 'couriers', row: courier, event: 'route_done', subject: { marketId: row.market_id, fleetId: courier.fleet_id, courierId: courier.id }, payload: { route_id: routeId, market_id: row.market_id }, occurredAt: at });
  }
  return true;
}
