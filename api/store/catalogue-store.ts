// Stall catalogues: upsert a batch of items (form or CSV) in one statement with a price-history row per change,
// patch one item with optimistic concurrency, list a stall's or a market's items, read an item's price history.
import type { Queryable } from '../db/database.js';
import { newId } from '../ids.js';
import type { CatalogueItem, CatalogueItemInput, CataloguePatch } from '../schemas/catalogue.js';
import { isoOf } from './geo-sql.js';

/** One row of a batch: the item and the stall it belongs to. */
export interface CatalogueRow extends CatalogueItemInput {
  readonly stall_id: string;
}

export type CatalogueSource = 'form' | 'csv';

const COLUMNS = `c.id, c.market_id, c.stall_id, s.stall_code, c.name, c.unit, c.price_rp, c.weight_kg, c.available, c.version, c.updated_at`;

export function catalogueItemOfRow(r: Record<string, unknown>): CatalogueItem {
  return {
    id: r.id as string, market_id: r.market_id as string, stall_id: r.stall_id as string, stall_code: r.stall_code as string,
    name: r.name as string, unit: r.unit as string, price_rp: Number(r.price_rp), weight_kg: Number(r.weight_kg),
    available: r.available as boolean, version: Number(r.version), updated_at: isoOf(r.updated_at)!,
  };
}

/** Canonical unit spelling: lower case, single spaces. */
export function unitKey(unit: string): string {
  return unit.trim().toLowerCase().replace(/\s+/g, ' ');
}

export class CatalogueStore {
  constructor(private readonly q: Queryable) {}

  /**
   * Creates or updates every row (matched by stall, name and unit) in one statement; a changed price, weight or
   * availability bumps the version and writes a price-history row. Rows must be distinct by stall, name and unit.
   */
  async upsert(marketId: string, rows: readonly CatalogueRow[], source: CatalogueSource, recordedBy: string | null): Promise<{ created: number; updated: number; ids: string[] }> {
    const result = await this.q.query<{ id: string; inserted: boolean }>(
      `WITH input AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::float8[], $8::bool[])
           AS u (id, stall_id, name, unit, price_rp, weight_kg, available)),
       up AS (
         INSERT INTO catalogue_items AS c (id, market_id, stall_id, name, unit, price_rp, weight_kg, available)
         SELECT id, $1, stall_id, name, unit, price_rp, weight_kg, available FROM input
         ON CONFLICT (stall_id, name, unit) DO UPDATE
           SET price_rp = EXCLUDED.price_rp, weight_kg = EXCLUDED.weight_kg, available = EXCLUDED.available,
               version = c.version + 1, updated_at = now()
           WHERE (c.price_rp, c.weight_kg, c.available) IS DISTINCT FROM (EXCLUDED.price_rp, EXCLUDED.weight_kg, EXCLUDED.available)
         RETURNING c.id, c.price_rp, c.available, (c.version = 1) AS inserted),
       history AS (
         INSERT INTO catalogue_prices (item_id, price_rp, available, source, recorded_by)
         SELECT id, price_rp, available, $9, $10 FROM up)
       SELECT id, inserted FROM up`,
      [marketId, rows.map(() => newId('cat')), rows.map((r) => r.stall_id), rows.map((r) => r.name.trim()), rows.map((r) => unitKey(r.unit)),
        rows.map((r) => r.price_rp), rows.map((r) => r.weight_kg), rows.map((r) => r.available ?? true), source, recordedBy],
    );
    const created = result.rows.filter((r) => r.inserted).length;
    return { created, updated: result.rows.length - created, ids: result.rows.map((r) => r.id) };
  }

  async get(id: string): Promise<CatalogueItem | null> {
    const result = await this.q.query(`SELECT ${COLUMNS} FROM catalogue_items c JOIN stalls s ON s.id = c.stall_id WHERE c.id = $1`, [id]);
    return result.rows[0] ? catalogueItemOfRow(result.rows[0]) : null;
  }

  /** A stall's items, or a market's (by stall code, then name). */
  async list(filter: { marketId?: string; stallId?: string; available?: boolean }): Promise<CatalogueItem[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.marketId) where.push(`c.market_id = $${params.push(filter.marketId)}`);
    if (filter.stallId) where.push(`c.stall_id = $${params.push(filter.stallId)}`);
    if (filter.available !== undefined) where.push(`c.available = $${params.push(filter.available)}`);
    const result = await this.q.query(
      `SELECT ${COLUMNS} FROM catalogue_items c JOIN stalls s ON s.id = c.stall_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY s.stall_code, c.created_at, c.name, c.id`,
      params,
    );
    return result.rows.map(catalogueItemOfRow);
  }

  /** Changes one item when its version is `expected` (any version when undefined); null when the version differs. */
  async patch(id: string, patch: CataloguePatch, expected: number | undefined, recordedBy: string | null): Promise<CatalogueItem | null> {
    const result = await this.q.query<{ id: string }>(
      `WITH up AS (
         UPDATE catalogue_items SET price_rp = coalesce($2, price_rp), weight_kg = coalesce($3, weight_kg), available = coalesce($4, available),
           version = version + 1, updated_at = now()
         WHERE id = $1 AND ($5::int IS NULL OR version = $5) RETURNING id, price_rp, available),
       history AS (INSERT INTO catalogue_prices (item_id, price_rp, available, source, recorded_by) SELECT id, price_rp, available, 'form', $6 FROM up)
       SELECT id FROM up`,
      [id, patch.price_rp ?? null, patch.weight_kg ?? null, patch.available ?? null, expected ?? null, recordedBy],
    );
    return result.rows[0] ? this.get(id) : null;
  }

  async priceHistory(id: string): Promise<{ price_rp: number; available: boolean; source: string; recorded_by: string | null; recorded_at: string }[]> {
    const result = await this.q.query<Record<string, unknown>>(
      `SELECT price_rp, available, source, recorded_by, recorded_at FROM catalogue_prices WHERE item_id = $1 ORDER BY seq`,
      [id],
    );
    return result.rows.map((r) => ({ price_rp: Number(r.price_rp), available: r.available as boolean, source: r.source as string, recorded_by: (r.recorded_by as string | null) ?? null, recorded_at: isoOf(r.recorded_at)! }));
  }
}
