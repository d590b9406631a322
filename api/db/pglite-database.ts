// PGlite back end: PostgreSQL compiled to WebAssembly, in-process, with the PostGIS extension; in memory or in a directory.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database, QueryResult, Queryable } from './database.js';

export interface PgliteDatabaseOptions {
  /** Directory holding the data; in memory when undefined. */
  readonly dataDir?: string;
}

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const result = await target.query<T>(sql, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/** Starts PGlite (a few seconds: WebAssembly and PostGIS load) and enables PostGIS. */
export async function openPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<Database> {
  const db = await PGlite.create({ dataDir: options.dataDir, extensions: { postgis } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const direct = wrap(db);
  return {
    kind: 'pglite',
    query: direct.query,
    exec: direct.exec,
    // PGlite has one connection: a transaction holds it exclusively, other queries wait for the commit.
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      await db.close();
    },
  };
}
