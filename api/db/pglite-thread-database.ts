// PGlite on a thread of its own behind the Database contract: Postgres starts (about a CPU-second of WebAssembly) and
// runs queries beside the API's event loop, which meanwhile loads modules and the road graph and builds the app.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Database, QueryResult, Queryable } from './database.js';
import type { PgliteDatabaseOptions } from './pglite-database.js';
import { deserializeDbError, type ThreadReply, type ThreadRequest } from './pglite-thread-protocol.js';

type Request = ThreadRequest extends infer R ? R extends ThreadRequest ? Omit<R, 'id'> : never : never;

/**
 * The thread module beside this one. From the TypeScript sources it is loaded through tsx (loader hooks do not reach
 * worker threads on Node 20): a bootstrap registers tsx inside the thread, then imports it.
 */
function startThread(options: PgliteDatabaseOptions): Worker {
  const moduleUrl = new URL(`./pglite-thread${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, { workerData: options });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(moduleUrl.href)}, ${JSON.stringify(moduleUrl.href)}));`;
  return new Worker(bootstrap, { eval: true, workerData: options });
}

/**
 * Opens PGlite (as openPgliteDatabase does) on a worker thread. Errors keep their message, name and fields (code,
 * constraint, detail). The thread holds the process open only while a request is waiting for its answer, as the
 * in-process database does not hold it at all.
 */
export async function openPgliteThreadDatabase(options: PgliteDatabaseOptions = {}): Promise<Database> {
  const worker = startThread(options);
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let gone: Error | null = null;
  const settleAll = (error: Error): void => {
    gone ??= error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', (message: ThreadReply) => {
    const w = waiting.get(message.id);
    if (!w) return;
    waiting.delete(message.id);
    if (waiting.size === 0) worker.unref();
    if (message.ok) w.resolve(message.value);
    else w.reject(deserializeDbError(message.error));
  });
  worker.on('error', settleAll);
  const exited = new Promise<void>((resolve) => worker.once('exit', (code) => {
    settleAll(new Error(`the PGlite thread stopped (exit code ${code})`));
    resolve();
  }));
  const call = (request: Request): Promise<unknown> => new Promise((resolve, reject) => {
    if (gone) return reject(gone);
    const id = nextId++;
    worker.postMessage({ ...request, id });
    waiting.set(id, { resolve, reject });
    worker.ref();
  });
  try {
    await new Promise((resolve, reject) => waiting.set(0, { resolve, reject }));
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const queryable = (tx?: number): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      return (await call({ op: 'query', sql, params, tx })) as QueryResult<T>;
    },
    async exec(sql: string): Promise<void> {
      await call({ op: 'exec', sql, tx });
    },
  });
  const direct = queryable();
  return {
    kind: 'pglite',
    query: direct.query,
    exec: direct.exec,
    // As in-process: one connection, so a transaction holds it and other statements wait for its end.
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const tx = (await call({ op: 'begin' })) as number;
      let value: T;
      try {
        value = await fn(queryable(tx));
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'end', tx, commit: true });
      return value;
    },
    async close() {
      if (!gone) await call({ op: 'close' }).catch(() => undefined);
      worker.ref(); // the process waits for the thread to end (idle, it would not hold the process open)
      await exited;
    },
  };
}
