// PGlite back end: PostgreSQL compiled to WebAssembly, in-process, with the PostGIS extension; in memory or in a directory.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, QueryResult, Queryable } from './database.js';
import { DEFAULT_PGLITE_IMAGE_DIR, loadPgliteImage } from './pglite-image.js';
import { corePostgis } from './postgis-bundle.js';

export interface PgliteDatabaseOptions {
  /** Directory holding the data; in memory when undefined. */
  readonly dataDir?: string;
  /**
   * Folder of cached base images for in-memory databases and of the core PostGIS bundle (default `.cache/pglite`);
   * false starts from initdb (the bundle is then cached in the default folder).
   */
  readonly imageDir?: string | false;
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

/** Starts PGlite with PostGIS: an in-memory one from the cached base image, a directory as it stands. */
export async function openPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<Database> {
  const imageDir = options.imageDir ?? DEFAULT_PGLITE_IMAGE_DIR;
  const loadDataDir = options.dataDir === undefined && imageDir !== false ? await loadPgliteImage(imageDir) : undefined;
  const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir, extensions: { postgis: corePostgis(imageDir || DEFAULT_PGLITE_IMAGE_DIR) } });
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
