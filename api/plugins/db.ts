// Database plugin: decorates app.db, app.store (autocommit stores), app.tx (one transaction, events published on commit), app.events.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { EventHub } from '../store/event-hub.js';
import type { EventRecord } from '../store/events-store.js';
import { createStores, type Stores } from '../store/stores.js';
import { globalPlugin } from './global-plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    /** Stores on the pool, each statement its own transaction. Events appended here are published at once. */
    store: Stores;
    /** Runs `fn` with stores bound to one transaction; the events it appended are published after commit. */
    tx<T>(fn: (tx: Stores) => Promise<T>): Promise<T>;
    /** Live fan-out of committed events (the `events` table is the record). */
    events: EventHub;
  }
}

export interface DbPluginOptions extends Record<string, unknown> {
  readonly db: Database;
  /** Close the database when the app closes (true when the app opened it). */
  readonly ownsDb: boolean;
}

export default globalPlugin<DbPluginOptions>('jejaring-db', async (app: FastifyInstance, options) => {
  const { db } = options;
  const hub = new EventHub();
  // Autocommit appends are committed when they return; transactional ones wait for the commit.
  const store = createStores(db, (record) => hub.publish([record]));
  app.decorate('db', db);
  app.decorate('store', store);
  app.decorate('events', hub);
  app.decorate('tx', async function tx<T>(fn: (tx: Stores) => Promise<T>): Promise<T> {
    const written: EventRecord[] = [];
    const result = await db.transaction((q) => fn(createStores(q, (record) => written.push(record))));
    hub.publish(written);
    return result;
  });
  if (options.ownsDb) app.addHook('onClose', async () => db.close());
});
