// Two nodes on one PostgreSQL schema (only when DATABASE_URL is set): an ephemeral broadcast made on node A reaches
// a dispatcher socket on node B through the Socket.IO adapter, and a logged event committed on A reaches it exactly
// once (through the event tail, not twice).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import type { Database } from '../../api/db/database.js';
import { openDatabase } from '../../api/db/open-database.js';
import { dropPgSchema } from '../../api/db/pg-database.js';
import { admin, createOrder, marketWithStalls, orderBody } from '../api/helpers/fixtures.js';
import { connect } from '../e2e/helpers/sockets.js';
import { waitFor } from '../../benchmarks/cluster-process.js';

const url = process.env.DATABASE_URL;
const schema = `t_${randomBytes(6).toString('hex')}`;
const dbs: Database[] = [];
const apps: FastifyInstance[] = [];
const urls: string[] = [];

describe.skipIf(!url)('Socket.IO across two nodes [postgres]', () => {
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase({ databaseUrl: url, schema, maxConnections: 4 });
      const app = await buildApp({ db, secret: 'adapter-secret-0123456789abcdef', rateLimit: false, docs: false, realtime: true, cluster: { databaseUrl: url, pollMs: 100 } });
      urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
      dbs.push(db);
      apps.push(app);
    }
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const db of dbs) await db.close();
    if (url) await dropPgSchema(url, schema);
  }, 30_000);

  it('carries ephemeral broadcasts between nodes and delivers logged events once', async () => {
    const [a, b] = apps;
    const { market, stalls } = await marketWithStalls(a);
    const token = (await admin(b)).authorization.slice('Bearer '.length);
    const socket = await connect(urls[1], '/dispatch', { token, marketIds: [market.id] });
    try {
      await socket.ready;
      // An ephemeral KPI made on node A, for a room whose only member is on node B.
      await waitFor('the ephemeral broadcast from node A on node B', async () => {
        a.realtime.publishEphemeral({ type: 'market.kpi', marketId: market.id, courierId: null, payload: { probe: true } });
        return socket.received.some((e) => e.type === 'market.kpi') ? true : undefined;
      }, 10_000, 300);
      const order = await createOrder(a, orderBody(market.id, [stalls[0].id]));
      await socket.waitFor((e) => e.type === 'order.created' && e.orderId === order.id, 10_000);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(socket.received.filter((e) => e.type === 'order.created' && e.orderId === order.id)).toHaveLength(1);
    } finally {
      socket.close();
    }
  }, 60_000);
});
