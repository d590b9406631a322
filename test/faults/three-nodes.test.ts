// Fault test with real processes (only when DATABASE_URL is set): three `jejaring serve` nodes on one PostgreSQL
// schema split six markets; one is killed with SIGKILL while its orders wait in the batching window. Its markets
// must be leased by the survivors within 10 s, and every order must end up assigned to exactly one courier.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import type { Database } from '../../api/db/database.js';
import { openDatabase } from '../../api/db/open-database.js';
import { dropPgSchema } from '../../api/db/pg-database.js';
import { createOrder, orderBody } from '../api/helpers/fixtures.js';
import { courierHeaders, seedPangkalanMarkets } from './helpers/pangkalan-markets.js';
import { startNode, waitFor, type NodeProcess } from '../../benchmarks/cluster-process.js';

const url = process.env.DATABASE_URL;
const SECRET = 'fault-secret-0123456789abcdef';
const schema = `t_${randomBytes(6).toString('hex')}`;
let db: Database;
let app: FastifyInstance;
let nodes: NodeProcess[] = [];

const pidOf = (nodeId: string): number => Number(/-(\d+)-[^-]+$/.exec(nodeId)?.[1]);

async function leasesByPid(): Promise<Map<number, string[]>> {
  const rows = await db.query<{ node_id: string; market_id: string }>('SELECT node_id, market_id FROM market_leases WHERE expires_at > now() ORDER BY market_id');
  const out = new Map<number, string[]>();
  for (const r of rows.rows) out.set(pidOf(r.node_id), [...(out.get(pidOf(r.node_id)) ?? []), r.market_id]);
  return out;
}

describe.skipIf(!url)('three nodes, one killed mid-batch [postgres]', () => {
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: url, schema, maxConnections: 4 });
    app = await buildApp({ db, secret: SECRET, rateLimit: false, docs: false });
    await app.ready();
    const env = { DATABASE_URL: url!, PGOPTIONS: `-c search_path=${schema},public`, JEJARING_SECRET: SECRET, JEJARING_BATCH_WINDOW_MS: '3000' };
    nodes = await Promise.all([startNode(env), startNode(env), startNode(env)]);
  }, 180_000);

  afterAll(async () => {
    for (const n of nodes) if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill('SIGKILL');
    await app?.close();
    await db?.close();
    if (url) await dropPgSchema(url, schema);
  }, 60_000);

  it('re-plans the dead node’s markets elsewhere within 10 s and assigns every order exactly once', async () => {
    const markets = await seedPangkalanMarkets(app, { count: 6, couriersPerMarket: 2, name: 'Pasar Uji' });
    const couriers = courierHeaders(markets);
    const pids = nodes.map((n) => n.child.pid!);
    await waitFor('six markets split 2/2/2 over the three nodes', async () => {
      const held = await leasesByPid();
      return pids.every((pid) => held.get(pid)?.length === 2) ? held : undefined;
    }, 30_000);

    const orderIds: string[] = [];
    for (const [i, m] of markets.entries()) {
      for (let k = 0; k < 2; k++) {
        const body = orderBody(m.id, [m.stallId], { customer: { name: `Ibu ${i}${k}`, phone: '+6281234567890', address: { lon: 106.70 + i * 0.03 + 0.004 * (k + 1), lat: -6.2346 } } });
        orderIds.push((await createOrder(app, body)).id);
      }
    }
    // Mid-batch: the orders wait in their markets' 3 s window when the holder of two of them dies.
    const victim = nodes[0];
    const victimMarkets = (await leasesByPid()).get(victim.child.pid!)!;
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    const takeoverMs = await waitFor('the dead node’s markets leased by the survivors', async () => {
      const held = await leasesByPid();
      const survivors = [...held.entries()].filter(([pid]) => pid !== victim.child.pid).flatMap(([, ids]) => ids);
      return victimMarkets.every((id) => survivors.includes(id)) ? Date.now() - killedAt : undefined;
    }, 20_000, 100);
    expect(takeoverMs).toBeLessThan(10_000);

    // Couriers accept whatever they are offered until every order is assigned.
    await waitFor('every order assigned', async () => {
      const pending = await db.query<{ id: string; courier_id: string }>(`SELECT id, courier_id FROM offers WHERE status = 'pending'`);
      for (const offer of pending.rows) {
        await app.inject({ method: 'POST', url: `/v1/offers/${offer.id}/accept`, headers: couriers.get(offer.courier_id)! });
      }
      const open = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE status IN ('created', 'batched', 'offered')`);
      return open.rows[0].n === 0 ? true : undefined;
    }, 90_000, 500);

    const orders = await db.query<{ id: string; status: string }>('SELECT id, status FROM orders ORDER BY id');
    expect(orders.rows.map((r) => r.id).sort()).toEqual([...orderIds].sort());
    for (const r of orders.rows) expect(r.status).toBe('assigned');
    const assignments = await db.query<{ order_id: string; routes: number }>(
      `SELECT s.order_id, count(DISTINCT s.route_id)::int AS routes FROM stops s
         JOIN offers o ON o.route_id = s.route_id AND o.status = 'accepted'
        WHERE s.kind = 'delivery' GROUP BY s.order_id`);
    expect(assignments.rows.length).toBe(orderIds.length);
    for (const a of assignments.rows) expect(a.routes, `order ${a.order_id} is on ${a.routes} accepted routes`).toBe(1);
    process.stdout.write(`fault: takeover after kill -9 in ${takeoverMs} ms\n`);
  }, 240_000);
});
