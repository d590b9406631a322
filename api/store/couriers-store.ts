// Couriers: create, read, list (scoped by fleet or by the markets their fleet serves), and position retention.
import type { Queryable } from '../db/database.js';
import { newId } from '../ids.js';
import type { Courier, CreateCourier } from '../schemas/couriers.js';
import { isoOf, pointColumns, pointOf } from './geo-sql.js';

export const COURIER_SELECT = `c.id, c.fleet_id, c.name, c.phone, c.vehicle, c.capacity_kg, c.cash_float_rp, c.skills,
  to_char(c.shift_start, 'HH24:MI') AS shift_start, to_char(c.shift_end, 'HH24:MI') AS shift_end, c.home_market_id, c.status,
  ${pointColumns('c.last_position', 'position')}, c.last_position_at, c.version, c.created_at, f.market_ids AS fleet_market_ids`;

const FROM = 'couriers c JOIN fleets f ON f.id = c.fleet_id';

/** A courier plus the markets it works in (its fleet's markets and its home market): the dispatcher scope. */
export interface CourierWithScope {
  readonly courier: Courier;
  readonly marketIds: string[];
}

export function courierOfRow(r: Record<string, unknown>): CourierWithScope {
  const position = pointOf(r, 'position');
  const courier: Courier = {
    id: r.id as string,
    fleet_id: r.fleet_id as string,
    name: r.name as string,
    phone: (r.phone as string | null) ?? null,
    vehicle: r.vehicle as Courier['vehicle'],
    capacity_kg: Number(r.capacity_kg),
    cash_float_rp: r.cash_float_rp as number,
    skills: r.skills as string[],
    shift: r.shift_start && r.shift_end ? { start: r.shift_start as string, end: r.shift_end as string } : null,
    home_market_id: (r.home_market_id as string | null) ?? null,
    status: r.status as string,
    last_position: position ? { ...position, at: isoOf(r.last_position_at)! } : null,
    version: r.version as number,
    created_at: isoOf(r.created_at)!,
  };
  const marketIds = [...((r.fleet_market_ids as string[] | null) ?? [])];
  if (courier.home_market_id && !marketIds.includes(courier.home_market_id)) marketIds.push(courier.home_market_id);
  return { courier, marketIds };
}

export interface ListCouriersFilter {
  readonly afterId?: string;
  readonly limit: number;
  readonly fleetId?: string;
  /** Couriers working in any of these markets (fleet markets or home market). */
  readonly marketIds?: readonly string[];
  readonly statuses?: readonly string[];
}

export class CouriersStore {
  constructor(private readonly q: Queryable) {}

  async create(fleetId: string, input: CreateCourier): Promise<CourierWithScope> {
    const id = newId('cou');
    await this.q.query(
      `INSERT INTO couriers (id, fleet_id, name, phone, vehicle, capacity_kg, cash_float_rp, skills, shift_start, shift_end, home_market_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9::time, $10::time, $11)`,
      [id, fleetId, input.name, input.phone ?? null, input.vehicle ?? 'motorbike', input.capacity_kg ?? 20, input.cash_float_rp ?? 0,
        input.skills ?? [], input.shift?.start ?? null, input.shift?.end ?? null, input.home_market_id ?? null],
    );
    return (await this.get(id))!;
  }

  async get(id: string): Promise<CourierWithScope | null> {
    const result = await this.q.query(`SELECT ${COURIER_SELECT} FROM ${FROM} WHERE c.id = $1`, [id]);
    return result.rows[0] ? courierOfRow(result.rows[0]) : null;
  }

  async list(filter: ListCouriersFilter): Promise<CourierWithScope[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.afterId) where.push(`c.id > $${params.push(filter.afterId)}`);
    if (filter.fleetId) where.push(`c.fleet_id = $${params.push(filter.fleetId)}`);
    if (filter.marketIds) {
      const p = params.push(filter.marketIds);
      where.push(`(f.market_ids && $${p}::text[] OR c.home_market_id = ANY($${p}::text[]))`);
    }
    if (filter.statuses && filter.statuses.length > 0) where.push(`c.status = ANY($${params.push(filter.statuses)}::text[])`);
    const sql = `SELECT ${COURIER_SELECT} FROM ${FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id LIMIT $${params.push(filter.limit + 1)}`;
    return (await this.q.query(sql, params)).rows.map(courierOfRow);
  }

  /** Deletes position samples older than `keepS` seconds and, per courier, all but the newest `keepPerCourier`. */
  async prunePositions(keepS: number, keepPerCourier = 10_000): Promise<number> {
    const old = await this.q.query('DELETE FROM courier_positions WHERE recorded_at < now() - make_interval(secs => $1)', [keepS]);
    const excess = await this.q.query(
      `DELETE FROM courier_positions p USING (
         SELECT courier_id, recorded_at, row_number() OVER (PARTITION BY courier_id ORDER BY recorded_at DESC) AS n FROM courier_positions
       ) ranked
       WHERE ranked.n > $1 AND p.courier_id = ranked.courier_id AND p.recorded_at = ranked.recorded_at`,
      [keepPerCourier],
    );
    return old.rowCount + excess.rowCount;
  }
}
