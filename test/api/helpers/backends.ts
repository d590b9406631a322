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
      const schema = kind === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
      const db = kind === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema, maxConnections: 4 });
      await captureSeeds(db);
      return { db, schema };
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

/** The project's tables in the current schema: not schema_migrations, not extension tables (PostGIS's spatial_ref_sys). */
async function projectTables(db: Database): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`,
  );
  return result.rows.map((r) => r.name);
}

/** Rows the migrations themselves inserted (e.g. an outbox cursor), by table: restored after each truncation. */
const seeds = new WeakMap<Database, Map<string, unknown[]>>();

async function captureSeeds(db: Database): Promise<void> {
  const byTable = new Map<string, unknown[]>();
  for (const table of await projectTables(db)) {
    const rows = await db.query<{ rows: unknown[] }>(`SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM "${table}" t`);
    if (rows.rows[0].rows.length > 0) byTable.set(table, rows.rows[0].rows);
  }
  seeds.set(db, byTable);
}

/** Empties every project table, then puts back the rows the migrations seeded. */
export async function truncateAll(db: Database): Promise<void> {
  const tables = await projectTables(db);
  if (tables.length > 0) await db.exec(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
  for (const [table, rows] of seeds.get(db) ?? []) {
    await db.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`, [JSON.stringify(rows)]);
  }
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
        const built = await buildApp({ secret: TEST_SECRET, docs: false, logger: process.env.TEST_LOG ? { level: 'error' } : false, ...options, db: db! });
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
