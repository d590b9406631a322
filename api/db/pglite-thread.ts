// The thread that runs PGlite for pglite-thread-database.ts: opens the database named by workerData and answers its
// query, exec and transaction messages, so Postgres starts and runs beside the API's event loop instead of on it.
import { parentPort, workerData } from 'node:worker_threads';
import type { Database, Queryable } from './database.js';
import { openPgliteDatabase, type PgliteDatabaseOptions } from './pglite-database.js';
import { serializeDbError, type ThreadReply, type ThreadRequest } from './pglite-thread-protocol.js';

const port = parentPort!;
const reply = (message: ThreadReply): void => port.postMessage(message);
const fail = (id: number, error: unknown): void => reply({ id, ok: false, error: serializeDbError(error) });

/** A transaction opened by `begin`, waiting for its `end`. */
interface OpenTransaction {
  readonly tx: Queryable;
  end(commit: boolean, replyId: number): void;
}
const transactions = new Map<number, OpenTransaction>();
/** Thrown inside PGlite's transaction to roll it back when the API's side asked for a rollback. */
const ROLLBACK = Symbol('rollback');

/** Opens a transaction held until its `end` message: committed or rolled back then, answered to that message. */
function begin(db: Database, id: number): void {
  let started = false;
  let endReplyId = -1;
  void db.transaction(async (tx) => {
    started = true;
    const ended = new Promise<boolean>((resolve) => {
      transactions.set(id, { tx, end: (commit, replyId) => { endReplyId = replyId; resolve(commit); } });
    });
    reply({ id, ok: true, value: id });
    if (!(await ended)) throw ROLLBACK;
  }).then(
    () => reply({ id: endReplyId, ok: true, value: null }),
    (error) => {
      transactions.delete(id);
      if (!started) fail(id, error);
      else if (error === ROLLBACK) reply({ id: endReplyId, ok: true, value: null });
      else fail(endReplyId, error);
    },
  );
}

async function handle(db: Database, request: ThreadRequest): Promise<void> {
  try {
    switch (request.op) {
      case 'query':
      case 'exec': {
        const target: Queryable = request.tx === undefined ? db : transactions.get(request.tx)?.tx ?? missingTransaction(request.tx);
        const value = request.op === 'query' ? await target.query(request.sql, request.params) : await target.exec(request.sql);
        reply({ id: request.id, ok: true, value: value ?? null });
        return;
      }
      case 'begin':
        begin(db, request.id);
        return;
      case 'end': {
        const open = transactions.get(request.tx) ?? missingTransaction(request.tx);
        transactions.delete(request.tx);
        open.end(request.commit, request.id);
        return;
      }
      case 'close':
        await db.close();
        reply({ id: request.id, ok: true, value: null });
        port.close();
        return;
    }
  } catch (error) {
    fail(request.id, error);
  }
}

function missingTransaction(tx: number): never {
  throw new Error(`transaction ${tx} is not open`);
}

try {
  const db = await openPgliteDatabase(workerData as PgliteDatabaseOptions);
  port.on('message', (request: ThreadRequest) => void handle(db, request));
  reply({ id: 0, ok: true, value: null });
} catch (error) {
  fail(0, error);
  port.close();
}
