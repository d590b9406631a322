// Markets: create, read and list; a market's service area is a polygon or a radius around its location.
import type { Queryable } from '../db/database.js';
import { newId } from '../ids.js';
import type { CreateMarket, Market, UpdateMarket } from '../schemas/markets.js';
import { isoOf, pointColumns, pointOf, pointParam } from './geo-sql.js';

export const MARKET_COLUMNS = `id, name, city, ${pointColumns('location')},
  CASE WHEN service_area IS NULL THEN NULL ELSE ST_AsGeoJSON(service_area::geometry)::jsonb END AS service_area,
  service_radius_m, opening_hours, bases, tariff_base_rp, tariff_per_km_rp, tariff_min_rp, tariff_max_rp, dispatch_objective, timezone, version, created_at`;

export const DEFAULT_TARIFF_RP = { base_rp: 5_000, per_km_rp: 2_000, min_rp: 8_000, max_rp: 15_000 } as const;

export function marketOfRow(r: Record<string, unknown>): Market {
  const area = r.service_area as Market['service_area'] | string | null;
  return {
    id: r.id as string,
    name: r.name as string,
    city: r.city as string,
    location: pointOf(r, 'location')!,
    service_area: typeof area === 'string' ? (JSON.parse(area) as Market['service_area']) : area,
    service_radius_m: (r.service_radius_m as number | null) ?? null,
    opening_hours: r.opening_hours as Market['opening_hours'],
    bases: r.bases as Market['bases'],
    tariff: { base_rp: r.tariff_base_rp as number, per_km_rp: r.tariff_per_km_rp as number, min_rp: r.tariff_min_rp as number, max_rp: r.tariff_max_rp as number },
    dispatch_objective: (r.dispatch_objective as Market['dispatch_objective'] | null) ?? {},
    timezone: r.timezone as string,
    version: r.version as number,
    created_at: isoOf(r.created_at)!,
  };
}

export interface ListMarketsFilter {
  readonly afterId?: string;
  readonly limit: number;
  readonly city?: string;
  /** Only these markets (a dispatcher's scope); undefined = all. */
  readonly ids?: readonly string[];
}

export class MarketsStore {
  constructor(private readonly q: Queryable) {}

  async create(input: CreateMarket): Promise<Market> {
    const tariff = { ...DEFAULT_TARIFF_RP, ...input.tariff };
    const result = await this.q.query(
      `INSERT INTO markets (id, name, city, location, service_area, service_radius_m, opening_hours, bases,
         tariff_base_rp, tariff_per_km_rp, tariff_min_rp, tariff_max_rp, timezone, dispatch_objective)
       VALUES ($1, $2, $3, ${pointParam(4, 5)},
         CASE WHEN $6::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($6::text), 4326)::geography END,
         $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb)
       RETURNING ${MARKET_COLUMNS}`,
      [
        newId('mkt'), input.name, input.city, input.location.lon, input.location.lat,
        input.service_area ? JSON.stringify(input.service_area) : null, input.service_radius_m ?? null,
        JSON.stringify(input.opening_hours ?? []), JSON.stringify(input.bases ?? []),
        tariff.base_rp, tariff.per_km_rp, tariff.min_rp, tariff.max_rp, input.timezone ?? 'Asia/Jakarta',
        JSON.stringify(input.dispatch_objective ?? {}),
      ],
    );
    return marketOfRow(result.rows[0]);
  }

  async get(id: string): Promise<Market | null> {
    const result = await this.q.query(`SELECT ${MARKET_COLUMNS} FROM markets WHERE id = $1`, [id]);
    return result.rows.length > 0 ? marketOfRow(result.rows[0]) : null;
  }

  /** Markets ordered by id (creation time), `limit + 1` rows for the pager. */
  async list(filter: ListMarketsFilter): Promise<Market[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.afterId) where.push(`id > $${params.push(filter.afterId)}`);
    if (filter.city) where.push(`lower(city) = lower($${params.push(filter.city)})`);
    if (filter.ids) where.push(`id = ANY($${params.push(filter.ids)}::text[])`);
    const sql = `SELECT ${MARKET_COLUMNS} FROM markets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${params.push(filter.limit + 1)}`;
    const result = await this.q.query(sql, params);
    return result.rows.map(marketOfRow);
  }

  /**
   * Applies a partial update and bumps the version; with `expectedVersion`, only if the market is still at it.
   * Returns null when nothing matched (no such market, or a newer version: the caller tells which).
   */
  async update(id: string, patch: UpdateMarket, expectedVersion?: number): Promise<Market | null> {
    const sets: string[] = [];
    const params: unknown[] = [id, expectedVersion ?? null];
    const set = (column: string, value: unknown, cast = '') => sets.push(`${column} = $${params.push(value)}${cast}`);
    if (patch.name !== undefined) set('name', patch.name);
    if (patch.city !== undefined) set('city', patch.city);
    if (patch.service_area !== undefined) {
      const p = params.push(patch.service_area === null ? null : JSON.stringify(patch.service_area));
      sets.push(`service_area = CASE WHEN $${p}::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($${p}::text), 4326)::geography END`);
    }
    if (patch.service_radius_m !== undefined) set('service_radius_m', patch.service_radius_m);
    if (patch.opening_hours !== undefined) set('opening_hours', JSON.stringify(patch.opening_hours), '::jsonb');
    if (patch.bases !== undefined) set('bases', JSON.stringify(patch.bases), '::jsonb');
    const tariff = patch.tariff ?? {};
    if (tariff.base_rp !== undefined) set('tariff_base_rp', tariff.base_rp);
    if (tariff.per_km_rp !== undefined) set('tariff_per_km_rp', tariff.per_km_rp);
    if (tariff.min_rp !== undefined) set('tariff_min_rp', tariff.min_rp);
    if (tariff.max_rp !== undefined) set('tariff_max_rp', tariff.max_rp);
    if (patch.dispatch_objective !== undefined) set('dispatch_objective', JSON.stringify(patch.dispatch_objective), '::jsonb');
    const result = await this.q.query(
      `UPDATE markets SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 AND ($2::int IS NULL OR version = $2::int) RETURNING ${MARKET_COLUMNS}`,
      params,
    );
    return result.rows[0] ? marketOfRow(result.rows[0]) : null;
  }

  /** True when `point` lies in the market's service area (polygon, else radius; no area = anywhere). */
  async serves(marketId: string, lon: number, lat: number): Promise<boolean> {
    const result = await this.q.query<{ inside: boolean }>(
      `SELECT CASE
         WHEN service_area IS NOT NULL THEN ST_Covers(service_area, ${pointParam(2, 3)})
         WHEN service_radius_m IS NOT NULL THEN ST_DWithin(location, ${pointParam(2, 3)}, service_radius_m)
         ELSE true END AS inside
       FROM markets WHERE id = $1`,
      [marketId, lon, lat],
    );
    return result.rows[0]?.inside === true;
  }
}
