// `jejaring bench api [--json]`: order intake under load. autocannon on loopback against a real listening server
// (a child process, so the load generator does not share its event loop) doing POST /v1/orders with 3 items and a
// distinct Idempotency-Key each, on PostgreSQL (DATABASE_URL, a fresh schema) and on PGlite: orders/s and latency.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import type { BackendKind, Database, Queryable } from '../api/db/database.js';
import { PACKAGE_ROOT } from '../api/package-root.js';
import { codeVersion } from './code-version.js';

/** The part of autocannon's API used here (the package ships no types). */
interface LoadResult {
  '2xx': number; non2xx: number; errors: number; timeouts: number;
  latency: { p50: number; p99: number; average: number; max: number };
}
interface LoadRequest { method: string; path: string; body: string; headers: Record<string, string> }
type Autocannon = (options: {
  url: string; connections: number; duration: number;
  requests: (LoadRequest & { setupRequest: (request: LoadRequest) => LoadRequest })[];
}) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ROOT = PACKAGE_ROOT;
const SELF = fileURLToPath(import.meta.url);
/** The order-intake targets on PostgreSQL. */
export const TARGET = { ordersPerS: 1000, p99Ms: 50 } as const;

interface RunOptions {
  readonly durationS: number; readonly warmupS: number; readonly connections: number; readonly poolSize: number;
  /** When set, the server child writes a V8 CPU profile there (`--cpu-prof-dir`) for finding per-request costs. */
  readonly cpuProfDir?: string;
}

/** What the server child prints once it listens and is seeded. */
interface SeededServer {
  url: string; token: string; marketId: string; customerId: string; stallIds: string[];
  /** PostgreSQL's `synchronous_commit` as the server sessions see it (null on PGlite). */
  synchronousCommit: string | null;
}

export interface ApiBenchRow {
  readonly backend: BackendKind;
  readonly connections: number;
  readonly durationS: number;
  /** 2xx responses per second over the measured run (each one a committed order). */
  readonly ordersPerS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Orders in the database after warm-up and run: at least the 2xx count of both (requests still in flight when a run ends also commit). */
  readonly ordersInDb: number;
  readonly okTotal: number;
  /** Database round trips per order on the server (statements, BEGIN and COMMIT included): the cost driver. */
  readonly roundTripsPerOrder: number;
  /** CPU time of the server process per order (user + system), ms: less sensitive to a busy machine than wall time. */
  readonly serverCpuMsPerOrder: number;
  /** Of that, system time (socket writes and reads on loopback), ms. */
  readonly serverSysCpuMsPerOrder: number;
  readonly synchronousCommit: string | null;
}

/** Starts the server child for `backend` and waits for its seed line; `stop` returns the order count it saw. */
async function startChild(backend: BackendKind, poolSize: number, cpuProfDir?: string): Promise<{ seeded: SeededServer; stop: () => Promise<{ orders: number; roundTrips: number; cpuMs: number; sysCpuMs: number }> }> {
  const prof = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...prof, ...(SELF.endsWith('.ts') ? ['--import', 'tsx'] : []), SELF, '--child', backend, String(poolSize)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const line = await lines.next();
    if (line.done) throw new Error(`the ${backend} server child exited early`);
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  const seeded = (await next()) as unknown as SeededServer;
  return {
    seeded,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end('stop\n');
      const { orders, roundTrips, cpuMs, sysCpuMs } = await next();
      await exited;
      return { orders: Number(orders), roundTrips: Number(roundTrips), cpuMs: Number(cpuMs), sysCpuMs: Number(sysCpuMs) };
    },
  };
}

/** One autocannon run; every request gets its own Idempotency-Key. */
function load(seeded: SeededServer, durationS: number, connections: number, tag: string): Promise<LoadResult> {
  let n = 0;
  const names = ['beras', 'telur', 'bayam'];
  const body = JSON.stringify({
    market_id: seeded.marketId,
    customer_id: seeded.customerId,
    delivery_note: 'rumah pagar hijau',
    items: seeded.stallIds.map((stallId, i) => ({ stall_id: stallId, name: names[i], quantity: 1 + i, unit: 'kg', unit_price_rp: 12000 + i * 1000, weight_kg: 1 + i })),
  });
  return autocannon({
    url: seeded.url,
    connections,
    duration: durationS,
    requests: [{
      method: 'POST', path: '/v1/orders', body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${seeded.token}` },
      setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': `${tag}-${n++}` } }),
    }],
  });
}

async function measure(backend: BackendKind, options: RunOptions): Promise<ApiBenchRow> {
  const { seeded, stop } = await startChild(backend, options.poolSize, options.cpuProfDir);
  let warm: LoadResult | null = null;
  let result: LoadResult;
  try {
    if (options.warmupS > 0) warm = await load(seeded, options.warmupS, options.connections, 'warm');
    result = await load(seeded, options.durationS, options.connections, 'run');
  } catch (error) {
    await stop();
    throw error;
  }
  const { orders: ordersInDb, roundTrips, cpuMs, sysCpuMs } = await stop();
  return {
    backend, connections: options.connections, durationS: options.durationS,
    ordersPerS: Math.round(result['2xx'] / options.durationS),
    p50Ms: result.latency.p50, p99Ms: result.latency.p99, meanMs: result.latency.average, maxMs: result.latency.max,
    ok: result['2xx'], non2xx: result.non2xx, errors: result.errors + result.timeouts,
    ordersInDb, okTotal: result['2xx'] + (warm?.['2xx'] ?? 0),
    roundTripsPerOrder: ordersInDb > 0 ? Math.round((roundTrips / ordersInDb) * 10) / 10 : 0,
    serverCpuMsPerOrder: ordersInDb > 0 ? Math.round((cpuMs / ordersInDb) * 100) / 100 : 0,
    serverSysCpuMsPerOrder: ordersInDb > 0 ? Math.round((sysCpuMs / ordersInDb) * 100) / 100 : 0,
    synchronousCommit: seeded.synchronousCommit,
  };
}

function markdown(rows: readonly ApiBenchRow[], options: RunOptions, notes: readonly string[]): string {
  const lines = [
    '# API benchmark: order intake', '',
    `POST /v1/orders with 3 items and a distinct Idempotency-Key each; autocannon, ${options.connections} connections, ${options.warmupS} s warm-up then ${options.durationS} s measured; server in its own process on 127.0.0.1, pool ${options.poolSize}.`,
    `Target on PostgreSQL: ≥ ${TARGET.ordersPerS} orders/s with p99 < ${TARGET.p99Ms} ms.`, '',
    '| backend | orders/s | p50 ms | p99 ms | mean ms | max ms | non-2xx | errors | orders in db / 2xx | db round trips / order | server CPU ms / order (of it system) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.backend} | ${r.ordersPerS} | ${r.p50Ms} | ${r.p99Ms} | ${r.meanMs.toFixed(1)} | ${r.maxMs} | ${r.non2xx} | ${r.errors} | ${r.ordersInDb} / ${r.okTotal} | ${r.roundTripsPerOrder} | ${r.serverCpuMsPerOrder} (${r.serverSysCpuMsPerOrder}) |`),
  ];
  const pg = rows.find((r) => r.backend === 'postgres');
  const lite = rows.find((r) => r.backend === 'pglite');
  if (pg && lite && lite.ordersPerS > 0) lines.push('', `PostgreSQL / PGlite throughput ratio: ${(pg.ordersPerS / lite.ordersPerS).toFixed(2)}.`);
  lines.push('', 'Server CPU per order bounds throughput independently of the machine load: one core serves at most 1000 / (CPU ms per order) orders/s (PGlite runs its database inside that process).');
  return `${[...lines, '', ...notes.map((n) => `- ${n}`)].join('\n')}\n`;
}


/** CLI entry: `jejaring bench api [--json] [--duration-s 15] [--warmup-s 5] [--connections 16] [--pool 16] [--backends postgres,pglite] [--out dir] [--cpu-prof-dir dir]`. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false }, out: { type: 'string' }, backends: { type: 'string', default: 'postgres,pglite' },
      'cpu-prof-dir': { type: 'string' }, 'duration-s': { type: 'string', default: '15' }, 'warmup-s': { type: 'string', default: '5' }, connections: { type: 'string', default: '16' }, pool: { type: 'string', default: '16' },
    },
  });
  const options: RunOptions = { durationS: Number(values['duration-s']), warmupS: Number(values['warmup-s']), connections: Number(values.connections), poolSize: Number(values.pool), cpuProfDir: values['cpu-prof-dir'] };
  if (!(options.durationS > 0) || !(options.warmupS >= 0) || !Number.isInteger(options.connections) || options.connections < 1 || !Number.isInteger(options.poolSize) || options.poolSize < 1) {
    process.stderr.write('--duration-s, --connections and --pool must be positive, --warmup-s ≥ 0\n');
    return 2;
  }
  const notes: string[] = [];
  const loadAtStart = loadavg()[0];
  const rows: ApiBenchRow[] = [];
  for (const backend of values.backends.split(',') as BackendKind[]) {
    if (backend === 'postgres' && !process.env.DATABASE_URL) {
      notes.push('PostgreSQL skipped: DATABASE_URL is not set');
      continue;
    }
    const row = await measure(backend, options);
    rows.push(row);
    if (row.synchronousCommit !== null) notes.push(`PostgreSQL synchronous_commit = ${row.synchronousCommit} (${process.env.PGOPTIONS ? `PGOPTIONS=${process.env.PGOPTIONS}` : 'the server default, left as is'})${row.synchronousCommit === 'off' ? '' : ': every order waits for its WAL flush'}`);
    process.stderr.write(`${backend.padEnd(8)} ${row.ordersPerS} orders/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, non-2xx ${row.non2xx}, errors ${row.errors}, orders in db ${row.ordersInDb}/${row.okTotal}\n`);
  }
  notes.push(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} shared with other work, Node ${process.version}, code ${codeVersion()}, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
  const pg = rows.find((r) => r.backend === 'postgres');
  const lite = rows.find((r) => r.backend === 'pglite');
  const summary = {
    bench: 'api',
    postgres: pg ? { ordersPerS: pg.ordersPerS, p99Ms: pg.p99Ms, meetsTarget: pg.ordersPerS >= TARGET.ordersPerS && pg.p99Ms < TARGET.p99Ms } : null,
    pglite: lite ? { ordersPerS: lite.ordersPerS, p99Ms: lite.p99Ms } : null,
    target: TARGET,
  };
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'api.json'), `${JSON.stringify({ summary, options, notes, rows }, null, 2)}\n`);
  writeFileSync(join(outDir, 'api.md'), markdown(rows, options, notes));
  for (const note of notes) process.stderr.write(`${note}\n`);
  // The last line is the JSON summary (with or without --json, which only keeps stdout to that line).
  if (!values.json) process.stdout.write(markdown(rows, options, notes));
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  const consistent = rows.every((r) => r.errors === 0 && r.non2xx === 0 && r.ordersInDb >= r.okTotal && r.ordersInDb <= r.okTotal + 2 * r.connections);
  return consistent ? 0 : 1;
}

/** Wraps `db` so every statement, BEGIN and COMMIT is counted. */
function countingRoundTrips(db: Database): { db: Database; roundTrips: () => number } {
  let n = 0;
  const counted = (q: Queryable): Queryable => ({
    query: (sql, params, options) => ((n += 1), q.query(sql, params, options)),
    exec: (sql) => ((n += 1), q.exec(sql)),
  });
  const wrapped: Database = {
    kind: db.kind,
    ...counted(db),
    transaction: (fn) => ((n += 2), db.transaction((tx) => fn(counted(tx)))),
    close: () => db.close(),
  };
  return { db: wrapped, roundTrips: () => n };
}

/** Child mode: open the backend (a fresh PostgreSQL schema, or in-memory PGlite), seed one market, listen, print the seed line. */
async function serveSeeded(backend: BackendKind, poolSize: number): Promise<void> {
  const [{ openDatabase }, { dropPgSchema }, { startServer }, { newId }] = await Promise.all([
    import('../api/db/open-database.js'), import('../api/db/pg-database.js'), import('../api/server.js'), import('../api/ids.js'),
  ]);
  const schema = backend === 'postgres' ? `bench_api_${randomBytes(5).toString('hex')}` : undefined;
  const opened = await openDatabase(backend === 'postgres' ? { databaseUrl: process.env.DATABASE_URL, schema, maxConnections: poolSize } : {});
  const { db, roundTrips } = countingRoundTrips(opened);
  const server = await startServer({ db, port: 0, host: '127.0.0.1', logger: false, docs: false, rateLimit: false, handleSignals: false, secret: randomBytes(24).toString('hex') });
  const { app } = server;
  const { token } = await app.auth.issueToken({ role: 'admin', subjectId: 'usr_bench', ttlS: 3600 }, null);
  const headers = { authorization: `Bearer ${token}` };
  const market = await app.inject({ method: 'POST', url: '/v1/markets', headers, payload: { name: 'Pasar Santa', city: 'Jakarta Selatan', location: { lon: 106.8103, lat: -6.2381 }, service_radius_m: 5000 } });
  if (market.statusCode !== 201) throw new Error(`seeding the market failed: ${market.body}`);
  const marketId = market.json().id as string;
  const stallIds = [newId('stl'), newId('stl'), newId('stl')];
  for (const [i, id] of stallIds.entries()) {
    await db.query(`INSERT INTO stalls (id, market_id, name, stall_code, location) VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint(106.8103, -6.2381), 4326)::geography)`, [id, marketId, `Kios ${i}`, `K${i}`]);
  }
  const customerId = newId('cus');
  await db.query(`INSERT INTO customers (id, market_id, name, phone, address) VALUES ($1, $2, 'Pak Budi', '+628129999000', ST_SetSRID(ST_MakePoint(106.8151, -6.2420), 4326)::geography)`, [customerId, marketId]);
  const synchronousCommit = backend === 'postgres' ? (await db.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0].synchronous_commit : null;
  const seedTrips = roundTrips();
  const cpuAtSeed = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ url: server.url, token, marketId, customerId, stallIds, synchronousCommit } satisfies SeededServer)}\n`);
  for await (const line of createInterface({ input: process.stdin })) if (line.trim() === 'stop') break;
  const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
  const cpu = process.cpuUsage(cpuAtSeed);
  process.stdout.write(`${JSON.stringify({ orders: count.rows[0].n, roundTrips: roundTrips() - seedTrips - 1, cpuMs: (cpu.user + cpu.system) / 1000, sysCpuMs: cpu.system / 1000 })}\n`);
  await server.close();
  if (schema) await dropPgSchema(process.env.DATABASE_URL!, schema);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2] === '--child') {
  await serveSeeded(process.argv[3] as BackendKind, Number(process.argv[4] ?? 16));
}
