// Backlog drill (`jejaring bench backlog`): thousands of orders wait in a market with no couriers while two
// `jejaring serve` nodes share one PostgreSQL (DATABASE_URL, a fresh schema). Measures how long each node takes to
// be ready, whether the market leases settle into an even split and stay put, how fast a new order in another market
// is offered (one probe order every few seconds, cancelled once offered), and that no acknowledged order is lost.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { startNode, type NodeProcess } from './cluster-process.js';
import { seedLoadWorld } from './load-world.js';
import { PACKAGE_ROOT } from '../api/package-root.js';

const ROOT = PACKAGE_ROOT;
const SECRET = 'backlog-drill-secret-0123456789';
const CLOCK_TICKS_PER_S = 100; // /proc/<pid>/stat utime and stime unit on Linux
/** A node not ready after this long counts as failed to start (generous: a loaded machine compiles slowly). */
const START_LIMIT_MS = 600_000;

export interface BacklogDrillOptions {
  readonly databaseUrl: string;
  /** Orders waiting in the market without couriers. */
  readonly backlogOrders: number;
  /** Other markets, each with `couriersPerMarket` online pangkalan couriers, where probe orders go. */
  readonly markets?: number;
  readonly couriersPerMarket?: number;
  /** Observation time after both nodes are ready (s). */
  readonly durationS: number;
  /** Lease changes are counted from the first even split, but no earlier than this after the nodes are ready (s). */
  readonly settleS?: number;
  /** One probe order every this many seconds. */
  readonly probeEveryS?: number;
  /** Batching window of the nodes (ms). */
  readonly batchWindowMs?: number;
  readonly log?: (line: string) => void;
}

export interface BacklogDrillSummary {
  readonly backlogOrders: number;
  readonly nodes: number;
  readonly markets: number;
  readonly durationS: number;
  readonly batchWindowMs: number;
  readonly seedS: number;
  /** Slowest node: spawn to `/ready` answering 200 (s); null when a node failed to start. */
  readonly nodeStartS: number | null;
  readonly nodeStartsS: readonly number[];
  /** CPU time each started node had used when it was ready (s): start time on an idle machine, roughly. */
  readonly nodeStartCpuS: readonly number[];
  /** First line of each failed start. */
  readonly nodeFailures: readonly string[];
  /** Seconds after the nodes were ready when the leases first split evenly (null: never). */
  readonly settledAfterS: number | null;
  readonly leaseChangesAfterSettling: number;
  readonly leaseChangesPerNodePerMin: number | null;
  /** Markets held per node at the end. */
  readonly leaseSplit: readonly number[];
  readonly probes: number;
  readonly probesNotOffered: number;
  readonly newOrderOfferP50S: number | null;
  /** p95 from order creation to its first offer; a probe never offered counts with the time it waited (a lower bound). */
  readonly newOrderOfferP95S: number | null;
  /** Acknowledged orders (backlog and probes) missing from the database at the end. */
  readonly ordersLost: number;
  /** Node processes' CPU time (user + system, s) over the drill. */
  readonly nodeCpuS: readonly number[];
  readonly wallS: number;
}

interface Probe {
  readonly id: string;
  readonly createdAtMs: number;
  offerS: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: readonly number[], q: number): number | null =>
  sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const round = (v: number | null, digits = 2): number | null => (v === null ? null : Number(v.toFixed(digits)));

function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S; // utime, stime
  } catch {
    return 0;
  }
}

function firstErrorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return /FST_ERR_[A-Z_]+|A callback for '\w+' hook timed out|exited with \d+/.exec(text)?.[0] ?? text.split('\n')[0];
}

async function post(app: FastifyInstance, url: string, token: string, payload: unknown): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, any>;
}

function orderFor(marketId: string, stallId: string, lon: number, lat: number, i: number): Record<string, unknown> {
  return {
    market_id: marketId,
    customer: { name: `Ibu ${i}`, phone: '+6281234567890', address: { lon: lon + 0.004 + (i % 7) * 0.0005, lat: lat + 0.003 }, landmark: null },
    items: [{ stall_id: stallId, name: 'bayam', quantity: 2, unit: 'ikat', unit_price_rp: 3_500, weight_kg: 0.5 }],
  };
}

/** Starts a node and waits until its `/ready` answers 200; resolves with the node and its start time (s). */
async function startReadyNode(env: Record<string, string>): Promise<{ node: NodeProcess; startS: number }> {
  const t0 = performance.now();
  const node = await startNode(env, START_LIMIT_MS);
  for (;;) {
    const res = await fetch(`${node.url}/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (res?.status === 200) break;
    if (performance.now() - t0 > START_LIMIT_MS) {
      node.child.kill('SIGKILL');
      throw new Error(`node ${node.url} not ready after ${START_LIMIT_MS / 1000} s:\n${node.output()}`);
    }
    await sleep(100);
  }
  return { node, startS: (performance.now() - t0) / 1000 };
}

export async function runBacklogDrill(options: BacklogDrillOptions): Promise<BacklogDrillSummary> {
  const { openDatabase } = await import('../api/db/open-database.js');
  const { dropPgSchema } = await import('../api/db/pg-database.js');
  const { buildApp } = await import('../api/app.js');
  const log = options.log ?? (() => {});
  const marketCount = options.markets ?? 3;
  const batchWindowMs = options.batchWindowMs ?? 5_000;
  const probeEveryMs = (options.probeEveryS ?? 5) * 1000;
  const settleMs = (options.settleS ?? 30) * 1000;
  const schema = `t_backlog_${randomBytes(4).toString('hex')}`;
  const db = await openDatabase({ databaseUrl: options.databaseUrl, schema, maxConnections: 8 });
  const app = await buildApp({ db, secret: SECRET, rateLimit: false, docs: false });
  const nodes: NodeProcess[] = [];
  const wall0 = performance.now();
  try {
    await app.ready();
    const seed0 = performance.now();
    const world = await seedLoadWorld(app, marketCount * (options.couriersPerMarket ?? 2), marketCount);
    const token = world.adminToken;
    const backlogAt = { lon: 106.86, lat: -6.31 };
    const backlogMarket = await post(app, '/v1/markets', token, { name: 'Pasar Tanpa Kurir', city: 'Jakarta', location: backlogAt, service_radius_m: 6000 });
    const backlogStall = await post(app, `/v1/markets/${backlogMarket.id}/stalls`, token, { name: 'Kios Sayur', stall_code: 'B-1', location: { lon: backlogAt.lon + 0.0003, lat: backlogAt.lat } });
    const acknowledged: string[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = next++; i < options.backlogOrders; i = next++) {
        acknowledged.push((await post(app, '/v1/orders', token, orderFor(backlogMarket.id, backlogStall.id, backlogAt.lon, backlogAt.lat, i))).id);
      }
    }));
    const seedS = (performance.now() - seed0) / 1000;
    log(`seeded ${acknowledged.length} waiting orders and ${marketCount} markets with couriers in ${seedS.toFixed(1)} s`);

    const env = { DATABASE_URL: options.databaseUrl, PGOPTIONS: `-c search_path=${schema},public`, JEJARING_SECRET: SECRET, JEJARING_BATCH_WINDOW_MS: String(batchWindowMs) };
    const attempts = await Promise.allSettled([startReadyNode(env), startReadyNode(env)]);
    const started = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const nodeFailures = attempts.flatMap((a) => (a.status === 'rejected' ? [firstErrorLine(a.reason)] : []));
    nodes.push(...started.map((s) => s.node));
    const nodeStartsS = started.map((s) => s.startS);
    const cpu0 = nodes.map((n) => cpuSecondsOf(n.child.pid));
    log(`nodes ready after ${nodeStartsS.map((s) => s.toFixed(1)).join(' s, ')} s${nodeFailures.length > 0 ? `; failed: ${nodeFailures.join('; ')}` : ''}`);

    const pidOf = (nodeId: string): number => Number(/-(\d+)-[^-]+$/.exec(nodeId)?.[1]);
    const allMarkets = [...world.markets.map((m) => m.id), backlogMarket.id];
    let previous = new Map<string, number>();
    let changes = 0;
    let settledAtMs: number | null = null;
    const probes: Probe[] = [];
    const ready0 = performance.now();
    let nextProbeMs = ready0;
    for (let tick = 0; performance.now() - ready0 < options.durationS * 1000; tick++) {
      const nowMs = performance.now();
      // Leases: who holds each market now, and how many holders changed since the last sample.
      const rows = await db.query<{ market_id: string; node_id: string }>('SELECT market_id, node_id FROM market_leases WHERE expires_at > now()');
      const holders = new Map(rows.rows.map((r) => [r.market_id, pidOf(r.node_id)]));
      const perNode = nodes.map((n) => [...holders.values()].filter((pid) => pid === n.child.pid).length);
      const even = nodes.length > 0 && holders.size === allMarkets.length && Math.max(...perNode) - Math.min(...perNode) <= 1;
      if (settledAtMs === null && even && nowMs - ready0 >= settleMs) settledAtMs = nowMs;
      if (settledAtMs !== null && settledAtMs < nowMs) for (const id of allMarkets) if (holders.get(id) !== previous.get(id)) changes++;
      previous = holders;
      // Probes: one new order in a market with couriers; cancelled as soon as it is offered (its courier is free again).
      if (nowMs >= nextProbeMs) {
        nextProbeMs += probeEveryMs;
        const m = world.markets[probes.length % world.markets.length];
        const order = await post(app, '/v1/orders', token, orderFor(m.id, m.stallId, m.lon, m.lat, probes.length));
        acknowledged.push(order.id);
        probes.push({ id: order.id, createdAtMs: new Date(order.created_at).getTime(), offerS: null });
      }
      const open = probes.filter((p) => p.offerS === null);
      if (open.length > 0) {
        const offered = await db.query<{ order_id: string; offered_ms: number }>(
          `SELECT s.order_id, extract(epoch FROM min(o.created_at)) * 1000 AS offered_ms FROM offers o JOIN stops s ON s.route_id = o.route_id
            WHERE s.order_id = ANY($1::text[]) AND s.kind = 'delivery' GROUP BY s.order_id`, [open.map((p) => p.id)]);
        for (const row of offered.rows) {
          const probe = open.find((p) => p.id === row.order_id)!;
          probe.offerS = (Number(row.offered_ms) - probe.createdAtMs) / 1000;
          await post(app, `/v1/orders/${probe.id}/cancel`, token, { reason: 'probe' }).catch(() => undefined);
        }
      }
      if (tick % 30 === 0) log(`t=${((nowMs - ready0) / 1000).toFixed(0)} s leases ${perNode.join('/')} changes ${changes} probes ${probes.length - open.length}/${probes.length} offered`);
      await sleep(Math.max(0, 1_000 - (performance.now() - nowMs)));
    }
    const endMs = performance.now();
    const nodeCpuS = nodes.map((n, i) => cpuSecondsOf(n.child.pid) - cpu0[i]);

    const found = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::text[])', [acknowledged]);
    const waits = probes.map((p) => p.offerS ?? (Date.now() - p.createdAtMs) / 1000).sort((a, b) => a - b);
    const observedMin = settledAtMs === null ? 0 : (endMs - settledAtMs) / 60_000;
    const finalSplit = nodes.map((n) => [...previous.values()].filter((pid) => pid === n.child.pid).length);
    return {
      backlogOrders: options.backlogOrders, nodes: nodes.length, markets: allMarkets.length, durationS: options.durationS, batchWindowMs,
      seedS: round(seedS, 1)!,
      nodeStartS: nodeFailures.length > 0 ? null : round(Math.max(...nodeStartsS))!, nodeStartsS: nodeStartsS.map((s) => round(s)!),
      nodeStartCpuS: cpu0.map((s) => round(s, 1)!), nodeFailures,
      settledAfterS: settledAtMs === null ? null : round((settledAtMs - ready0) / 1000, 1),
      leaseChangesAfterSettling: changes,
      leaseChangesPerNodePerMin: observedMin > 0 ? round(changes / nodes.length / observedMin, 3) : null,
      leaseSplit: finalSplit,
      probes: probes.length, probesNotOffered: probes.filter((p) => p.offerS === null).length,
      newOrderOfferP50S: round(quantile(waits, 0.5)), newOrderOfferP95S: round(quantile(waits, 0.95)),
      ordersLost: acknowledged.length - found.rows[0].n,
      nodeCpuS: nodeCpuS.map((s) => round(s, 1)!),
      wallS: round((performance.now() - wall0) / 1000, 1)!,
    };
  } finally {
    for (const n of nodes) if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill('SIGKILL');
    await app.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await dropPgSchema(options.databaseUrl, schema).catch(() => undefined);
  }
}

function markdownOf(s: BacklogDrillSummary, load: number[]): string {
  return [
    '# Backlog drill',
    '',
    `${s.backlogOrders} orders waiting in a market with no couriers, ${s.nodes} \`jejaring serve\` nodes on one PostgreSQL, ${s.markets} markets,`,
    `${s.durationS} s observed, batching window ${s.batchWindowMs} ms; ${cpus().length} cores, load average ${load.map((l) => l.toFixed(1)).join(' / ')} at the start.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| slowest node start to ready | ${s.nodeStartS ?? 'a node failed'} s (${s.nodeStartsS.join(' s, ')} s; CPU ${s.nodeStartCpuS.join(' s, ')} s)${s.nodeFailures.length > 0 ? `; failed: ${s.nodeFailures.join('; ')}` : ''} |`,
    `| leases split evenly after | ${s.settledAfterS ?? 'never'} s |`,
    `| lease changes after settling | ${s.leaseChangesAfterSettling} (${s.leaseChangesPerNodePerMin ?? '–'} per node per minute) |`,
    `| markets per node at the end | ${s.leaseSplit.join(' / ')} |`,
    `| new order to offer p50 / p95 | ${s.newOrderOfferP50S ?? '–'} s / ${s.newOrderOfferP95S ?? '–'} s (${s.probes} probes, ${s.probesNotOffered} never offered) |`,
    `| acknowledged orders lost | ${s.ordersLost} |`,
    `| node CPU time over the drill | ${s.nodeCpuS.join(' s, ')} s (wall ${s.wallS} s in all, seeding ${s.seedS} s) |`,
    '',
  ].join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      orders: { type: 'string', default: '3000' },
      'duration-s': { type: 'string', default: '300' },
      out: { type: 'string', default: join(ROOT, 'benchmarks', 'results') },
    },
    strict: true,
  });
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    process.stderr.write('bench backlog needs PostgreSQL: set DATABASE_URL (a fresh schema is created and dropped)\n');
    return 2;
  }
  const load = loadavg();
  const summary = await runBacklogDrill({
    databaseUrl, backlogOrders: Number(values.orders), durationS: Number(values['duration-s']),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'backlog.json'), `${JSON.stringify({ ...summary, cores: cpus().length, loadAverage: load }, null, 2)}\n`);
  writeFileSync(join(values.out!, 'backlog.md'), markdownOf(summary, load));
  if (!values.json) process.stdout.write(markdownOf(summary, load));
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
