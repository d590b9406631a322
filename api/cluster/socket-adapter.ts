// Socket.IO broadcasts across cluster nodes through PostgreSQL LISTEN/NOTIFY (@socket.io/postgres-adapter): the
// ephemeral streams (positions, KPIs) emitted to a room reach sockets on every node. Logged events do not need it:
// each node hears them through the event tail and delivers them to its own sockets. Channels are prefixed with the
// schema, so deployments (or test schemas) sharing one database do not hear each other.
import { createAdapter } from '@socket.io/postgres-adapter';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { guardCheckedOutClients } from '../db/pg-database.js';

/** Installs the adapter on the app's Socket.IO server; returns the function that closes its pool. */
export async function installSocketAdapter(app: FastifyInstance, databaseUrl: string): Promise<() => Promise<void>> {
  const schema = (await app.db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
  const pool = new pg.Pool({
    connectionString: databaseUrl, max: 3,
    options: [process.env.PGOPTIONS, `-c search_path=${schema},public`].filter(Boolean).join(' '),
  });
  pool.on('error', (error) => app.log.warn({ err: error }, 'socket adapter pool error'));
  // The adapter keeps one client checked out for LISTEN and attaches no 'error' listener to it: without this a
  // PostgreSQL restart crashed the node. After the error the client ends and the adapter reconnects on its own.
  guardCheckedOutClients(pool, (error) => app.log.warn({ err: error }, 'socket adapter connection lost'));
  app.realtime.io.adapter(createAdapter(pool, {
    channelPrefix: `jejaring_io_${schema}`, tableName: 'socket_io_attachments',
    errorHandler: (error) => app.log.warn({ err: error }, 'socket adapter error'),
  }));
  return async () => {
    // Closing every namespace's adapter releases the LISTEN client; only then can the pool end.
    const namespaces = (app.realtime.io as unknown as { _nsps: Map<string, { adapter: { close(): unknown } }> })._nsps;
    for (const nsp of namespaces.values()) await Promise.resolve(nsp.adapter.close()).catch(() => undefined);
    await Promise.race([pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
  };
}
