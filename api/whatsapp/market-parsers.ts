// One shopping-list parser per market, built from the market's available catalogue items (with how often the market's
// orders took each, to choose among goods a name matches equally) and rebuilt after a `catalogue.updated` event (or
// after `maxAgeMs`, for changes made by another node and for new orders).
import { ShoppingListParser, type CatalogueEntry } from '../../engine/index.js';
import type { Queryable } from '../db/database.js';

export class MarketParsers {
  private readonly cache = new Map<string, { parser: ShoppingListParser; builtAt: number }>();

  constructor(private readonly q: Queryable, private readonly maxAgeMs = 30_000) {}

  async forMarket(marketId: string): Promise<ShoppingListParser> {
    const cached = this.cache.get(marketId);
    if (cached && Date.now() - cached.builtAt < this.maxAgeMs) return cached.parser;
    const rows = await this.q.query<{ id: string; name: string; unit: string; price_rp: number; times_ordered: number }>(
      `SELECT c.id, c.name, c.unit, c.price_rp,
         (SELECT count(*) FROM order_items oi WHERE oi.catalogue_item_id = c.id)::int AS times_ordered
       FROM catalogue_items c JOIN stalls s ON s.id = c.stall_id
       WHERE c.market_id = $1 AND c.available ORDER BY s.stall_code, c.created_at, c.id`,
      [marketId],
    );
    const entries: CatalogueEntry[] = rows.rows.map((r) => ({ id: r.id, name: r.name, unit: r.unit, priceRp: Number(r.price_rp), timesOrdered: Number(r.times_ordered) }));
    const parser = new ShoppingListParser(entries);
    this.cache.set(marketId, { parser, builtAt: Date.now() });
    return parser;
  }

  forget(marketId: string): void {
    this.cache.delete(marketId);
  }
}
