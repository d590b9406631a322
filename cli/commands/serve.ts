// `jejaring serve [--port N] [--host H] [--data-dir D | --memory]`: the API on PostgreSQL (DATABASE_URL) or embedded PGlite.
import { parseArgs } from 'node:util';
import type { BackendKind, Database } from '../../api/db/database.js';
import { deferredDatabase } from '../../api/db/deferred-database.js';
import { openDatabase } from '../../api/db/open-database.js';
import type { RunningServer } from '../../api/server.js';
import type { WebConfig } from '../../api/schemas/web-config.js';
import { RUNNING_FROM_SOURCE } from '../../api/package-root.js';
import { DEFAULT_GRAPH_FILE } from './default-graph.js';
import type { RoadGraph, RoutingProvider } from '../../engine/index.js';

type Engine = typeof import('../../engine/index.js');

/** The road graph `serve` routes on unless JEJARING_GRAPH names another file. */
export const JAKARTA_GRAPH = DEFAULT_GRAPH_FILE;

/** Default PGlite data directory when neither JEJARING_DATA_DIR nor --data-dir/--memory is given. */
export const DEFAULT_DATA_DIR = '.jejaring/pglite';

export interface ServeFlags {
  readonly port?: number;
  readonly host?: string;
  readonly dataDir?: string;
  readonly memory: boolean;
  readonly demo: boolean;
}

export function parseServeArgs(args: string[]): ServeFlags {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      memory: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error(`--port must be a port number, got ${values.port}`);
  return { port, host: values.host, dataDir: values['data-dir'], memory: values.memory ?? false, demo: values.demo ?? false };
}

/** The database options `serve` uses: DATABASE_URL wins, else PGlite in --data-dir / JEJARING_DATA_DIR / the default dir. */
export function databaseOf(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): { databaseUrl?: string; dataDir?: string } {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  if (flags.memory || (flags.demo && !flags.dataDir && !env.JEJARING_DATA_DIR)) return {}; // a demo day starts afresh
  return { dataDir: flags.dataDir ?? (env.JEJARING_DATA_DIR || DEFAULT_DATA_DIR) };
}

/** The embedded router on JEJARING_GRAPH or the Jakarta graph; straight lines when the graph cannot be loaded. */
async function openRouting(engine: Engine): Promise<{ routing: RoutingProvider; roadGraph?: RoadGraph }> {
  const graphPath = process.env.JEJARING_GRAPH || JAKARTA_GRAPH;
  try {
    const router = await engine.openEmbeddedRouter({ graphPath });
    return { routing: router, roadGraph: router.loaded.graph };
  } catch (error) {
    process.stderr.write(`road graph ${graphPath} could not be loaded (${(error as Error).message}); routing on straight lines\n`);
    return { routing: new engine.HaversineProvider() };
  }
}

/** JEJARING_LENDING_RADIUS_M: how far an idle courier may be lent to another market (0: never); unset, the default. */
function lendingFromEnv(): { lending?: { radiusM: number } | null } {
  const raw = process.env.JEJARING_LENDING_RADIUS_M;
  if (raw === undefined || raw === '') return {};
  const radiusM = Number(raw);
  if (!Number.isFinite(radiusM) || radiusM < 0) throw new Error(`JEJARING_LENDING_RADIUS_M must be metres ≥ 0 (got ${raw})`);
  return { lending: radiusM === 0 ? null : { radiusM } };
}

/** JEJARING_ETA_NOTICE_S: how far (s) the door must move from the hour told before the customer hears of it (0: never). */
export function etaNoticeFromEnv(env: NodeJS.ProcessEnv = process.env): { etaNotice?: { minShiftS: number } | null } {
  const raw = env.JEJARING_ETA_NOTICE_S;
  if (raw === undefined || raw === '') return {};
  const minShiftS = Number(raw);
  // Under a minute the message could name the hour told twice.
  if (!Number.isInteger(minShiftS) || (minShiftS !== 0 && minShiftS < 60)) throw new Error(`JEJARING_ETA_NOTICE_S must be 0 or whole seconds ≥ 60 (got ${raw})`);
  return { etaNotice: minShiftS === 0 ? null : { minShiftS } };
}

/** JEJARING_BATCH_WINDOW_MS overrides the batching window (fault tests, small deployments). */
function batchWindowFromEnv(): { batchWindowMs?: number } {
  const ms = Number(process.env.JEJARING_BATCH_WINDOW_MS);
  return Number.isFinite(ms) && ms > 0 ? { batchWindowMs: ms } : {};
}

/**
 * With JEJARING_OSRM_URL, OSRM answers and the local router takes over while it is unreachable (health shows it).
 * JEJARING_OSRM_CONNECTIONS=reuse keeps sockets open, =pipeline also pipelines 8 requests on each of 2 sockets (a third
 * and a quarter of the client CPU per request) for servers without osrm-routed's delayed-ACK stall, e.g. OSRM behind
 * nginx or another jejaring's /osrm; the default opens a connection per request.
 */
function withOsrm(engine: Engine, local: RoutingProvider, estimate: boolean): RoutingProvider {
  const baseUrl = process.env.JEJARING_OSRM_URL;
  if (!baseUrl) return local;
  const mode = process.env.JEJARING_OSRM_CONNECTIONS;
  const connections = mode === 'pipeline' ? { connections: 2, pipelining: 8 } : { reuseConnections: mode === 'reuse' };
  return new engine.FallbackRoutingProvider(new engine.OsrmHttpProvider({ baseUrl, timeoutMs: 5_000, ...connections }), local, {
    fallbackIsEstimate: estimate,
    onChange: (h) => process.stderr.write(h.degraded ? `routing degraded: ${h.reason}; answering with ${h.fallback}\n` : `routing recovered: ${h.primary}\n`),
  });
}

/**
 * Run from the TypeScript sources (a development checkout) where the map sources changed since they were bundled, bundles
 * them again before serving. The compiled build never does: `npm run build` bundled them, and esbuild is a dev tool.
 */
async function rebuildWebMapIfStale(): Promise<void> {
  if (!RUNNING_FROM_SOURCE) return;
  const { buildWebMap, isWebMapStale, WEB_MAP_DIST } = await import('../../web-map/build.js');
  if (!(await isWebMapStale())) return;
  const bundle = await buildWebMap({ outDir: WEB_MAP_DIST });
  process.stderr.write(`web-map sources changed: bundled again in ${bundle.buildMs.toFixed(0)} ms\n`);
}

/** Server log level: LOG_LEVEL, else `warn` for the demo (its console shows one line a minute) and `info` otherwise. */
export function logLevelOf(flags: Pick<ServeFlags, 'demo'>, env: NodeJS.ProcessEnv = process.env): string {
  return env.LOG_LEVEL || (flags.demo ? 'warn' : 'info');
}

/**
 * The road graph and the modules of the API, the engine and (with --demo) the demo, loaded while the database opens:
 * PGlite starts on a thread of its own (PostgreSQL in its server). Returns once the modules and the graph are ready,
 * with the database still opening; a failure closes the database once it has opened.
 */
async function openAll(flags: ServeFlags, database: ReturnType<typeof databaseOf>) {
  const opening = openDatabase({ ...database, pgliteThread: true });
  opening.catch(() => undefined); // awaited by serve, which reports the failure
  const loading = Promise.all([import('../../engine/index.js'), import('../../api/server.js'), flags.demo ? loadDemo() : null]);
  const routing = loading.then(([engine]) => openRouting(engine));
  const [modules, opened] = await Promise.allSettled([loading, routing]);
  if (modules.status === 'fulfilled' && opened.status === 'fulfilled') return { opening, modules: modules.value, opened: opened.value };
  await opening.then((db) => db.close(), () => undefined);
  throw [modules, opened].find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason;
}

/**
 * Starts the server on the database while it is still opening (the app is built meanwhile; its statements wait for
 * the open) and returns once both are up. A failure of either closes the other and is thrown, the database's first.
 */
async function startOnOpening(opening: Promise<Database>, kind: BackendKind, start: (db: Database) => Promise<RunningServer>): Promise<RunningServer> {
  const [started, opened] = await Promise.allSettled([start(deferredDatabase(kind, opening)), opening]);
  if (started.status === 'fulfilled' && opened.status === 'fulfilled') return started.value;
  if (started.status === 'fulfilled') await started.value.close();
  else if (opened.status === 'fulfilled') await opened.value.close();
  throw opened.status === 'rejected' ? opened.reason : (started as PromiseRejectedResult).reason;
}

async function loadDemo() {
  const [demo, banner, ticker] = await Promise.all([import('../../api/demo/demo.js'), import('../../api/demo/demo-banner.js'), import('../../api/demo/demo-ticker.js')]);
  return { ...demo, ...banner, ...ticker };
}

/** Starts the API with the Socket.IO gateway and the dispatch loop; with --demo, seeds and simulates a Jakarta day. */
export async function serve(flags: ServeFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<RunningServer> {
  await rebuildWebMapIfStale();
  const database = databaseOf(flags);
  // The ready line comes only once the database and the road graph are both up.
  const { opening, modules: [engine, { startServer }, demoModules], opened } = await openAll(flags, database);
  const roadGraph = opened.roadGraph;
  const routing = withOsrm(engine, opened.routing, opened.roadGraph === undefined);
  // The pages poll /web-config.json until `ready` turns true, then sign in with these tokens.
  const demo: { -readonly [K in keyof NonNullable<WebConfig['demo']>]: NonNullable<WebConfig['demo']>[K] } = { ready: false, timeFactor: demoModules?.DEMO_TIME_FACTOR ?? 0 };
  const server = await startOnOpening(opening, database.databaseUrl ? 'postgres' : 'pglite', (db) => startServer({
    port: flags.port, host: flags.host, db, ownsDb: true, routing, roadGraph, realtime: true,
    // Start hooks wait for the database as long as it takes to open (it fails on its own when it cannot).
    pluginTimeoutMs: 0,
    logger: { level: logLevelOf(flags) },
    // On PostgreSQL several nodes may share the database: plan only the markets this node leases (JEJARING_CLUSTER=off to opt out).
    cluster: Boolean(database.databaseUrl) && process.env.JEJARING_CLUSTER !== 'off',
    dispatch: { routing, config: { ...(flags.demo ? { batchWindowMs: 10_000 } : {}), ...batchWindowFromEnv() }, ...lendingFromEnv(), ...etaNoticeFromEnv() },
    ...(flags.demo ? { webMap: { demo } } : {}),
  }));
  if (!demoModules) {
    write(`jejaring API on ${server.url} (docs ${server.url}/docs, backend ${server.app.db.kind})\n`);
    return server;
  }
  write(`jejaring API on ${server.url}: seeding the demo's Jakarta market day…\n`);
  const running = await demoModules.startDemo(server.app, routing);
  demo.dispatcherToken = running.world.dispatcherToken;
  demo.courierTokens = running.world.courierTokens.slice(0, 1);
  demo.ready = true;
  write(`${demoModules.demoBanner({ url: server.url, world: running.world, readyS: process.uptime(), speedUp: demoModules.DEMO_TIME_FACTOR })}\n`);
  const stopTicker = demoModules.startDemoTicker(server.app, (line) => write(`${line}\n`));
  void server.closed.then(() => { stopTicker(); running.stop(); });
  return server;
}

export async function run(args: string[]): Promise<number> {
  let flags: ServeFlags;
  try {
    flags = parseServeArgs(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: jejaring serve [--port N] [--host H] [--data-dir DIR | --memory] [--demo]\n`);
    return 2;
  }
  const server = await serve(flags);
  await server.closed;
  return 0;
}
