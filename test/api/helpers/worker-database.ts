// One migrated in-memory PGlite per test worker process, shared by the files the worker runs one after another
// (PGlite with PostGIS costs seconds of CPU to start); each file takes it back in its freshly migrated state.
import type { Database } from '../../../api/db/database.js';
import { openDatabase } from '../../../api/db/open-database.js';
import { captureSeeds, truncateAll } from './reset-database.js';

/** Kept on globalThis so that it outlives any one test file's module instances. */
const KEY = Symbol.for('jejaring.test.workerPglite');
type Holder = { [KEY]?: Promise<Database> };

function open(): Promise<Database> {
  return (async () => {
    const db = await openDatabase({});
    const shared: Database = {
      kind: db.kind,
      query: db.query,
      exec: db.exec,
      transaction: db.transaction,
      // Files share it: closing would break the files that run after; it ends with the worker process.
      close: () => Promise.reject(new Error('the worker database is shared by the test files; it is not closed by one of them')),
    };
    await captureSeeds(shared);
    return shared;
  })();
}

/** The worker's PGlite, emptied back to the rows the migrations seeded. Callers must not use it concurrently. */
export async function workerPglite(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[KEY] ??= open();
  let db: Database;
  try {
    db = await holder[KEY];
  } catch (error) {
    holder[KEY] = undefined; // let the next file try again rather than inherit a failed start
    throw error;
  }
  await truncateAll(db);
  return db;
}
