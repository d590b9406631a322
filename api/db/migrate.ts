// Migration runner: applies api/db/migrations/NNN_name.sql in order, each in a transaction, recorded in schema_migrations.
import { readdir, readFile } from 'node:fs/promises';
import { fromPackageRoot } from '../package-root.js';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fromPackageRoot('api/db/migrations');

export interface Migration {
  /** The number prefix, e.g. 1 for `001_core.sql`. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Reads the migration files, ordered by number; two files with one number are an error. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (migrations.some((m) => m.version === version)) throw new Error(`two migrations numbered ${version}: ${file}`);
    migrations.push({ version, name: file.replace(/\.sql$/, ''), sql: await readFile(`${dir}/${file}`, 'utf8') });
  }
  return migrations;
}

/**
 * Applies the pending migrations; returns the names applied now. One read finds what is pending (nothing, on most
 * starts); each pending migration then runs in a transaction that serialises concurrent runners on an advisory lock
 * and checks again under it.
 */
export async function migrate(db: Database, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await loadMigrations(dir);
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const recorded = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
  const applied: string[] = [];
  for (const migration of migrations.filter((m) => !recorded.has(m.version))) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7261001)');
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (seen.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

/** Names of the migrations recorded as applied, oldest first. */
export async function appliedMigrations(db: Database): Promise<string[]> {
  const result = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
  return result.rows.map((r) => r.name);
}
