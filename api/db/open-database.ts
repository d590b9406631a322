// Picks the back end: PostgreSQL when a connection string is given (DATABASE_URL), PGlite otherwise; then migrates.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Database } from './database.js';
import { migrate, MIGRATIONS_DIR } from './migrate.js';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; PGlite when undefined. */
  readonly databaseUrl?: string;
  /** PGlite data directory; in memory when undefined. */
  readonly dataDir?: string;
  /** PostgreSQL schema to work in (tests); `public` when undefined. */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
  /** Run PGlite on a worker thread of its own (`serve`: Postgres starts while the app loads); in-process when false. */
  readonly pgliteThread?: boolean;
}

/** Options from the environment: DATABASE_URL, JEJARING_DATA_DIR. */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenDatabaseOptions {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.JEJARING_DATA_DIR || undefined };
}

/** Opens and migrates the database. On PostgreSQL, PostGIS is created in `public` when missing. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  // PGlite creates its data directory but not the folders above it (`.jejaring/` on a fresh clone).
  if (!options.databaseUrl && options.dataDir && !options.dataDir.includes('://')) await mkdir(dirname(resolve(options.dataDir)), { recursive: true });
  // Each back end's modules load only when it is the one opened (pg, or PGlite with its WebAssembly loader).
  // A new PGlite database starts from an image taken after the migrations, which the check below then finds applied.
  const pglite = { dataDir: options.dataDir, migrationsDir: options.migrate !== false ? MIGRATIONS_DIR : undefined };
  const db = options.databaseUrl
    ? await (await import('./pg-database.js')).openPgDatabase({ connectionString: options.databaseUrl, schema: options.schema, maxConnections: options.maxConnections })
    : options.pgliteThread
      ? await (await import('./pglite-thread-database.js')).openPgliteThreadDatabase(pglite)
      : await (await import('./pglite-database.js')).openPgliteDatabase(pglite);
  try {
    if (db.kind === 'postgres') {
      const has = await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'postgis'`);
      if (has.rows.length === 0) await db.exec('CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public');
    }
    if (options.migrate !== false) await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
