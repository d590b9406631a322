// A request that meets a lost database connection (a private, throwaway PostgreSQL stopped under the app) must get
// 503 database_unavailable with Retry-After and say it did not commit; the retry with the same Idempotency-Key,
// once the database is back, creates the order exactly once.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import type { Database } from '../../api/db/database.js';
import { openDatabase } from '../../api/db/open-database.js';
import { admin, createMarket, createStall, orderBody } from '../api/helpers/fixtures.js';
import { waitFor } from '../../benchmarks/cluster-process.js';
import { findPgBin, startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.js';

const binDir = findPgBin();
const skip = !process.env.DATABASE_URL || !binDir;
let server: PrivatePostgres | undefined;
let db: Database;
let app: FastifyInstance;

describe.skipIf(skip)('a request while PostgreSQL is down [postgres]', () => {
  beforeAll(async () => {
    server = await startPrivatePostgres(binDir!);
    db = await openDatabase({ databaseUrl: server.url, maxConnections: 2 });
    app = await buildApp({ db, secret: 'fault-secret-0123456789abcdef', rateLimit: false, docs: false, authCacheTtlMs: 0 });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await server?.destroy();
  }, 60_000);

  it('answers 503 with Retry-After and committed: false; the same Idempotency-Key then creates the order once', async () => {
    const market = await createMarket(app);
    const stall = await createStall(app, market.id);
    const headers = { ...(await admin(app)), 'idempotency-key': 'order-while-db-down-1' };
    const body = orderBody(market.id, [stall.id]);

    await server!.stop();
    const refused = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: body });
    expect(refused.statusCode, refused.body).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const problem = refused.json();
    expect(problem.code).toBe('database_unavailable');
    expect(problem.committed).toBe(false);
    expect(problem.detail).toMatch(/did not commit/);

    await server!.start();
    const created = await waitFor('the retry accepted', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: body });
      if (res.statusCode === 503) return undefined; // pooled connections from before the restart are dropped first
      return res;
    }, 30_000, 300);
    expect(created.statusCode, created.body).toBe(201);
    const again = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: body });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(created.json().id);
    const orders = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
    expect(orders.rows[0].n).toBe(1);
  }, 120_000);
});
