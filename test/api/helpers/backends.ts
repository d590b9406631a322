// Runs an API suite on PGlite always and on PostgreSQL when DATABASE_URL is set: one database and one app per backend
// per test file (PGlite with PostGIS takes seconds to start), a private schema on PostgreSQL, tables truncated between tests.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../../api/app.js';
import type { BackendKind, Database } from '../../../api/db/database.js';
import { openDatabase } from '../../../api/db/open-database.js';
import { dropPgSchema } from '../../../api/db/pg-database.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef';

/** What a suite gets: the database and an app on it (both ready before the first test). */
export interface BackendContext {
  readonly kind: BackendKind;
  readonly db: Database;
  readonly app: FastifyInstance;
  /** Builds another app on the same database (e.g. with tight rate limits); closed after the file. */
  buildApp(options?: Omit<BuildAppOptions, 'db'>): Promise<FastifyInstance>;
}

/** The back ends this run covers. */
export function backendKinds(): BackendKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

const opened = new Map<BackendKind, Promise<{ db: Database; schema?: string }>>();
const apps: FastifyInstance[] = [];
let teardownRegistered = false;

/** One database per backend for the whole test file, migrated once. */
function sharedDatabase(kind: BackendKind): Promise<{ db: Database; schema?: string }> {
  let pending = opened.get(kind);
  if (!pending) {
    pending = (async () => {
      if (kind === 'pglite') return { db: await openDatabase({}) };
      const schema = `t_${randomBytes(6).toString('hex')}`;
      return { db: await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema, maxConnections: 4 }), schema };
    })();
    opened.set(kind, pending);
  }
  return pending;
}

async function teardown(): Promise<void> {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  for (const [kind, pending] of opened) {
    const { db, schema } = await pending;
    await db.close();
    if (kind === 'postgres' && schema) await dropPgSchema(process.env.DATABASE_URL!, schema);
  }
  opened.clear();
}

/** Empties every table but schema_migrations (C2's and D's tables included). */
export async function truncateAll(db: Database): Promise<void> {
  const tables = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  if (tables.rows.length === 0) return;
  await db.exec(`TRUNCATE ${tables.rows.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

/** `describe(name [backend])` once per backend; `fn` registers tests that use `ctx`. */
export function describeEachBackend(name: string, fn: (ctx: BackendContext) => void): void {
  if (!teardownRegistered) {
    teardownRegistered = true;
    afterAll(teardown);
  }
  for (const kind of backendKinds()) {
    describe(`${name} [${kind}]`, () => {
      let db: Database | undefined;
      let app: FastifyInstance | undefined;
      const make = async (options: Omit<BuildAppOptions, 'db'> = {}) => {
        const built = await buildApp({ secret: TEST_SECRET, docs: false, ...options, db: db! });
        await built.ready();
        apps.push(built);
        return built;
      };
      const ctx: BackendContext = {
        kind,
        get db() {
          return db!;
        },
        get app() {
          return app!;
        },
        buildApp: make,
      };
      beforeAll(async () => {
        db = (await sharedDatabase(kind)).db;
        app = await make({ rateLimit: false });
      });
      beforeEach(async () => {
        await truncateAll(db!);
        for (const built of apps) built.auth.forgetAll();
      });
      fn(ctx);
    });
  }
}
