// A node must start serving while a backlog of waiting orders is still being loaded, and load it in pages (a few
// statements per page), not one order at a time inside the start-up hook (which timed out with thousands waiting).
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import type { Database } from '../../api/db/database.js';
import { HaversineProvider } from '../../engine/index.js';
import { describeEachBackend, TEST_SECRET } from '../api/helpers/backends.js';
import { createOrder, marketWithStalls, orderBody } from '../api/helpers/fixtures.js';
import { waitFor } from '../../benchmarks/cluster-process.js';

const WAITING = /FROM orders\s+WHERE status IN \('created', 'batched'\)/;

/** The database, with the statements that read waiting orders held until `open()`, and every statement counted. */
function gatedDatabase(db: Database) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let statements = 0;
  const gated: Database = {
    kind: db.kind,
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: async () => {},
    query: async (sql, params, options) => {
      statements++;
      if (WAITING.test(sql)) await gate;
      return db.query(sql, params, options);
    },
  };
  return { db: gated, open, statements: () => statements };
}

describeEachBackend('dispatch start with a backlog', (ctx) => {
  let node: FastifyInstance | undefined;
  afterEach(async () => node?.close());

  it('is ready before the waiting orders are read, then loads all of them in a few statements', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const orderCount = 120;
    for (let i = 0; i < orderCount; i++) await createOrder(ctx.app, orderBody(market.id, [stalls[i % 2].id]));

    const gated = gatedDatabase(ctx.db);
    node = await buildApp({
      db: gated.db, secret: TEST_SECRET, docs: false, rateLimit: false,
      dispatch: { routing: new HaversineProvider(), solve: () => { throw new Error('no couriers: nothing to solve'); } },
    });
    await node.ready(); // before: the start-up hook read the waiting orders, so it never finished here
    expect((await node.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect(node.dispatch.markets.get(market.id)?.dispatcher.orders.size ?? 0).toBe(0);

    const before = gated.statements();
    gated.open();
    const app = node;
    await waitFor('every waiting order in the dispatcher', async () => (app.dispatch.markets.get(market.id)?.dispatcher.orders.size === orderCount ? true : undefined), 20_000, 50);
    expect(gated.statements() - before).toBeLessThan(20); // one order at a time took two per order (240)
  }, 60_000);
});
