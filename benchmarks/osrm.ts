// `jejaring bench osrm [--json]`: the OSRM-compatible side on Jakarta: 1000×1000 table over HTTP vs in-process, the
// OSRM provider's throughput (routes/s with fresh, reused and pipelined connections against jejaring's /osrm, a minimal
// stub replaying a recorded body and an osrm-routed-like server, all in a separate process so client and server CPU
// are apart) and one-request tables, and /match on noisy synthetic 1 Hz traces. Writes benchmarks/results/osrm.{json,md}.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import osrmCompat, { OSRM_MAX_URL_BYTES } from '../api/plugins/osrm-compat.js';
import { formatCoordinates, haversineM, openEmbeddedRouter, OsrmHttpProvider, type OsrmHttpProviderOptions, OsrmService, type LonLat } from '../engine/index.js';
import type { LoopbackUrls } from './osrm-loopback-servers.js';
import { median, randomCoordinates, seededRandom } from './roads-probe.js';
import { PACKAGE_ROOT } from '../api/package-root.js';

const ROOT = PACKAGE_ROOT;

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Median wall and CPU milliseconds of `runs` calls. */
async function timed(runs: number, fn: () => Promise<unknown> | unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const wall: number[] = [], cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now(), c = process.cpuUsage();
    await fn();
    wall.push(performance.now() - t);
    cpu.push(cpuMs(c));
  }
  return { wallMs: Math.round(median(wall)), cpuMs: Math.round(median(cpu)) };
}

/** The loopback servers' process: its URLs, and its CPU time so far (ms). */
interface LoopbackServers {
  readonly urls: LoopbackUrls;
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

async function startLoopbackServers(): Promise<LoopbackServers> {
  const child: ChildProcess = fork(join(ROOT, 'benchmarks/osrm-loopback-servers.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const next = <T>(key: string): Promise<T> => new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`loopback servers exited with ${code}`));
    const onMessage = (message: Record<string, unknown>) => {
      if (!(key in message)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message[key] as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  const urls = await next<LoopbackUrls>('urls');
  return {
    urls,
    cpuMs: () => { const answer = next<number>('cpuMs'); child.send('cpu'); return answer; },
    close: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.send('exit'); }),
  };
}

/** One throughput run: routes per second (wall), and CPU ms per route in this process (client) and the servers'. */
interface RouteRate { readonly perS: number; readonly clientCpuMsPerRoute: number; readonly serverCpuMsPerRoute: number }

/** Routes per second through a provider on `baseUrl` with `inFlight` callers for `seconds`. */
async function routesPerSecond(servers: LoopbackServers, baseUrl: string, options: Partial<OsrmHttpProviderOptions>, pairs: LonLat[][], inFlight: number, seconds: number): Promise<RouteRate> {
  const provider = new OsrmHttpProvider({ baseUrl, ...options });
  await provider.route(pairs[0]); // connect and warm up
  const serverStart = await servers.cpuMs();
  const start = performance.now(), stop = start + seconds * 1000, c = process.cpuUsage();
  let done = 0;
  await Promise.all(Array.from({ length: inFlight }, async (_, w) => {
    for (let i = w; performance.now() < stop; i += inFlight) {
      await provider.route(pairs[i % pairs.length]);
      done++;
    }
  }));
  const wallS = (performance.now() - start) / 1000, clientMs = cpuMs(c), serverMs = (await servers.cpuMs()) - serverStart;
  await provider.close();
  const per = (ms: number) => Math.round((ms / done) * 100) / 100;
  return { perS: Math.round(done / wallS), clientCpuMsPerRoute: per(clientMs), serverCpuMsPerRoute: per(serverMs) };
}

/** Box–Muller normal deviate. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Points every `stepM` metres along a line. */
function sampleAlong(line: readonly LonLat[], stepM: number): LonLat[] {
  const out: LonLat[] = [line[0]];
  let carry = 0;
  for (let i = 1; i < line.length; i++) {
    const [aLon, aLat] = line[i - 1], [bLon, bLat] = line[i];
    const len = haversineM(aLon, aLat, bLon, bLat);
    let at = stepM - carry;
    while (at <= len) {
      const t = at / len;
      out.push([aLon + t * (bLon - aLon), aLat + t * (bLat - aLat)]);
      at += stepM;
    }
    carry = len - (at - stepM);
  }
  out.push(line[line.length - 1]);
  return out;
}

/** Undirected road pieces (node pairs) of an annotated answer, with their lengths. */
function piecesOf(legs: { annotation: { nodes: number[]; distance: number[] } }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const leg of legs) {
    const { nodes, distance } = leg.annotation;
    for (let i = 0; i < distance.length; i++) {
      const a = nodes[i], b = nodes[i + 1];
      const key = a < b ? `${a}:${b}` : `${b}:${a}`;
      out.set(key, Math.max(out.get(key) ?? 0, distance[i]));
    }
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, seed: { type: 'string' }, out: { type: 'string' }, traces: { type: 'string' }, only: { type: 'string' } } });
  const seed = Number(values.seed ?? 2012);
  const say = (line: string) => { if (!values.json) process.stdout.write(`${line}\n`); };
  const graphPath = join(ROOT, 'fixtures/osm/jakarta-roads-osm-2012.geojson');
  say(`bench osrm: ${graphPath} (motorbike), ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}`);
  const router = await openEmbeddedRouter({ graphPath });
  const graph = router.prepared.graph;
  const points = randomCoordinates(graph, 1000, seed);

  // 1000×1000: in-process vs /osrm over HTTP (JSON both ways), side by side. The /osrm server runs in its own process,
  // as a client and its server do, so the server's streamed chunks travel while it computes the next, and the
  // client's CPU (receive, JSON.parse) is measured apart from the server's.
  const servers = await startLoopbackServers();
  const coordinates = formatCoordinates(points);
  const tableUrl = `${servers.urls.jejaring}/table/v1/driving/${coordinates}`;
  const inProcess = await timed(3, () => router.table({ sources: points }));
  await (await fetch(tableUrl)).arrayBuffer(); // connect and warm up the server
  const serverCpu: number[] = [];
  const overHttp = await timed(3, async () => {
    const serverStart = await servers.cpuMs();
    await (await fetch(tableUrl)).json();
    serverCpu.push((await servers.cpuMs()) - serverStart);
  });
  const bodyText = await (await fetch(tableUrl)).text();
  const clientParse = await timed(3, () => JSON.parse(bodyText));
  const httpServerCpuMs = Math.round(median(serverCpu));
  say(`table 1000×1000: in-process ${inProcess.wallMs} ms (CPU ${inProcess.cpuMs} ms), /osrm over HTTP ${overHttp.wallMs} ms (CPU client ${overHttp.cpuMs} ms, of which JSON.parse ${clientParse.cpuMs} ms, server ${httpServerCpuMs} ms), ratio ${(overHttp.wallMs / inProcess.wallMs).toFixed(2)}`);

  const app = Fastify({ http: { maxHeaderSize: OSRM_MAX_URL_BYTES } });
  await app.register(osrmCompat, { provider: router, maxTableSize: 10_000 });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  // The provider's 1000² table in one request vs one direct request of the same URL.
  const provider = new OsrmHttpProvider({ baseUrl, timeoutMs: 60_000 });
  const directUrl = `${baseUrl}/table/v1/driving/${coordinates}?annotations=duration,distance&radiuses=${new Array(points.length).fill(500).join(';')}`;
  const direct = await timed(3, async () => (await fetch(directUrl)).json());
  const viaProvider = await timed(3, () => provider.table({ sources: points }));
  say(`provider table 1000×1000: ${viaProvider.wallMs} ms (CPU ${viaProvider.cpuMs} ms) vs one direct request ${direct.wallMs} ms, ratio ${(viaProvider.wallMs / direct.wallMs).toFixed(2)}`);

  await provider.close();
  await app.close();

  // Routes per second through the provider, servers in their own process: jejaring's /osrm (random pairs across
  // Jakarta, full GeoJSON geometry), a minimal stub replaying a recorded answer (the client's own cost) and an
  // osrm-routed-like server (the 40 ms delayed-ACK stall on reused connections). Connection modes: a fresh connection
  // per request (the default), reused keep-alive sockets, and pipelining on two sockets.
  const pairs: LonLat[][] = [];
  for (let i = 0; i + 1 < points.length; i += 2) pairs.push([points[i], points[i + 1]]);
  const MODES: Record<string, Partial<OsrmHttpProviderOptions>> = {
    fresh: {}, reused: { reuseConnections: true }, pipelined: { connections: 2, pipelining: 8 },
  };
  type Target = keyof LoopbackUrls;
  const rates: Record<Target, Record<string, { serial: RouteRate; parallel8: RouteRate }>> = { jejaring: {}, stub: {}, osrmLike: {} };
  for (const target of ['stub', 'osrmLike', 'jejaring'] as const) {
    for (const [mode, options] of Object.entries(MODES)) {
      // One caller at a time shows the per-request stall whatever the load; eight callers show throughput.
      const serial = await routesPerSecond(servers, servers.urls[target], options, pairs, 1, 1.5);
      const parallel8 = await routesPerSecond(servers, servers.urls[target], options, pairs, 8, 2);
      rates[target][mode] = { serial, parallel8 };
      say(`routes/s → ${target}, ${mode}: one at a time ${serial.perS}, 8 in flight ${parallel8.perS} (CPU per route: client ${parallel8.clientCpuMsPerRoute} ms, server ${parallel8.serverCpuMsPerRoute} ms)`);
    }
  }
  await servers.close();
  const reusedSerial = rates.osrmLike.reused.serial, freshSerial = rates.osrmLike.fresh.serial;
  const reusedRate = rates.osrmLike.reused.parallel8, freshRate = rates.osrmLike.fresh.parallel8, ownRate = rates.jejaring.fresh.parallel8;
  const totalCpu = (r: RouteRate) => Math.round((r.clientCpuMsPerRoute + r.serverCpuMsPerRoute) * 100) / 100;

  // /match on noisy 1 Hz traces: σ drawn per trace in 5–15 m, riding at about 8 m/s.
  const service = new OsrmService(router.prepared, { maxMatchingSize: 5_000 });
  const random = seededRandom(seed + 1);
  const traceCount = Number(values.traces ?? 8);
  const recoveries: number[] = [], lengthRatios: number[] = [], matchMs: number[] = [];
  for (let k = 0, tries = 0; k < traceCount && tries < traceCount * 20; tries++) {
    const from = points[Math.floor(random() * points.length)];
    const near = points.filter((p) => { const d = haversineM(from[0], from[1], p[0], p[1]); return d > 1_500 && d < 4_000; });
    if (near.length === 0) continue;
    const to = near[Math.floor(random() * near.length)];
    const truth = service.route({ coordinates: [from, to], overview: 'full', geometries: 'geojson', annotations: ['nodes', 'distance'] }) as any;
    const distanceM = truth.routes[0].distance;
    if (distanceM < 1_500 || distanceM > 6_000) continue;
    const sigma = 5 + 10 * random();
    const mPerDegLat = 111_195, mPerDegLon = 111_195 * Math.cos((from[1] * Math.PI) / 180);
    const trace = sampleAlong(truth.routes[0].geometry.coordinates, 8).map(([lon, lat]) => [lon + (gaussian(random) * sigma) / mPerDegLon, lat + (gaussian(random) * sigma) / mPerDegLat] as LonLat);
    const t = performance.now();
    let matched: any;
    try {
      matched = service.match({ coordinates: trace, timestamps: trace.map((_, i) => 1_354_320_000 + i), overview: 'false', annotations: ['nodes', 'distance'] });
    } catch {
      matched = { matchings: [] };
    }
    matchMs.push(performance.now() - t);
    const truePieces = piecesOf(truth.routes[0].legs);
    const matchedPieces = piecesOf(matched.matchings.flatMap((m: any) => m.legs));
    let recovered = 0, total = 0;
    for (const [key, length] of truePieces) {
      total += length;
      if (matchedPieces.has(key)) recovered += length;
    }
    recoveries.push(recovered / total);
    lengthRatios.push(matched.matchings.reduce((s: number, m: any) => s + m.distance, 0) / distanceM);
    k++;
  }
  const recoveryMedian = median(recoveries), recoveryMin = Math.min(...recoveries);
  say(`match: ${recoveries.length} traces (1 Hz, σ 5–15 m): true route recovered median ${(recoveryMedian * 100).toFixed(1)} %, worst ${(recoveryMin * 100).toFixed(1)} %; matched/true length median ${median(lengthRatios).toFixed(3)}; ${Math.round(median(matchMs))} ms per trace`);

  const summary = {
    table1000InProcessMs: inProcess.wallMs, table1000InProcessCpuMs: inProcess.cpuMs,
    table1000HttpMs: overHttp.wallMs, table1000HttpCpuMs: overHttp.cpuMs + httpServerCpuMs, httpVsInProcess: Math.round((overHttp.wallMs / inProcess.wallMs) * 100) / 100,
    table1000HttpClientCpuMs: overHttp.cpuMs, table1000HttpServerCpuMs: httpServerCpuMs, table1000ClientJsonParseMs: clientParse.wallMs, table1000ClientJsonParseCpuMs: clientParse.cpuMs,
    providerTable1000Ms: viaProvider.wallMs, directTable1000Ms: direct.wallMs, providerVsDirect: Math.round((viaProvider.wallMs / direct.wallMs) * 100) / 100,
    routesPerSSerialReused: reusedSerial.perS, routesPerSSerialFresh: freshSerial.perS,
    routesPerSReusedConnections: reusedRate.perS, routesPerSFreshConnections: freshRate.perS, routesPerSJejaringOsrm: ownRate.perS,
    cpuMsPerRouteReused: totalCpu(reusedRate), cpuMsPerRouteFresh: totalCpu(freshRate), cpuMsPerRouteJejaringOsrm: totalCpu(ownRate),
    providerRoutesPerS: ownRate.perS, providerClientCpuMsPerRoute: ownRate.clientCpuMsPerRoute, providerServerCpuMsPerRoute: ownRate.serverCpuMsPerRoute,
    providerRoutesPerSStub: rates.stub.fresh.parallel8.perS, providerStubClientCpuMsPerRoute: rates.stub.fresh.parallel8.clientCpuMsPerRoute,
    // What one client core could do whatever the load: 1000 / client CPU ms per route (8 in flight, stub server).
    providerClientRoutesPerCpuSFresh: Math.round(1000 / rates.stub.fresh.parallel8.clientCpuMsPerRoute),
    providerClientRoutesPerCpuSReused: Math.round(1000 / rates.stub.reused.parallel8.clientCpuMsPerRoute),
    providerClientRoutesPerCpuSPipelined: Math.round(1000 / rates.stub.pipelined.parallel8.clientCpuMsPerRoute),
    providerRoutesPerSStubReused: rates.stub.reused.parallel8.perS, providerRoutesPerSStubPipelined: rates.stub.pipelined.parallel8.perS,
    providerRoutesPerSOsrmLikePipelined: rates.osrmLike.pipelined.parallel8.perS, providerRoutesPerSSerialOsrmLikePipelined: rates.osrmLike.pipelined.serial.perS,
    routesPerS: rates,
    matchRecoveryMedian: Math.round(recoveryMedian * 1000) / 1000, matchRecoveryMin: Math.round(recoveryMin * 1000) / 1000,
    matchLengthRatioMedian: Math.round(median(lengthRatios) * 1000) / 1000, matchTraces: recoveries.length, matchMsPerTrace: Math.round(median(matchMs)),
    loadAverage: Math.round(loadavg()[0] * 100) / 100, cores: cpus().length,
  };
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'osrm.json'), `${JSON.stringify({ summary }, null, 2)}\n`);
  writeFileSync(join(outDir, 'osrm.md'), [
    '# bench osrm', '', `Jakarta 2012 motorbike graph, ${summary.cores} cores, load average ${summary.loadAverage} (wall time; CPU time beside it).`, '',
    '| measure | value |', '|---|---|',
    `| table 1000×1000 in-process | ${summary.table1000InProcessMs} ms (CPU ${summary.table1000InProcessCpuMs} ms) |`,
    `| table 1000×1000 via /osrm over HTTP (server in its own process) | ${summary.table1000HttpMs} ms (CPU ${summary.table1000HttpCpuMs} ms: client ${summary.table1000HttpClientCpuMs}, server ${summary.table1000HttpServerCpuMs}), ×${summary.httpVsInProcess} |`,
    `| the client's JSON.parse of that body alone | ${summary.table1000ClientJsonParseMs} ms (CPU ${summary.table1000ClientJsonParseCpuMs} ms) |`,
    `| provider table 1000×1000 vs one direct request | ${summary.providerTable1000Ms} ms vs ${summary.directTable1000Ms} ms, ×${summary.providerVsDirect} |`,
    `| routes/s one at a time, osrm-routed-like server: reused vs fresh connections | ${summary.routesPerSSerialReused} vs ${summary.routesPerSSerialFresh} |`,
    `| routes/s, osrm-routed-like server, reused connections | ${summary.routesPerSReusedConnections} (CPU ${summary.cpuMsPerRouteReused} ms/route) |`,
    `| routes/s, osrm-routed-like server, fresh connections (default) | ${summary.routesPerSFreshConnections} (CPU ${summary.cpuMsPerRouteFresh} ms/route) |`,
    `| routes/s, provider → jejaring /osrm (Jakarta) | ${summary.routesPerSJejaringOsrm} (CPU ${summary.cpuMsPerRouteJejaringOsrm} ms/route, client and server) |`,
    `| /match, true route recovered (median, worst of ${summary.matchTraces}) | ${(summary.matchRecoveryMedian * 100).toFixed(1)} %, ${(summary.matchRecoveryMin * 100).toFixed(1)} % |`,
    `| /match, matched / true length (median) | ${summary.matchLengthRatioMedian} |`,
    '', '## Routes per second through the provider (servers in their own process)', '',
    'jejaring: its /osrm on Jakarta (random pairs, full GeoJSON geometry); stub: a node:http server replaying one recorded',
    'answer (the client\'s own cost); osrmLike: headers and body in two segments with Nagle on, like osrm-routed.', '',
    '| server | connections | one at a time | 8 in flight | client CPU ms/route | server CPU ms/route |', '|---|---|---|---|---|---|',
    ...Object.entries(rates).flatMap(([target, modes]) => Object.entries(modes).map(([mode, r]) =>
      `| ${target} | ${mode} | ${r.serial.perS} | ${r.parallel8.perS} | ${r.parallel8.clientCpuMsPerRoute} | ${r.parallel8.serverCpuMsPerRoute} |`)),
    '',
  ].join('\n'));
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
