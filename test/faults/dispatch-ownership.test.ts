// Dispatcher actions in cluster mode (only when DATABASE_URL is set): two `jejaring serve` nodes split two markets.
// A market action sent to the node that does not plan the market answers 409 `market_not_owned` naming the lease
// holder; the holder answers it; courier pause/resume (plain store transitions) work on either node.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import type { Database } from '../../api/db/database.js';
import { openDatabase } from '../../api/db/open-database.js';
import { dropPgSchema } from '../../api/db/pg-database.js';
import { admin, createOrder, orderBody } from '../api/helpers/fixtures.js';
import { seedPangkalanMarkets } from './helpers/pangkalan-markets.js';
import { startNode, waitFor, type NodeProcess } from '../../benchmarks/cluster-process.js';

const url = process.env.DATABASE_URL;
const SECRET = 'fault-secret-0123456789abcdef';
const schema = `t_${randomBytes(6).toString('hex')}`;
let db: Database;
let app: FastifyInstance;
let nodes: NodeProcess[] = [];

describe.skipIf(!url)('dispatcher actions on two nodes [postgres]', () => {
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: url, schema, maxConnections: 4 });
    app = await buildApp({ db, secret: SECRET, rateLimit: false, docs: false });
    await app.ready();
    const env = { DATABASE_URL: url!, PGOPTIONS: `-c search_path=${schema},public`, JEJARING_SECRET: SECRET, JEJARING_BATCH_WINDOW_MS: '60000' };
    nodes = await Promise.all([startNode(env), startNode(env)]);
  }, 120_000);

  afterAll(async () => {
    for (const n of nodes) if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill('SIGKILL');
    await app?.close();
    await db?.close();
    if (url) await dropPgSchema(url, schema);
  }, 60_000);

  it('answers 409 market_not_owned with the holder on the other node, and serves the action on the holder', async () => {
    const markets = (await seedPangkalanMarkets(app, { count: 2, couriersPerMarket: 1, name: 'Pasar Milik' }))
      .map((m) => ({ id: m.id, stallId: m.stallId, courierId: m.couriers[0].id, courier: m.couriers[0].headers }));
    const auth = await admin(app);
    const call = async (n: NodeProcess, method: 'GET' | 'POST', path: string, body?: unknown) => {
      const res = await fetch(`${n.url}${path}`, {
        method, headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(5_000),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const cluster = await waitFor('the markets split one per node', async () => {
      const views = await Promise.all(nodes.map(async (n) => (await call(n, 'GET', '/v1/cluster')).body as { node_id: string; held: string[] }));
      return views.every((v) => v.held.length === 1) ? views : undefined;
    }, 30_000);

    const market = markets[0];
    const owner = cluster.findIndex((v) => v.held.includes(market.id));
    const [holder, other] = [nodes[owner], nodes[1 - owner]];

    const state = await call(other, 'GET', `/v1/dispatch/markets/${market.id}/state`);
    expect(state.status).toBe(409);
    expect(state.body).toMatchObject({ code: 'market_not_owned', market_id: market.id, owner_node_id: cluster[owner].node_id });
    expect((await call(holder, 'GET', `/v1/dispatch/markets/${market.id}/state`)).status).toBe(200);

    const replan = await call(other, 'POST', `/v1/dispatch/markets/${market.id}/replan`);
    expect(replan.body).toMatchObject({ status: 409, code: 'market_not_owned', owner_node_id: cluster[owner].node_id });
    expect((await call(holder, 'POST', `/v1/dispatch/markets/${market.id}/replan`)).status).toBe(200);

    // An order waiting in the (long) batching window: pinning it is the holder's business.
    const address = { lon: 106.70 + 0.004, lat: -6.2346 };
    const order = await createOrder(app, orderBody(market.id, [market.stallId], { customer: { name: 'Ibu Sari', phone: '+6281234567890', address } }));
    const pinOther = await call(other, 'POST', `/v1/dispatch/orders/${order.id}/pin`, { courier_id: market.courierId });
    expect(pinOther.body).toMatchObject({ status: 409, code: 'market_not_owned', market_id: market.id, owner_node_id: cluster[owner].node_id });
    const pinned = await waitFor('the holder pins the order once its tail heard it', async () => {
      const res = await call(holder, 'POST', `/v1/dispatch/orders/${order.id}/pin`, { courier_id: market.courierId });
      return res.status === 200 ? res.body : undefined;
    }, 10_000);
    expect(pinned).toMatchObject({ ok: true, order_id: order.id, courier_id: market.courierId });
    const held = await call(holder, 'GET', `/v1/dispatch/markets/${market.id}/state`);
    expect(held.body.orders).toContainEqual(expect.objectContaining({ order_id: order.id, pinned_courier_id: market.courierId }));

    // Pause / resume are store transitions: the node that does not plan the courier's market runs them too.
    const paused = await call(other, 'POST', `/v1/dispatch/couriers/${market.courierId}/pause`);
    expect(paused.body).toMatchObject({ ok: true, courier_id: market.courierId, status: 'paused' });
    const resumed = await call(other, 'POST', `/v1/dispatch/couriers/${market.courierId}/resume`);
    expect(resumed.body).toMatchObject({ ok: true, courier_id: market.courierId });
    expect(resumed.body.status).not.toBe('paused');
  }, 120_000);
});
