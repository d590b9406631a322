// Loading a stop for a transition: scope check on the route's courier, then row locks in the global order.

import { ApiError, notFound } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import type { Stores } from '../store/stores.js';
import { assertActsForCourier } from './actor.js';
import { checkVersion, type CourierRow, COURIER_COLUMNS, lockRows, type OrderRow, ORDER_COLUMNS } from './common.js';

export interface StopRow {
  id: string;
  status: string;
  version: number;
  route_id: string;
  kind: string;
  order_id: string | null;
  stall_id: string | null;
}
const STOP_COLUMNS = 'id, status, version, route_id, kind, order_id, stall_id';

/** A stop with its order, courier and route, all locked. */
export interface LockedStop {
  readonly stop: StopRow;
  readonly order: OrderRow;
  readonly courier: CourierRow;
  readonly marketId: string;
}

/** Reads the stop, checks that `p` acts for the route's courier, then locks order → courier → route → stop. */
export async function lockStop(tx: Stores, p: Principal, stopId: string, expectedVersion: number | undefined): Promise<LockedStop> {
  const found = await tx.q.query<StopRow & { courier_id: string | null; fleet_id: string | null; route_status: string; market_id: string }>(
    `SELECT s.id, s.status, s.version, s.route_id, s.kind, s.order_id, s.stall_id, r.courier_id, r.status AS route_status, r.market_id, c.fleet_id
       FROM stops s JOIN routes r ON r.id = s.route_id LEFT JOIN couriers c ON c.id = r.courier_id WHERE s.id = $1`,
    [stopId],
  );
  const first = found.rows[0];
  if (first === undefined || first.courier_id === null || first.fleet_id === null) {
    if (first !== undefined && p.role === 'admin') throw new ApiError('illegal_transition', `stop ${stopId} is on a route nobody accepted`, undefined, { entity: 'route', entity_id: first.route_id, current_state: first.route_status });
    throw notFound('stop', stopId);
  }
  assertActsForCourier(p, first.courier_id, first.fleet_id, 'stop', stopId);
  if (first.order_id === null) throw new ApiError('unprocessable', `stop ${stopId} is a ${first.kind} point, not a work stop`);
  const order = (await lockRows<OrderRow>(tx.q, 'orders', [first.order_id], ORDER_COLUMNS)).get(first.order_id) as OrderRow;
  const courier = (await lockRows<CourierRow>(tx.q, 'couriers', [first.courier_id], COURIER_COLUMNS)).get(first.courier_id) as CourierRow;
  const route = (await lockRows<{ id: string; status: string; courier_id: string | null }>(tx.q, 'routes', [first.route_id], 'id, status, courier_id')).get(first.route_id);
  const stop = (await lockRows<StopRow>(tx.q, 'stops', [stopId], STOP_COLUMNS)).get(stopId) as StopRow;
  if (route?.status !== 'active' || route.courier_id !== courier.id) {
    throw new ApiError('illegal_transition', `route ${first.route_id} is ${route?.status ?? 'gone'}`, undefined, { entity: 'route', entity_id: first.route_id, current_state: route?.status ?? null });
  }
  checkVersion('stop', stop, expectedVersion);
  return { stop, order, courier, marketId: first.market_id };
}
