// Which market a courier is working in now, so its availability events reach that market's dispatchers.

import type { Queryable } from '../db/database.js';

/**
 * The courier's current market, or null when nothing says: a pangkalan courier belongs to its home market; an ojol
 * courier is where its active route is, else where it was last offered work, else its home market, else its
 * fleet's only market.
 */
export async function currentMarketOf(q: Queryable, courierId: string): Promise<string | null> {
  const found = await q.query<{ market_id: string | null }>(
    `SELECT CASE WHEN f.kind = 'pangkalan' AND c.home_market_id IS NOT NULL THEN c.home_market_id
                 ELSE coalesce(
                   (SELECT r.market_id FROM routes r WHERE r.courier_id = c.id AND r.status = 'active' ORDER BY r.updated_at DESC, r.id LIMIT 1),
                   (SELECT o.market_id FROM offers o WHERE o.courier_id = c.id ORDER BY o.created_at DESC, o.id DESC LIMIT 1),
                   c.home_market_id,
                   CASE WHEN cardinality(f.market_ids) = 1 THEN f.market_ids[1] END)
            END AS market_id
       FROM couriers c JOIN fleets f ON f.id = c.fleet_id
      WHERE c.id = $1`,
    [courierId],
  );
  return found.rows[0]?.market_id ?? null;
}
