// One migrated database per test worker process and back end, shared by the files the worker runs one after another:
// PGlite in memory (PGlite with PostGIS costs seconds of CPU to start) and, with DATABASE_URL, a private PostgreSQL
// schema (creating and migrating one costs a second or more of server time). Each file takes them back in their freshly
// migrated state; the suite's global teardown drops the schemas (test/setup/prepare-suite.ts).
import type { Database } from '../../../api/db/database.js';
import { openDatabase, type OpenDatabaseOptions } from '../../../api/db/open-database.js';
import { captureSeeds, truncateAll } from './reset-database.js';

/** Kept on globalThis so that they outlive any one test file's module instances. */
const PGLITE = Symbol.for('jejaring.test.workerPglite');
const POSTGRES = Symbol.for('jejaring.test.workerPostgres');
type Holder = { [key: symbol]: Promise<Database> | undefined };

/** Schemas of this run's workers: named after the vitest process that forked them, so its teardown finds them all. */
export function workerSchemaPrefix(runnerPid: number): string {
  return `t_w${runnerPid}_`;
}

async function open(options: OpenDatabaseOptions): Promise<Database> {
  const db = await openDatabase(options);
  const shared: Database = {
    kind: db.kind,
    query: db.query,
    exec: db.exec,
    transaction: db.transaction,
    // Files share it: closing would break the files that run after; it ends with the worker process.
    close: () => Promise.reject(new Error('the worker database is shared by the test files; it is not closed by one of them')),
  };
  await captureSeeds(shared);
  return shared;
}

async function workerDatabase(key: symbol, options: () => OpenDatabaseOptions): Promise<Database> {
  const holder = globalThis as Holder;
  holder[key] ??= open(options());
  let db: Database;
  try {
    db = await holder[key];
  } catch (error) {
    holder[key] = undefined; // let the next file try again rather than inherit a failed start
    throw error;
  }
  await truncateAll(db);
  return db;
}

/** The worker's PGlite, emptied back to the rows the migrations seeded. Callers must not use it concurrently. */
export function workerPglite(): Promise<Database> {
  return workerDatabase(PGLITE, () => ({}));
}

/** The worker's schema on DATABASE_URL, emptied back to the rows the migrations seeded. */
export function workerPostgres(): Promise<Database> {
  return workerDatabase(POSTGRES, () => ({
    databaseUrl: process.env.DATABASE_URL,
    schema: `${workerSchemaPrefix(process.ppid)}${process.pid}`,
    maxConnections: 4,
  }));
}
