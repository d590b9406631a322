// PGlite back end: PostgreSQL compiled to WebAssembly, in-process, with the PostGIS extension; in memory or in a directory.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, QueryResult, Queryable } from './database.js';
import { migrate } from './migrate.js';
import { DEFAULT_PGLITE_IMAGE_DIR, loadPgliteImage } from './pglite-image.js';
import { imageFiles } from './pglite-image-files.js';
import { loadMigratedImage } from './pglite-migrated-image.js';
import { corePostgis, tarWithout } from './postgis-bundle.js';
import { tarImageOf, type TarImage } from './tar-image.js';

export interface PgliteDatabaseOptions {
  /** Directory holding the data; in memory when undefined. */
  readonly dataDir?: string;
  /**
   * Folder of cached base images for new databases (in memory or in an empty directory) and of the core PostGIS
   * bundle (default `.cache/pglite`);
   * false starts from initdb (the bundle is then cached in the default folder).
   */
  readonly imageDir?: string | false;
  /**
   * Migrations the caller applies after opening: a new database then starts from a cached image taken after them
   * (made on first use) instead of the base image, so they are found applied. Ignored with `imageDir: false`.
   */
  readonly migrationsDir?: string;
}

/** A PGlite database; its data directory can be dumped as a tar image. */
export interface PgliteDatabase extends Database {
  dumpDataDir(): Promise<Blob>;
}

/**
 * PGlite's own start parameters plus a smaller buffer pool: its postgresql.conf asks for 128 MB of shared buffers,
 * and setting up that pool in WebAssembly cost about 1 CPU-s of every start (0.3 s at 32 MB). The pool caches table
 * pages over a data directory the operating system caches as well; in memory, the pages are in memory anyway.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

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

/** Whether a PGlite data directory already holds a database cluster (initdb has run there). */
function holdsCluster(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/** An in-memory database from the base image with the migrations of `migrationsDir` applied and checkpointed, dumped. */
async function buildMigratedImage(imageDir: string, migrationsDir: string): Promise<TarImage> {
  const db = await openPgliteDatabase({ imageDir });
  try {
    await migrate(db, migrationsDir);
    // The image is a running cluster's files: a start from it replays the WAL written since the last checkpoint, which
    // is then in the current WAL segment alone; the others (old ones, and 16 MB ones recycled for later) are left out.
    await db.exec('CHECKPOINT');
    const current = (await db.query<{ name: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS name')).rows[0].name;
    const tar = new Uint8Array(await (await db.dumpDataDir()).arrayBuffer());
    return tarImageOf(tarWithout(tar, new RegExp(`^(?!${current}$)[0-9A-F]{24}$`)));
  } finally {
    await db.close();
  }
}

/** The image a new database starts from: after the migrations when they are named, else the base image. */
function freshImage(imageDir: string, migrationsDir: string | undefined): Promise<TarImage> {
  if (migrationsDir === undefined) return loadPgliteImage(imageDir);
  return loadMigratedImage(imageDir, migrationsDir, () => buildMigratedImage(imageDir, migrationsDir));
}

/**
 * Starts PGlite with PostGIS: an in-memory one, or a directory holding no cluster yet, from a cached image (skipping
 * initdb, and the migrations when `migrationsDir` is given); a directory that holds a cluster as it stands.
 */
export async function openPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
  const imageDir = options.imageDir ?? DEFAULT_PGLITE_IMAGE_DIR;
  const startsFresh = options.dataDir === undefined || (!options.dataDir.includes('://') && !holdsCluster(options.dataDir));
  const image = startsFresh && imageDir !== false ? await freshImage(imageDir, options.migrationsDir) : undefined;
  const postgis = corePostgis(imageDir || DEFAULT_PGLITE_IMAGE_DIR);
  // In memory, the image's files are written in place before Postgres starts; a new data folder (once) takes the
  // image through PGlite's loadDataDir, which reads it through arrayBuffer() alone.
  const inMemory = options.dataDir === undefined;
  const db = await PGlite.create({
    dataDir: options.dataDir, startParams: START_PARAMS,
    loadDataDir: image && !inMemory ? image as Blob : undefined,
    extensions: image && inMemory ? { postgis, image: imageFiles(new Uint8Array(await image.arrayBuffer())) } : { postgis },
  });
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
    dumpDataDir: () => db.dumpDataDir('none'),
    async close() {
      await db.close();
    },
  };
}
