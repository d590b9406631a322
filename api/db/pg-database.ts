// PostgreSQL + PostGIS back end through a pg Pool; an optional schema isolates one tenant (each test file uses one).
import pg from 'pg';
import { CommitOutcomeUnknown, isConnectionLost } from './connection-errors.js';
import type { Database, QueryOptions, QueryResult, Queryable } from './database.js';

export interface PgDatabaseOptions {
  readonly connectionString: string;
  /** When set, every pooled connection runs with `search_path = <schema>, public` (PostGIS stays in public). */
  readonly schema?: string;
  readonly maxConnections?: number;
}

const INT8_OID = 20;

/** int8 (bigserial `seq`, counts) as a JS number, like PGlite does; values stay far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** Validates a schema name before it is spliced into SQL (identifiers cannot be parameters). */
export function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
      const values = params as unknown[] | undefined;
      const result = options?.name ? await client.query({ name: options.name, text: sql, values }) : await client.query(sql, values);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

/**
 * pg-pool listens for errors only on idle clients: a checked-out client (a transaction between two statements) whose
 * server goes away (restart, `57P01 terminating connection`) would emit an unhandled 'error' and kill the process.
 * Every client the pool opens gets a listener; the failed statement still rejects, and the pool drops the client on
 * release because it is no longer queryable.
 */
export function guardCheckedOutClients(pool: pg.Pool, onError: (error: Error) => void = () => {}): void {
  pool.on('connect', (client) => client.on('error', onError));
}

/** Opens a pool; with `schema`, creates the schema first so the search path points at something. */
export async function openPgDatabase(options: PgDatabaseOptions): Promise<Database> {
  const { connectionString, schema } = options;
  if (schema) {
    assertSchemaName(schema);
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    types,
    // Server settings for every session: PGOPTIONS (e.g. `-c synchronous_commit=off`) plus the schema's search path.
    options: [process.env.PGOPTIONS, schema ? `-c search_path=${schema},public` : ''].filter(Boolean).join(' ') || undefined,
  });
  pool.on('error', () => {}); // an idle client lost its connection; the pool replaces it on the next checkout
  guardCheckedOutClients(pool);
  const direct = wrap(pool);
  return {
    kind: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT').catch((error: unknown) => {
          throw isConnectionLost(error) ? new CommitOutcomeUnknown(error) : error;
        });
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Drops a schema made by `openPgDatabase({ schema })` (test teardown). */
export async function dropPgSchema(connectionString: string, schema: string): Promise<void> {
  assertSchemaName(schema);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
