// Shared pieces of the transition stores: row locks in one global order, machine steps that fail as 409, version checks.
//
// Lock order (every transition takes its locks in this order, each group sorted by id, so concurrent transitions
// cannot deadlock): market advisory locks (offer-changing transitions only) → orders → offers → couriers → routes →
// stops → order items.

import type { Queryable } from '../db/database.js';
import type { Stores } from '../store/stores.js';
import { IllegalTransition, transition, type MachineTable } from '../domain/state-machine.js';
import { ApiError } from '../errors.js';

/** The 409 for an illegal transition: the problem body carries the entity, its current state and version. */
export function illegalTransition(error: IllegalTransition, entityId: string, version?: number): ApiError {
  return new ApiError('illegal_transition', error.message, undefined, {
    entity: error.machine,
    entity_id: entityId,
    current_state: error.state,
    ...(version === undefined ? {} : { current_version: version }),
    event: error.event,
    allowed_events: error.allowed,
  });
}

/** One machine step for a row, or the 409 carrying the row's current state. */
export function step<S extends string, E extends string>(
  machine: MachineTable<S, E>,
  row: { id: string; status: string; version?: number },
  event: E,
): S {
  const next = transition(machine, row.status as S, event);
  if (next instanceof IllegalTransition) throw illegalTransition(next, row.id, row.version === undefined ? undefined : Number(row.version));
  return next;
}

/** 409 `version_conflict` when the caller named a version (If-Match) and the row has moved on. */
export function checkVersion(entity: string, row: { id: string; status: string; version: number }, expected: number | undefined): void {
  if (expected === undefined || Number(row.version) === expected) return;
  throw new ApiError('version_conflict', `${entity} ${row.id} is at version ${row.version}, not ${expected}`, undefined, {
    entity,
    entity_id: row.id,
    current_state: row.status,
    current_version: Number(row.version),
  });
}

/** Locks rows of `table` by id (sorted, so lock order is global) and returns them keyed by id. */
export async function lockRows<T extends { id: string }>(q: Queryable, table: 'orders' | 'offers' | 'couriers' | 'routes' | 'stops', ids: readonly string[], columns: string): Promise<Map<string, T>> {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return new Map();
  const result = await q.query<T>(`SELECT ${columns} FROM ${table} WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [unique]);
  return new Map(result.rows.map((row) => [row.id, row]));
}

/** Rows as the transitions read them. */
export interface OrderRow {
  id: string;
  status: string;
  version: number;
  market_id: string;
  courier_id: string | null;
  route_id: string | null;
}
export const ORDER_COLUMNS = 'id, status, version, market_id, courier_id, route_id';

export interface CourierRow {
  id: string;
  status: string;
  version: number;
  fleet_id: string;
}
export const COURIER_COLUMNS = 'id, status, version, fleet_id';

export interface OfferRow {
  id: string;
  status: string;
  version: number;
  route_id: string;
  courier_id: string;
  market_id: string;
  expires_at: Date;
}
export const OFFER_COLUMNS = 'id, status, version, route_id, courier_id, market_id, expires_at';

/** Writes a new state and bumps the version of one row. */
export async function setStatus(q: Queryable, table: 'orders' | 'offers' | 'couriers' | 'routes' | 'stops', id: string, status: string, extraSet = '', extraParams: unknown[] = []): Promise<void> {
  const set = extraSet ? `, ${extraSet}` : '';
  const touch = table === 'offers' || table === 'stops' ? '' : ', updated_at = now()';
  await q.query(`UPDATE ${table} SET status = $2, version = version + 1${touch}${set} WHERE id = $1`, [id, status, ...extraParams]);
}

/**
 * Serialises the transitions that change offers in one market (create, accept, decline, expire, withdraw, cancel).
 * Taken first, before any row lock; several markets are locked in sorted order.
 */
export async function lockMarkets(q: Queryable, marketIds: readonly string[]): Promise<void> {
  for (const marketId of [...new Set(marketIds)].sort()) {
    await q.query('SELECT pg_advisory_xact_lock(7261002, hashtext($1))', [marketId]);
  }
}

/** Order ids on a route's stops, sorted. */
export async function routeOrderIds(q: Queryable, routeIds: readonly string[]): Promise<string[]> {
  if (routeIds.length === 0) return [];
  const result = await q.query<{ order_id: string }>(
    'SELECT DISTINCT order_id FROM stops WHERE route_id = ANY($1::text[]) AND order_id IS NOT NULL ORDER BY order_id',
    [[...new Set(routeIds)]],
  );
  return result.rows.map((r) => r.order_id);
}

/** Pending offers whose route holds one of `orderIds` or which go to one of `courierIds`. */
export async function pendingOffersTouching(q: Queryable, orderIds: readonly string[], courierIds: readonly string[]): Promise<OfferRow[]> {
  const result = await q.query<OfferRow>(
    `SELECT ${OFFER_COLUMNS} FROM offers o
      WHERE o.status = 'pending'
        AND (o.courier_id = ANY($2::text[]) OR EXISTS (SELECT 1 FROM stops s WHERE s.route_id = o.route_id AND s.order_id = ANY($1::text[])))
      ORDER BY o.id`,
    [orderIds, courierIds],
  );
  return result.rows;
}

/** The payload member recording when a transition happened, when known. */
export function occurredAtPayload(at: Date | undefined): { occurred_at?: string } {
  return at === undefined ? {} : { occurred_at: at.toISOString() };
}

/** One state change of one row and its event, `<entity>.<new state>`, written in the caller's transaction. */
export interface ApplySpec<S extends string, E extends string> {
  readonly machine: MachineTable<S, E>;
  readonly table: 'orders' | 'offers' | 'couriers' | 'routes' | 'stops';
  readonly row: { id: string; status: string; version: number };
  readonly event: E;
  /** Extra `SET` items using parameters from $3 on, and their values. */
  readonly set?: string;
  readonly params?: unknown[];
  /** Subject ids of the event (the fleet decides webhook delivery). */
  readonly subject: { marketId?: string | null; fleetId?: string | null; courierId?: string | null; orderId?: string | null };
  readonly payload?: Record<string, unknown>;
  /** When it happened (the courier's tap, X-Occurred-At); written to the payload as `occurred_at`. */
  readonly occurredAt?: Date;
}

/** Steps the machine (409 when illegal), writes the row and appends the event; returns the new state. */
export async function applyTransition<S extends string, E extends string>(tx: Stores, spec: ApplySpec<S, E>): Promise<S> {
  const from = spec.row.status;
  const next = step(spec.machine, spec.row, spec.event);
  await setStatus(tx.q, spec.table, spec.row.id, next, spec.set, spec.params);
  spec.row.status = next;
  spec.row.version = Number(spec.row.version) + 1;
  await tx.events.append({
    type: `${spec.machine.name}.${next}`,
    ...spec.subject,
    payload: { [`${spec.machine.name}_id`]: spec.row.id, from, to: next, event: spec.event, version: spec.row.version, ...spec.payload, ...occurredAtPayload(spec.occurredAt) },
  });
  return next;
}
