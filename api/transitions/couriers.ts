// Courier availability (online, offline, pause, resume) and batched position upload with bounded retention.

import { courierMachine, type CourierEvent } from '../domain/courier-machine.js';
import { ApiError, notFound } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import type { Stores } from '../store/stores.js';
import { assertActsForCourier } from './actor.js';
import { applyTransition, checkVersion, type CourierRow, COURIER_COLUMNS, lockRows } from './common.js';
import { currentMarketOf } from './courier-market.js';
import { closePendingOffers } from './offers.js';

/** Positions older than this are deleted on upload and refused when sent. */
export const POSITION_RETENTION_S = 7 * 24 * 3600;
/** Device clocks drift: a fix may lie this far in the future. */
export const POSITION_FUTURE_SLACK_S = 300;

async function readCourier(tx: Stores, p: Principal, courierId: string): Promise<CourierRow> {
  const found = await tx.q.query<CourierRow>(`SELECT ${COURIER_COLUMNS} FROM couriers WHERE id = $1`, [courierId]);
  const courier = found.rows[0];
  if (courier === undefined) throw notFound('courier', courierId);
  assertActsForCourier(p, courier.id, courier.fleet_id, 'courier', courierId);
  return courier;
}

/**
 * online / offline / pause / resume. Going offline while offered withdraws the pending offer first. The event names
 * the courier's current market (subject and `market_id`) so that market's dispatchers hear it.
 */
export async function changeAvailability(tx: Stores, p: Principal, courierId: string, event: Extract<CourierEvent, 'online' | 'offline' | 'pause' | 'resume'>, opts: { expectedVersion?: number; now: Date; occurredAt?: Date }): Promise<CourierRow> {
  const first = await readCourier(tx, p, courierId);
  checkVersion('courier', first, opts.expectedVersion);
  if (event === 'offline' && first.status === 'offered') {
    const pending = await tx.q.query<{ id: string }>(`SELECT id FROM offers WHERE courier_id = $1 AND status = 'pending'`, [courierId]);
    await closePendingOffers(tx, pending.rows.map((r) => r.id), 'withdraw', 'courier_offline', opts.now);
  }
  const courier = (await lockRows<CourierRow>(tx.q, 'couriers', [courierId], COURIER_COLUMNS)).get(courierId) as CourierRow;
  const marketId = await currentMarketOf(tx.q, courierId);
  await applyTransition(tx, { machine: courierMachine, table: 'couriers', row: courier, event, subject: { marketId, fleetId: courier.fleet_id, courierId }, payload: { market_id: marketId }, occurredAt: opts.occurredAt ?? opts.now });
  return courier;
}

/** One GPS fix as the API receives it. */
export interface PositionFix {
  readonly lon: number;
  readonly lat: number;
  readonly recorded_at: string;
  readonly speed_mps?: number;
  readonly heading_deg?: number;
  readonly accuracy_m?: number;
}

/** Stores a batch of fixes (duplicates by timestamp ignored), moves the last position forward, prunes old fixes. */
export async function recordPositions(tx: Stores, p: Principal, courierId: string, fixes: readonly PositionFix[], now: Date): Promise<{ accepted: number; lastRecordedAt: string | null }> {
  const courier = await readCourier(tx, p, courierId);
  const times = fixes.map((f) => new Date(f.recorded_at));
  const errors = times.flatMap((t, i) => {
    if (Number.isNaN(t.getTime())) return [{ path: `/body/positions/${i}/recorded_at`, message: 'is not a timestamp' }];
    if (t.getTime() > now.getTime() + POSITION_FUTURE_SLACK_S * 1000) return [{ path: `/body/positions/${i}/recorded_at`, message: 'lies in the future' }];
    if (t.getTime() < now.getTime() - POSITION_RETENTION_S * 1000) return [{ path: `/body/positions/${i}/recorded_at`, message: 'is older than the retention period' }];
    return [];
  });
  if (errors.length > 0) throw new ApiError('unprocessable', 'some positions cannot be stored', errors);
  const inserted = await tx.q.query(
    `INSERT INTO courier_positions (courier_id, recorded_at, location, speed_mps, heading_deg, accuracy_m)
     SELECT $1, t, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, s, h, a
       FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[]) AS u(t, lon, lat, s, h, a)
     ON CONFLICT (courier_id, recorded_at) DO NOTHING`,
    [courierId, times, fixes.map((f) => f.lon), fixes.map((f) => f.lat), fixes.map((f) => f.speed_mps ?? null), fixes.map((f) => f.heading_deg ?? null), fixes.map((f) => f.accuracy_m ?? null)],
  );
  let latest = 0;
  for (let i = 1; i < fixes.length; i++) if (times[i].getTime() > times[latest].getTime()) latest = i;
  const last = fixes[latest];
  const moved = await tx.q.query(
    `UPDATE couriers SET last_position = ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326)::geography, last_position_at = $4, updated_at = now()
      WHERE id = $1 AND (last_position_at IS NULL OR last_position_at < $4)`,
    [courierId, last.lon, last.lat, times[latest]],
  );
  if (moved.rowCount > 0) {
    await tx.events.append({
      type: 'courier.moved', fleetId: courier.fleet_id, courierId,
      payload: { courier_id: courierId, lon: last.lon, lat: last.lat, recorded_at: times[latest].toISOString(), speed_mps: last.speed_mps ?? null, heading_deg: last.heading_deg ?? null },
    });
  }
  await tx.q.query('DELETE FROM courier_positions WHERE courier_id = $1 AND recorded_at < $2', [courierId, new Date(now.getTime() - POSITION_RETENTION_S * 1000)]);
  return { accepted: inserted.rowCount, lastRecordedAt: moved.rowCount > 0 ? times[latest].toISOString() : null };
}
