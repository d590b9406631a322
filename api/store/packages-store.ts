// Subsidised packages: points, packages with their stock per point, restocking, and orders that take stock and quota
// in one transaction: the household's use for the period is raised only up to the quota (row-locked upsert), the
// point's stock lowered only while enough is left (row-locked conditional update; CHECK stock_left >= 0 backs it).
import type { Database, Queryable } from '../db/database.js';
import { ApiError } from '../errors.js';
import { newId } from '../ids.js';
import type { PackageInput, PackageOrder, PackageOrderInput, Stock } from '../schemas/packages.js';
import type { EventRecord } from './events-store.js';
import { isoOf, pointColumns, pointOf, pointParam } from './geo-sql.js';

export interface PackageRow { id: string; market_id: string; name: string; contents: string; price_rp: number; weight_kg: number; quota_per_household: number; quota_period: string }

function packageOfRow(r: Record<string, unknown>): PackageRow {
  return {
    id: r.id as string, market_id: r.market_id as string, name: r.name as string, contents: r.contents as string, price_rp: Number(r.price_rp),
    weight_kg: Number(r.weight_kg), quota_per_household: Number(r.quota_per_household), quota_period: r.quota_period as string,
  };
}

export class PackagesStore {
  constructor(private readonly q: Queryable) {}

  async createPoint(marketId: string, name: string, at: { lon: number; lat: number }) {
    const result = await this.q.query(
      `INSERT INTO distribution_points (id, market_id, name, location) VALUES ($1, $2, $3, ${pointParam(4, 5)}) RETURNING id, market_id, name, ${pointColumns('location')}`,
      [newId('dpt'), marketId, name, at.lon, at.lat],
    );
    const r = result.rows[0];
    return { id: r.id as string, market_id: r.market_id as string, name: r.name as string, location: pointOf(r, 'location')! };
  }

  /** Creates the package and its starting stock; 422 when a point is not the market's. */
  async create(marketId: string, input: PackageInput): Promise<PackageRow> {
    const stock = input.stock ?? [];
    const points = await this.q.query<{ id: string }>(`SELECT id FROM distribution_points WHERE market_id = $1 AND id = ANY($2::text[])`, [marketId, stock.map((s) => s.point_id)]);
    const known = new Set(points.rows.map((p) => p.id));
    const bad = stock.flatMap((s, i) => (known.has(s.point_id) ? [] : [{ path: `/body/stock/${i}/point_id`, message: `no distribution point ${s.point_id} in market ${marketId}` }]));
    if (bad.length > 0) throw new ApiError('unknown_reference', 'some stock names points that are not in this market', bad);
    const result = await this.q.query(
      `WITH p AS (INSERT INTO packages (id, market_id, name, contents, price_rp, weight_kg, quota_per_household, quota_period)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *),
       s AS (INSERT INTO package_stock (package_id, point_id, stock_total, stock_left) SELECT p.id, u.point_id, u.quantity, u.quantity FROM p, unnest($9::text[], $10::int[]) AS u (point_id, quantity))
       SELECT * FROM p`,
      [newId('pkg'), marketId, input.name, input.contents ?? '', input.price_rp, input.weight_kg ?? 0, input.quota_per_household, input.quota_period,
        stock.map((s) => s.point_id), stock.map((s) => s.quantity)],
    );
    return packageOfRow(result.rows[0]);
  }

  async get(id: string): Promise<PackageRow | null> {
    const result = await this.q.query(`SELECT * FROM packages WHERE id = $1`, [id]);
    return result.rows[0] ? packageOfRow(result.rows[0]) : null;
  }

  /** Adds stock at a point (creating its row); null when the point is not the package's market's. */
  async restock(pkg: PackageRow, pointId: string, add: number): Promise<number | null> {
    const result = await this.q.query<{ stock_left: number }>(
      `INSERT INTO package_stock (package_id, point_id, stock_total, stock_left)
       SELECT $1, id, $3, $3 FROM distribution_points WHERE id = $2 AND market_id = $4
       ON CONFLICT (package_id, point_id) DO UPDATE SET stock_total = package_stock.stock_total + $3, stock_left = package_stock.stock_left + $3, updated_at = now()
       RETURNING stock_left`,
      [pkg.id, pointId, add, pkg.market_id],
    );
    return result.rows[0] ? Number(result.rows[0].stock_left) : null;
  }

  /** Stock left per point and package of a market (for the map). */
  async stock(marketId: string): Promise<Stock[]> {
    const result = await this.q.query(
      `SELECT s.point_id, d.name AS point_name, ${pointColumns('d.location', 'location')}, s.package_id, p.name AS package_name, s.stock_total, s.stock_left
       FROM package_stock s JOIN packages p ON p.id = s.package_id JOIN distribution_points d ON d.id = s.point_id
       WHERE p.market_id = $1 ORDER BY d.name, p.name`,
      [marketId],
    );
    return result.rows.map((r) => ({
      point_id: r.point_id as string, point_name: r.point_name as string, location: pointOf(r, 'location')!, package_id: r.package_id as string,
      package_name: r.package_name as string, stock_total: Number(r.stock_total), stock_left: Number(r.stock_left),
    }));
  }
}

/**
 * Sells `quantity` packages to a household in one transaction: quota first (422 over_quota), then stock (409
 * sold_out); both checks lock their row, so concurrent orders queue on them and never oversell.
 */
export async function orderPackage(db: Database, pkg: PackageRow, input: PackageOrderInput): Promise<{ order: PackageOrder; event: EventRecord }> {
  const quantity = input.quantity ?? 1;
  const household = (input.household ?? input.phone).trim().toLowerCase().replace(/[\s-]/g, '');
  return db.transaction(async (q) => {
    const period = await q.query<{ period_start: string }>(
      `SELECT to_char(date_trunc($2::text, now() AT TIME ZONE m.timezone), 'YYYY-MM-DD') AS period_start FROM markets m WHERE m.id = $1`,
      [pkg.market_id, pkg.quota_period],
    );
    const periodStart = period.rows[0].period_start;
    const quota = await q.query<{ used: number }>(
      `INSERT INTO package_quota_use AS u (package_id, household, period_start, used) SELECT $1::text, $2::text, $3::date, $4::int WHERE $4::int <= $5::int
       ON CONFLICT (package_id, household, period_start) DO UPDATE SET used = u.used + EXCLUDED.used WHERE u.used + EXCLUDED.used <= $5::int
       RETURNING used`,
      [pkg.id, household, periodStart, quantity, pkg.quota_per_household],
    );
    if (quota.rows.length === 0) {
      const used = await q.query<{ used: number }>(`SELECT used FROM package_quota_use WHERE package_id = $1 AND household = $2 AND period_start = $3::date`, [pkg.id, household, periodStart]);
      throw new ApiError('over_quota', `household ${household} may take ${pkg.quota_per_household} of ${pkg.name} per ${pkg.quota_period}`, undefined, {
        quota_per_household: pkg.quota_per_household, quota_period: pkg.quota_period, period_start: periodStart, used: Number(used.rows[0]?.used ?? 0), asked: quantity,
      });
    }
    const stock = await q.query<{ stock_left: number }>(
      `UPDATE package_stock SET stock_left = stock_left - $3::int, updated_at = now() WHERE package_id = $1 AND point_id = $2 AND stock_left >= $3::int RETURNING stock_left`,
      [pkg.id, input.point_id, quantity],
    );
    if (stock.rows.length === 0) {
      const left = await q.query<{ stock_left: number }>(`SELECT stock_left FROM package_stock WHERE package_id = $1 AND point_id = $2`, [pkg.id, input.point_id]);
      if (left.rows.length === 0) throw new ApiError('unknown_reference', `${pkg.name} is not distributed at point ${input.point_id}`, [{ path: '/body/point_id', message: 'has no stock of this package' }]);
      throw new ApiError('sold_out', `only ${left.rows[0].stock_left} of ${pkg.name} left at this point`, undefined, { stock_left: Number(left.rows[0].stock_left), asked: quantity });
    }
    const id = newId('pko');
    const created = await q.query<{ created_at: Date }>(
      `INSERT INTO package_orders (id, package_id, point_id, market_id, household, phone, quantity, total_rp, period_start)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date) RETURNING created_at`,
      [id, pkg.id, input.point_id, pkg.market_id, household, input.phone, quantity, quantity * pkg.price_rp, periodStart],
    );
    const stockLeft = Number(stock.rows[0].stock_left);
    const payload = { package_order_id: id, package_id: pkg.id, point_id: input.point_id, quantity, stock_left: stockLeft };
    const eventId = newId('evt');
    const appended = await q.query<{ seq: number; created_at: Date }>(
      `INSERT INTO events (id, type, market_id, payload) VALUES ($1, 'package.ordered', $2, $3::jsonb) RETURNING seq, created_at`,
      [eventId, pkg.market_id, JSON.stringify(payload)],
    );
    const event: EventRecord = {
      seq: Number(appended.rows[0].seq), id: eventId, type: 'package.ordered', marketId: pkg.market_id, fleetId: null, courierId: null, orderId: null, payload,
      createdAt: new Date(appended.rows[0].created_at),
    };
    return { event, order: {
      id, package_id: pkg.id, point_id: input.point_id, market_id: pkg.market_id, household, quantity, total_rp: quantity * pkg.price_rp, period_start: periodStart,
      quota_used: Number(quota.rows[0].used), quota_per_household: pkg.quota_per_household, stock_left: stockLeft, created_at: isoOf(created.rows[0].created_at)!,
    } };
  });
}
