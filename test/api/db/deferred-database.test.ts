// An app on a database still opening (as `serve` builds it): its start hooks wait for the open, however long a first
// PGlite start takes, and statements reach the database once it is up; an open that fails fails them.
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../api/app.js';
import type { Database } from '../../../api/db/database.js';
import { deferredDatabase } from '../../../api/db/deferred-database.js';
import { HaversineProvider } from '../../../engine/index.js';
import { TEST_SECRET } from '../helpers/backends.js';
import { workerPglite } from '../helpers/worker-database.js';

const OPEN_MS = 1_500;
const apps: FastifyInstance[] = [];
afterAll(async () => { await Promise.all(apps.map((app) => app.close())); });

/** The worker's database, handed over only after `ms` (a database that takes its time to open). */
async function openingIn(ms: number): Promise<Database> {
  const db = await workerPglite();
  await new Promise((r) => setTimeout(r, ms));
  return db;
}

/** An app on a deferred database that does not close the worker's database when it closes. */
async function appOn(opening: Promise<Database>, pluginTimeoutMs: number): Promise<FastifyInstance> {
  const app = await buildApp({
    db: deferredDatabase('pglite', opening), ownsDb: false, pluginTimeoutMs, secret: TEST_SECRET, docs: false, logger: false,
    dispatch: { routing: new HaversineProvider({ speedMps: 5 }) }, // its start hook reads the markets: it waits for the open
  });
  apps.push(app);
  return app;
}

describe('an app on a database still opening', () => {
  it('with no limit on start hooks: ready once the database opens, and it answers from the database', async () => {
    const startedMs = Date.now();
    const app = await appOn(openingIn(OPEN_MS), 0);
    await app.ready();
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(OPEN_MS - 50);
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('with fastify\'s limit shorter than the open: the start fails on the hook that waits for the database', async () => {
    const app = await appOn(openingIn(OPEN_MS), 300);
    await expect(app.ready()).rejects.toMatchObject({ code: expect.stringMatching(/TIMEOUT/) });
  });

  it('a failed open fails the statements that waited for it', async () => {
    const failing = new Promise<Database>((_, reject) => setTimeout(() => reject(new Error('no database here')), 100));
    const db = deferredDatabase('pglite', failing);
    await expect(db.query('SELECT 1')).rejects.toThrow('no database here');
    await db.close(); // nothing opened, nothing to close
  });
});
