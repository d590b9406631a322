// /v1 stall catalogues: coordinators (admins, the market's dispatchers) keep each stall's price board by form or by a
// CSV of the morning price board; everyone who sees the stalls reads them; every change of price is kept.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError, notFound, type FieldError } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { expectedVersion, setVersionTag, versionConflict } from '../../http/concurrency.js';
import { assertMarket, type Principal } from '../../auth/principal.js';
import {
  CatalogueItemSchema, CataloguePatchSchema, CatalogueUpdateResultSchema, MarketCatalogueQuerySchema, PriceChangeSchema, StallCatalogueUpdateSchema,
  type CatalogueUpdateResult,
} from '../../schemas/catalogue.js';
import { ERROR_RESPONSES, IdParamsSchema } from '../../schemas/common.js';
import { CatalogueStore, unitKey, type CatalogueRow, type CatalogueSource } from '../../store/catalogue-store.js';
import { parsePriceBoard } from './price-board-csv.js';

const READERS = ['admin', 'dispatcher', 'planner', 'fleet', 'courier'] as const;
const EDITORS = ['admin', 'dispatcher'] as const;

/** Like stalls: market staff read their markets' catalogues, fleets and couriers every catalogue. */
function assertReader(p: Principal, marketId: string): void {
  if (p.role !== 'fleet' && p.role !== 'courier') assertMarket(p, marketId);
}

/** 422 when two rows name the same item (stall, name, unit) of one batch. */
function checkDistinct(rows: readonly CatalogueRow[], pathOf: (i: number) => string): void {
  const seen = new Map<string, number>();
  const errors: FieldError[] = [];
  rows.forEach((r, i) => {
    const key = `${r.stall_id}\u0000${r.name.trim().toLowerCase()}\u0000${unitKey(r.unit)}`;
    if (seen.has(key)) errors.push({ path: pathOf(i), message: `repeats the item of ${pathOf(seen.get(key)!)}` });
    else seen.set(key, i);
  });
  if (errors.length > 0) throw new ApiError('validation_failed', 'an item (stall, name, unit) is listed twice', errors);
}

export default async function catalogueRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['catalogue'];
  // The price board arrives as text/csv (in this plugin only).
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  /** Upserts a batch, appends `catalogue.updated`, returns the counts and the touched stalls' items. */
  async function store(marketId: string, rows: CatalogueRow[], source: CatalogueSource, by: string): Promise<CatalogueUpdateResult> {
    const outcome = await app.tx(async (tx) => {
      const written = await new CatalogueStore(tx.q).upsert(marketId, rows, source, by);
      const stallIds = [...new Set(rows.map((r) => r.stall_id))];
      await tx.events.append({ type: 'catalogue.updated', marketId, payload: { market_id: marketId, stall_ids: stallIds, created: written.created, updated: written.updated, source } });
      return { ...written, stallIds };
    });
    const catalogue = new CatalogueStore(app.db);
    const items = (await Promise.all(outcome.stallIds.map((stallId) => catalogue.list({ stallId })))).flat();
    return { created: outcome.created, updated: outcome.updated, unchanged: rows.length - outcome.created - outcome.updated, items };
  }

  app.get('/markets/:id/catalogue', {
    schema: { tags, summary: "A market's catalogue items, stall by stall", params: IdParamsSchema('mkt'), querystring: MarketCatalogueQuerySchema, response: { 200: Type.Object({ data: Type.Array(CatalogueItemSchema) }), ...ERROR_RESPONSES } },
    config: { roles: READERS },
  }, async (request) => {
    assertReader(principalOf(request), request.params.id);
    return { data: await new CatalogueStore(app.db).list({ marketId: request.params.id, available: request.query.available }) };
  });

  app.get('/stalls/:id/catalogue', {
    schema: { tags, summary: "A stall's catalogue", params: IdParamsSchema('stl'), response: { 200: Type.Object({ data: Type.Array(CatalogueItemSchema) }), ...ERROR_RESPONSES } },
    config: { roles: READERS },
  }, async (request) => {
    const stall = await app.store.stalls.get(request.params.id);
    if (!stall) throw notFound('stall', request.params.id);
    assertReader(principalOf(request), stall.market_id);
    return { data: await new CatalogueStore(app.db).list({ stallId: stall.id }) };
  });

  app.post('/stalls/:id/catalogue', {
    schema: { tags, summary: "Create or update items of a stall's catalogue (matched by name and unit; items not listed stay)", params: IdParamsSchema('stl'), body: StallCatalogueUpdateSchema, response: { 200: CatalogueUpdateResultSchema, ...ERROR_RESPONSES } },
    config: { roles: EDITORS },
  }, async (request) => {
    const p = principalOf(request);
    const stall = await app.store.stalls.get(request.params.id);
    if (!stall) throw notFound('stall', request.params.id);
    assertMarket(p, stall.market_id);
    const rows = request.body.items.map((item) => ({ ...item, stall_id: stall.id }));
    checkDistinct(rows, (i) => `/body/items/${i}`);
    return store(stall.market_id, rows, 'form', p.subjectId);
  });

  app.post('/markets/:id/catalogue/csv', {
    schema: {
      tags, summary: 'Upload the morning price board as CSV (stall_code,name,unit,price_rp,weight_kg[,available]); all rows or none',
      params: IdParamsSchema('mkt'), consumes: ['text/csv'], body: Type.String({ maxLength: 1_000_000 }), response: { 200: CatalogueUpdateResultSchema, ...ERROR_RESPONSES },
    },
    config: { roles: EDITORS },
  }, async (request) => {
    const p = principalOf(request);
    const marketId = request.params.id;
    assertMarket(p, marketId);
    if (!(await app.store.markets.get(marketId))) throw notFound('market', marketId);
    const board = parsePriceBoard(request.body);
    if (board.errors.length > 0) throw new ApiError('validation_failed', 'the price board has rows that cannot be read; nothing was stored', board.errors);
    const stalls = await app.db.query<{ id: string; stall_code: string }>(`SELECT id, stall_code FROM stalls WHERE market_id = $1`, [marketId]);
    const byCode = new Map(stalls.rows.map((s) => [s.stall_code.toLowerCase(), s.id]));
    const unknown = board.rows.filter((r) => !byCode.has(r.stall_code.toLowerCase()));
    if (unknown.length > 0) {
      throw new ApiError('unknown_reference', 'some rows name stalls that are not in this market; nothing was stored', unknown.map((r) => ({ path: `/body/line/${r.line}`, message: `no stall ${r.stall_code} in market ${marketId}` })));
    }
    const rows = board.rows.map(({ stall_code, line: _line, ...item }) => ({ ...item, stall_id: byCode.get(stall_code.toLowerCase())! }));
    checkDistinct(rows, (i) => `/body/line/${board.rows[i].line}`);
    return store(marketId, rows, 'csv', p.subjectId);
  });

  app.patch('/catalogue/:id', {
    schema: { tags, summary: "Change one item's price, weight or availability (If-Match optional)", params: IdParamsSchema('cat'), body: CataloguePatchSchema, response: { 200: CatalogueItemSchema, ...ERROR_RESPONSES } },
    config: { roles: EDITORS },
  }, async (request, reply) => {
    const p = principalOf(request);
    const catalogue = new CatalogueStore(app.db);
    const item = await catalogue.get(request.params.id);
    if (!item) throw notFound('catalogue item', request.params.id);
    assertMarket(p, item.market_id, 'catalogue item', item.id);
    const updated = await app.tx(async (tx) => {
      const changed = await new CatalogueStore(tx.q).patch(item.id, request.body, expectedVersion(request), p.subjectId);
      if (!changed) throw versionConflict('catalogue item', item.id, await new CatalogueStore(tx.q).get(item.id));
      await tx.events.append({ type: 'catalogue.updated', marketId: item.market_id, payload: { market_id: item.market_id, stall_ids: [item.stall_id], created: 0, updated: 1, source: 'form' } });
      return changed;
    });
    setVersionTag(reply, updated.version);
    return updated;
  });

  app.get('/catalogue/:id/prices', {
    schema: { tags, summary: "An item's price history, oldest first", params: IdParamsSchema('cat'), response: { 200: Type.Object({ data: Type.Array(PriceChangeSchema) }), ...ERROR_RESPONSES } },
    config: { roles: READERS },
  }, async (request) => {
    const catalogue = new CatalogueStore(app.db);
    const item = await catalogue.get(request.params.id);
    if (!item) throw notFound('catalogue item', request.params.id);
    assertReader(principalOf(request), item.market_id);
    return { data: await catalogue.priceHistory(item.id) };
  });
}
