// Stalls of a market: create, read, list (optionally by category).
import type { Queryable } from '../db/database.js';
import { newId } from '../ids.js';
import type { CreateStall, Stall } from '../schemas/stalls.js';
import { isoOf, pointColumns, pointOf, pointParam } from './geo-sql.js';

const COLUMNS = `id, market_id, name, stall_code, ${pointColumns('location')}, categories, opening_hours, created_at`;

export function stallOfRow(r: Record<string, unknown>): Stall {
  return {
    id: r.id as string,
    market_id: r.market_id as string,
    name: r.name as string,
    stall_code: r.stall_code as string,
    location: pointOf(r, 'location')!,
    categories: r.categories as string[],
    opening_hours: r.opening_hours as Stall['opening_hours'],
    created_at: isoOf(r.created_at)!,
  };
}

export class StallsStore {
  constructor(private readonly q: Queryable) {}

  async create(marketId: string, input: CreateStall): Promise<Stall> {
    const result = await this.q.query(
      `INSERT INTO stalls (id, market_id, name, stall_code, location, categories, opening_hours)
       VALUES ($1, $2, $3, $4, ${pointParam(5, 6)}, $7::text[], $8) RETURNING ${COLUMNS}`,
      [newId('stl'), marketId, input.name, input.stall_code, input.location.lon, input.location.lat, input.categories ?? [], JSON.stringify(input.opening_hours ?? [])],
    );
    return stallOfRow(result.rows[0]);
  }

  async get(id: string): Promise<Stall | null> {
    const result = await this.q.query(`SELECT ${COLUMNS} FROM stalls WHERE id = $1`, [id]);
    return result.rows[0] ? stallOfRow(result.rows[0]) : null;
  }

  async list(filter: { marketId: string; afterId?: string; limit: number; category?: string }): Promise<Stall[]> {
    const params: unknown[] = [filter.marketId];
    const where = ['market_id = $1'];
    if (filter.afterId) where.push(`id > $${params.push(filter.afterId)}`);
    if (filter.category) where.push(`$${params.push(filter.category)} = ANY(categories)`);
    const sql = `SELECT ${COLUMNS} FROM stalls WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${params.push(filter.limit + 1)}`;
    return (await this.q.query(sql, params)).rows.map(stallOfRow);
  }
}
