// A Database that takes statements while it is still opening: each waits for the open, so `serve` builds the app (a
// few hundred milliseconds of route and schema set-up) while the database starts on another thread or server.
import type { BackendKind, Database, QueryOptions, QueryResult, Queryable } from './database.js';

/**
 * The database `opening` will give, usable now: statements wait for it (and reject with its failure), then go straight
 * to it. Closing waits for the open and closes what opened; a failed open has nothing to close.
 */
export function deferredDatabase(kind: BackendKind, opening: Promise<Database>): Database {
  let open: Database | null = null;
  const ready = opening.then((db) => (open = db));
  ready.catch(() => undefined); // whoever opened reports the failure; statements reject with it
  const target = (): Database | Promise<Database> => open ?? ready;
  return {
    kind,
    async query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
      return (await target()).query<T>(sql, params, options);
    },
    async exec(sql: string): Promise<void> {
      return (await target()).exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return (await target()).transaction(fn);
    },
    async close(): Promise<void> {
      const db = await ready.catch(() => null);
      await db?.close();
    },
  };
}
