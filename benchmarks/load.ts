// `jejaring bench load [--json] [--duration-s N] [--couriers N] [--orders-per-s R]`: a server child (Socket.IO
// gateway + dispatch loop, PGlite or PostgreSQL when DATABASE_URL is set) under order intake plus N couriers that
// report a position every 5 s over Socket.IO and accept their offers. Throughput, latency percentiles, the server's
// event-loop lag and memory over time, and the slopes that show whether anything grows without bound.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { loadSeed, seedLoadWorld, type LoadWorld } from './load-world.js';
import { PACKAGE_ROOT } from '../api/package-root.js';

const ROOT = PACKAGE_ROOT;
const SELF = fileURLToPath(import.meta.url);
const POSITION_PERIOD_MS = 5_000;
const SAMPLE_MS = 5_000;

/** One server sample (the child prints one every SAMPLE_MS). */
export interface ServerSample {
  readonly tS: number;
  readonly heapUsedMb: number;
  readonly rssMb: number;
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  /** Row counts: courier_positions, events, orders, accepted offers. */
  readonly positionRows: number;
  readonly eventRows: number;
  readonly orderRows: number;
  readonly acceptedOffers: number;
}

const pct = (sorted: number[], p: number): number => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

/** Least-squares slope of y over x (per unit of x). */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

// ---- server child -------------------------------------------------------------------------------------------
async function child(couriers: number, markets: number): Promise<void> {
  const { startServer } = await import('../api/server.js');
  const { HaversineProvider } = await import('../engine/index.js');
  const schema = process.env.DATABASE_URL ? `t_load_${randomBytes(4).toString('hex')}` : undefined;
  const routing = new HaversineProvider();
  const server = await startServer({
    port: 0, host: '127.0.0.1', handleSignals: false, logger: false, rateLimit: false, docs: false, secret: 'load-secret-0123456789abcdef',
    database: process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, schema, maxConnections: 10 } : {},
    realtime: true, dispatch: { routing, config: { batchWindowMs: 5_000 } },
  });
  const world: LoadWorld = await seedLoadWorld(server.app, couriers, markets);
  process.stdout.write(`${JSON.stringify({ seed: { url: server.url, ...world } })}\n`);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const startMs = Date.now();
  const timer = setInterval(() => {
    void (async () => {
      const counts = await server.app.db.query<{ p: number; e: number; o: number; a: number }>(
        `SELECT (SELECT count(*)::int FROM courier_positions) AS p, (SELECT count(*)::int FROM events) AS e,
                (SELECT count(*)::int FROM orders) AS o, (SELECT count(*)::int FROM offers WHERE status = 'accepted') AS a`);
      const mem = process.memoryUsage();
      const sample: ServerSample = {
        tS: round((Date.now() - startMs) / 1000), heapUsedMb: round(mem.heapUsed / 2 ** 20), rssMb: round(mem.rss / 2 ** 20),
        lagP50Ms: round(lag.percentile(50) / 1e6), lagP99Ms: round(lag.percentile(99) / 1e6), lagMaxMs: round(lag.max / 1e6),
        positionRows: counts.rows[0].p, eventRows: counts.rows[0].e, orderRows: counts.rows[0].o, acceptedOffers: counts.rows[0].a,
      };
      lag.reset();
      process.stdout.write(`${JSON.stringify({ sample })}\n`);
    })().catch((error: unknown) => process.stderr.write(`sample failed: ${String(error)}\n`));
  }, SAMPLE_MS);
  for await (const line of createInterface({ input: process.stdin })) if (line.trim() === 'stop') break;
  clearInterval(timer);
  await server.close();
  if (schema) {
    const { dropPgSchema } = await import('../api/db/pg-database.js');
    await dropPgSchema(process.env.DATABASE_URL!, schema);
  }
  process.exit(0);
}

// ---- load generator -----------------------------------------------------------------------------------------
interface Measured {
  orderMs: number[];
  orderErrors: number;
  positionMs: number[];
  positionErrors: number;
  acceptsOk: number;
  acceptsRefused: number;
}

function courierSocket(url: string, token: string, m: Measured, stopAt: number): Promise<Socket> {
  const socket = io(`${url}/courier`, { auth: { token }, transports: ['websocket'], reconnection: true, forceNew: true });
  socket.on('offer.created', (envelope: { payload?: { offer_id?: string } }) => {
    const offerId = envelope.payload?.offer_id;
    if (!offerId) return;
    socket.emit('offer.accept', { offerId }, (ack: { ok: boolean }) => (ack.ok ? m.acceptsOk++ : m.acceptsRefused++));
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  }).then(() => {
    // Each courier reports every 5 s, starting at a random phase so the reports spread evenly.
    const report = () => {
      if (Date.now() > stopAt) return;
      const sentMs = performance.now();
      socket.emit('courier.position', { lon: 106.8 + Math.random() * 0.05, lat: -6.2 + Math.random() * 0.05, at: new Date().toISOString() }, (ack: { ok: boolean }) => {
        if (ack.ok) m.positionMs.push(performance.now() - sentMs);
        else m.positionErrors++;
      });
    };
    setTimeout(() => {
      report();
      const t = setInterval(() => (Date.now() > stopAt ? clearInterval(t) : report()), POSITION_PERIOD_MS);
    }, Math.random() * POSITION_PERIOD_MS);
    return socket;
  });
}

async function orderLoop(url: string, seed: Awaited<ReturnType<typeof loadSeed>>, ratePerS: number, stopAt: number, m: Measured): Promise<void> {
  let n = 0;
  const inFlight = new Set<Promise<void>>();
  while (Date.now() < stopAt) {
    const market = seed.markets[n % seed.markets.length];
    const body = JSON.stringify({
      market_id: market.id,
      customer: { name: `Ibu ${n}`, phone: '+6281234567890', address: { lon: market.lon + 0.004 + (n % 7) * 0.001, lat: market.lat + 0.006 } },
      items: [{ stall_id: market.stallId, name: 'Cabai merah', quantity: 1, unit: 'kg', unit_price_rp: 30_000, weight_kg: 1 }],
    });
    const sentMs = performance.now();
    const p = fetch(`${url}/v1/orders`, { method: 'POST', headers: { authorization: `Bearer ${seed.adminToken}`, 'content-type': 'application/json' }, body })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status === 201) m.orderMs.push(performance.now() - sentMs);
        else m.orderErrors++;
      })
      .catch(() => void m.orderErrors++);
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    n++;
    await new Promise((r) => setTimeout(r, 1000 / ratePerS));
  }
  await Promise.allSettled([...inFlight]);
}

export interface LoadReport {
  readonly options: { durationS: number; couriers: number; ordersPerS: number; markets: number; backend: string };
  readonly machine: { cpus: number; loadavg1: number };
  readonly summary: Record<string, number | boolean>;
  readonly samples: ServerSample[];
}

async function measure(durationS: number, couriers: number, ordersPerS: number, markets: number): Promise<LoadReport> {
  const server = spawn(process.execPath, [...(SELF.endsWith('.ts') ? ['--import', 'tsx'] : []), SELF, '--child', String(couriers), String(markets)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: server.stdout! });
  const samples: ServerSample[] = [];
  const seeded = new Promise<Awaited<ReturnType<typeof loadSeed>>>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`load server exited with ${code}`)));
    lines.on('line', (line) => {
      const parsed = JSON.parse(line) as { seed?: unknown; sample?: ServerSample };
      if (parsed.seed) resolve(loadSeed(parsed.seed));
      if (parsed.sample) samples.push(parsed.sample);
    });
  });
  const seed = await seeded;
  const m: Measured = { orderMs: [], orderErrors: 0, positionMs: [], positionErrors: 0, acceptsOk: 0, acceptsRefused: 0 };
  const sockets: Socket[] = [];
  const stopAt = Date.now() + durationS * 1000 + 60_000; // provisional, set once everyone is connected
  for (let i = 0; i < seed.couriers.length; i += 50) {
    sockets.push(...(await Promise.all(seed.couriers.slice(i, i + 50).map((c) => courierSocket(seed.url, c.token, m, stopAt)))));
  }
  const startSample = samples.length;
  const startMs = Date.now();
  await orderLoop(seed.url, seed, ordersPerS, startMs + durationS * 1000, m);
  const elapsedS = (Date.now() - startMs) / 1000;
  await new Promise((r) => setTimeout(r, SAMPLE_MS + 500));
  for (const s of sockets) s.disconnect();
  server.stdin!.end('stop\n');
  await new Promise((r) => server.once('exit', r));

  const run = samples.slice(startSample);
  const half = run.slice(Math.floor(run.length / 2));
  const perMin = (key: keyof ServerSample) => round(slope(half.map((s) => s.tS / 60), half.map((s) => s[key] as number)), 1);
  const orderMs = m.orderMs.sort((a, b) => a - b);
  const positionMs = m.positionMs.sort((a, b) => a - b);
  return {
    options: { durationS, couriers, ordersPerS, markets, backend: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    machine: { cpus: cpus().length, loadavg1: round(loadavg()[0], 2) },
    summary: {
      ordersPerS: round(orderMs.length / elapsedS, 1), orderP50Ms: round(pct(orderMs, 50)), orderP99Ms: round(pct(orderMs, 99)), orderErrors: m.orderErrors,
      positionsPerS: round(positionMs.length / elapsedS, 1), positionP50Ms: round(pct(positionMs, 50)), positionP99Ms: round(pct(positionMs, 99)), positionErrors: m.positionErrors,
      offersAccepted: m.acceptsOk, offersRefused: m.acceptsRefused,
      lagP99MsWorst: Math.max(0, ...run.map((s) => s.lagP99Ms)), lagMaxMsWorst: Math.max(0, ...run.map((s) => s.lagMaxMs)),
      heapFirstMb: run[0]?.heapUsedMb ?? 0, heapLastMb: run[run.length - 1]?.heapUsedMb ?? 0, heapSlopeMbPerMin: perMin('heapUsedMb'), rssSlopeMbPerMin: perMin('rssMb'),
      positionRowsPerMin: perMin('positionRows'), eventRowsPerMin: perMin('eventRows'),
    },
    samples: run,
  };
}

function markdown(r: LoadReport): string {
  const s = r.summary;
  return [
    `# bench load (${r.options.backend}, ${r.options.durationS} s, ${r.options.couriers} couriers, ${r.options.ordersPerS} orders/s offered)`,
    '', `Machine: ${r.machine.cpus} cores, load ${r.machine.loadavg1} (shared with other work).`, '',
    '| measure | value |', '|---|---|',
    `| orders/s (201) | ${s.ordersPerS} |`, `| order p50 / p99 ms | ${s.orderP50Ms} / ${s.orderP99Ms} |`, `| order errors | ${s.orderErrors} |`,
    `| positions/s (acked) | ${s.positionsPerS} |`, `| position ack p50 / p99 ms | ${s.positionP50Ms} / ${s.positionP99Ms} |`, `| position errors | ${s.positionErrors} |`,
    `| offers accepted / refused | ${s.offersAccepted} / ${s.offersRefused} |`,
    `| event-loop lag p99 / max (worst 5 s window) ms | ${s.lagP99MsWorst} / ${s.lagMaxMsWorst} |`,
    `| heap first → last MB | ${s.heapFirstMb} → ${s.heapLastMb} |`, `| heap / RSS slope, 2nd half (MB/min) | ${s.heapSlopeMbPerMin} / ${s.rssSlopeMbPerMin} |`,
    `| courier_positions / events rows per min (2nd half) | ${s.positionRowsPerMin} / ${s.eventRowsPerMin} |`,
    '', '## Over time', '', '| t s | heap MB | RSS MB | lag p99 ms | lag max ms | positions | events | orders | accepted |', '|---|---|---|---|---|---|---|---|---|',
    ...r.samples.map((x) => `| ${x.tS} | ${x.heapUsedMb} | ${x.rssMb} | ${x.lagP99Ms} | ${x.lagMaxMs} | ${x.positionRows} | ${x.eventRows} | ${x.orderRows} | ${x.acceptedOffers} |`),
    '', 'Position rows grow with the load by design and are bounded by retention (housekeeping: 24 h, 10,000 per courier);',
    '`courier.moved` events are pruned after 6 h (api/plugins/event-retention.ts). Memory should stay flat.', '',
  ].join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args, strict: true,
    options: { json: { type: 'boolean', default: false }, 'duration-s': { type: 'string' }, couriers: { type: 'string' }, 'orders-per-s': { type: 'string' }, markets: { type: 'string' }, out: { type: 'string' } },
  });
  const durationS = Number(values['duration-s'] ?? 300);
  const couriers = Number(values.couriers ?? 1000);
  const ordersPerS = Number(values['orders-per-s'] ?? 5);
  const markets = Number(values.markets ?? 10);
  if (![durationS, couriers, ordersPerS, markets].every((x) => Number.isFinite(x) && x > 0)) {
    process.stderr.write('usage: jejaring bench load [--json] [--duration-s N] [--couriers N] [--orders-per-s R] [--markets N] [--out dir]\n');
    return 2;
  }
  const report = await measure(durationS, couriers, ordersPerS, markets);
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'load.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'load.md'), markdown(report));
  process.stdout.write(values.json ? `${JSON.stringify(report.summary)}\n` : markdown(report));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--child') {
  await child(Number(process.argv[3]), Number(process.argv[4]));
}
