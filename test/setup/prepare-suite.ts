// Vitest global setup: builds the cached PGlite base image and the map bundle once, before the workers start; after
// the run, drops the PostgreSQL schemas this run's workers made (test/api/helpers/worker-database.ts).
import pg from 'pg';
import { loadPgliteImage } from '../../api/db/pglite-image.js';
import { dropPgSchema } from '../../api/db/pg-database.js';
import { buildWebMap, WEB_MAP_DIST } from '../../web-map/build.js';
import { workerSchemaPrefix } from '../api/helpers/worker-database.js';

/** Drops every schema named after this process (the workers' parent), leaving other runs' schemas alone. */
async function dropWorkerSchemas(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let schemas: string[];
  try {
    const prefix = workerSchemaPrefix(process.pid).replaceAll('_', '\\_');
    schemas = (await client.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1', [`${prefix}%`])).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
  for (const schema of schemas) await dropPgSchema(databaseUrl, schema);
}

export default async function prepareSuite(): Promise<() => Promise<void>> {
  await Promise.all([loadPgliteImage(), buildWebMap({ outDir: WEB_MAP_DIST })]);
  return async () => {
    if (process.env.DATABASE_URL) await dropWorkerSchemas(process.env.DATABASE_URL);
  };
}
