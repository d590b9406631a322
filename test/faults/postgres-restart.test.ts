// Fault test with real processes: two `jejaring serve` nodes on a private, throwaway PostgreSQL (never the shared
// one) that is stopped and started again under them. The nodes must stay up, report unready while the database is
// down and ready after, lease every market again, and plan and offer new orders; no order lost or double-assigned.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import type { Database } from '../../api/db/database.js';
import { openDatabase } from '../../api/db/open-database.js';
import { admin, createOrder, orderBody, type Headers } from '../api/helpers/fixtures.js';
import { connect, type TestSocket } from '../e2e/helpers/sockets.js';
import { courierHeaders, seedPangkalanMarkets } from './helpers/pangkalan-markets.js';
import { startNode, waitFor, type NodeProcess } from '../../benchmarks/cluster-process.js';
import { findPgBin, startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.js';

const binDir = findPgBin();
const skip = !process.env.DATABASE_URL || !binDir;
if (skip) process.stdout.write(`postgres-restart: skipped (${!binDir ? 'no PostgreSQL binaries under /usr/lib/postgresql/*/bin' : 'DATABASE_URL unset'})\n`);

const SECRET = 'fault-secret-0123456789abcdef';
let server: PrivatePostgres | undefined;
let db: Database;
let app: FastifyInstance;
let nodes: NodeProcess[] = [];

const alive = (n: NodeProcess) => n.child.exitCode === null && n.child.signalCode === null;
const readyStatus = async (n: NodeProcess) => (await fetch(`${n.url}/ready`, { signal: AbortSignal.timeout(3_000) })).status;

describe.skipIf(skip)('PostgreSQL restarted under two nodes [postgres]', () => {
  beforeAll(async () => {
    server = await startPrivatePostgres(binDir!);
    db = await openDatabase({ databaseUrl: server.url, maxConnections: 4 });
    app = await buildApp({ db, secret: SECRET, rateLimit: false, docs: false });
    await app.ready();
    // Short leases so the restart is seen and healed quickly; a 1 s batching window.
    const env = { DATABASE_URL: server.url, PGOPTIONS: '', JEJARING_SECRET: SECRET, JEJARING_BATCH_WINDOW_MS: '1000' };
    nodes = await Promise.all([startNode(env), startNode(env)]);
  }, 120_000);

  afterAll(async () => {
    for (const n of nodes) if (!alive(n)) process.stderr.write(`node ${n.url} exited (${n.child.exitCode ?? n.child.signalCode}):\n${n.output()}\n`);
    for (const n of nodes) if (alive(n)) n.child.kill('SIGKILL');
    await app?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await server?.destroy();
  }, 60_000);

  /** Accepts every pending offer until no order waits; returns the ids of the orders now assigned. */
  async function acceptAll(couriers: Map<string, Headers>, expected: number): Promise<void> {
    await waitFor(`${expected} orders assigned`, async () => {
      const pending = await db.query<{ id: string; courier_id: string }>(`SELECT id, courier_id FROM offers WHERE status = 'pending'`);
      for (const offer of pending.rows) await app.inject({ method: 'POST', url: `/v1/offers/${offer.id}/accept`, headers: couriers.get(offer.courier_id)! });
      const done = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE status = 'assigned'`);
      return done.rows[0].n === expected ? true : undefined;
    }, 30_000, 300);
  }

  it('keeps the nodes up, reports unready while down, re-leases every market and plans new orders after', async () => {
    const markets = await seedPangkalanMarkets(app, { count: 2, couriersPerMarket: 2, name: 'Pasar Ulang' });
    const couriers = courierHeaders(markets);
    const adminHeaders = await admin(app);
    /** Market ids each node says it holds (GET /v1/cluster on that node). */
    const heldByNodes = async () => Promise.all(nodes.map(async (n) => {
      const res = await fetch(`${n.url}/v1/cluster`, { headers: adminHeaders, signal: AbortSignal.timeout(3_000) });
      return res.ok ? ((await res.json()) as { held: string[] }).held : undefined;
    }));
    const splitOnePerNode = async () => {
      const held = await heldByNodes();
      if (held.some((h) => h === undefined)) return undefined;
      const ids = held.flatMap((h) => h!).sort();
      // Each market on exactly one node, one market per node (the fair share of two markets over two nodes).
      return ids.join() === markets.map((m) => m.id).sort().join() && held.every((h) => h!.length === 1) ? held : undefined;
    };
    await waitFor('the markets split one per node', splitOnePerNode, 20_000);

    const orderIds: string[] = [];
    const order = async (m: (typeof markets)[number], tag: string) => {
      const body = orderBody(m.id, [m.stallId], { customer: { name: `Ibu ${tag}`, phone: '+6281234567890', address: { lon: m.lon + 0.004, lat: -6.2346 } } });
      orderIds.push((await createOrder(app, body)).id);
    };
    for (const m of markets) await order(m, `${m.id}-a`);
    await acceptAll(couriers, 2);

    // Database down: every node stays up and reports unready.
    await server!.stop();
    const downAt = Date.now();
    for (const n of nodes) await waitFor(`${n.url} unready`, async () => ((await readyStatus(n)) === 503 ? true : undefined), 10_000);
    // Down longer than a lease (5 s): each node must drop its markets, and re-lease and re-adopt them after.
    await new Promise((r) => setTimeout(r, Math.max(0, 6_500 - (Date.now() - downAt))));
    for (const n of nodes) expect(alive(n), `node died while the database was down:\n${n.output()}`).toBe(true);

    // Back up: ready again, every market leased again, new orders planned and offered.
    await server!.start();
    const upAt = Date.now();
    for (const n of nodes) await waitFor(`${n.url} ready again`, async () => ((await readyStatus(n)) === 200 ? true : undefined), 15_000);
    const heldAfter = await waitFor('the markets split one per node again', splitOnePerNode, 20_000);
    const recoveredMs = Date.now() - upAt;
    // A dispatcher socket on each node: courier positions are streamed (not logged) by the node that plans the
    // courier's market, so on the other node they can only arrive through the Socket.IO adapter, whose LISTEN
    // connection must have come back too.
    const token = adminHeaders.authorization.slice('Bearer '.length);
    const sockets: TestSocket[] = [];
    try {
      for (const n of nodes) sockets.push(await connect(n.url, '/dispatch', { token, marketIds: markets.map((m) => m.id) }));
      await Promise.all(sockets.map((s) => s.ready));
      await waitFor('courier positions from the other node on each node', async () => {
        for (const [courierId, headers] of couriers) {
          // A fresh fix a few metres around the courier's market: the couriers on a route stay near their first stall,
          // so the new orders below are offered at once (a busy courier kilometres away has them held for it).
          const home = markets.find((m) => m.couriers.some((c) => c.id === courierId))!;
          const fix = { positions: [{ lon: home.lon + Math.random() * 0.001, lat: -6.2415, recorded_at: new Date().toISOString() }] };
          await app.inject({ method: 'POST', url: `/v1/couriers/${courierId}/positions`, headers, payload: fix });
        }
        return sockets.every((s, i) => s.received.some((e) => e.type === 'courier.position' && heldAfter[1 - i]!.includes(e.marketId as string)))
          ? true : undefined;
      }, 20_000, 1_000);
      for (const m of markets) await order(m, `${m.id}-b`);
    } finally {
      for (const s of sockets) s.close();
    }
    await waitFor('new orders offered', async () => {
      const offered = await db.query<{ n: number }>(`SELECT count(DISTINCT s.order_id)::int AS n FROM offers o JOIN stops s ON s.route_id = o.route_id
         WHERE s.kind = 'delivery' AND s.order_id = ANY($1::text[])`, [orderIds.slice(2)]);
      return offered.rows[0].n === 2 ? true : undefined;
    }, 20_000);
    await acceptAll(couriers, 4);

    for (const n of nodes) expect(alive(n), `node died after the restart:\n${n.output()}`).toBe(true);
    expect(nodes.some((n) => n.output().includes('market leases lost')), 'no node dropped its leases while the database was down').toBe(true);
    const orders = await db.query<{ id: string; status: string }>('SELECT id, status FROM orders ORDER BY id');
    expect(orders.rows.map((r) => r.id).sort()).toEqual([...orderIds].sort());
    for (const r of orders.rows) expect(r.status).toBe('assigned');
    const assignments = await db.query<{ order_id: string; routes: number }>(
      `SELECT s.order_id, count(DISTINCT s.route_id)::int AS routes FROM stops s
         JOIN offers o ON o.route_id = s.route_id AND o.status = 'accepted'
        WHERE s.kind = 'delivery' GROUP BY s.order_id`);
    expect(assignments.rows.length).toBe(orderIds.length);
    for (const a of assignments.rows) expect(a.routes, `order ${a.order_id} is on ${a.routes} accepted routes`).toBe(1);
    process.stdout.write(`fault: nodes ready and markets split one per node ${recoveredMs} ms after PostgreSQL came back\n`);
  }, 90_000);
});
