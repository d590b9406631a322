// `jejaring bench osrm [--json]`: the OSRM-compatible side on Jakarta: 1000×1000 table over HTTP vs in-process, the
// OSRM provider's throughput (routes/s, fresh vs reused connections against an osrm-routed-like server) and one-request
// tables, and /match on noisy synthetic 1 Hz traces. Writes benchmarks/results/osrm.{json,md}.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import osrmCompat, { OSRM_MAX_URL_BYTES } from '../api/plugins/osrm-compat.js';
import { formatCoordinates, haversineM, openEmbeddedRouter, OsrmHttpProvider, OsrmService, type LonLat } from '../engine/index.js';
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

/** A server writing like osrm-routed: headers and body in two segments, Nagle left on; replays one JSON body. */
async function osrmLikeServer(body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.setNoDelay(false);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n\r\n'); end >= 0; end = buffer.indexOf('\r\n\r\n')) {
        const head = buffer.slice(0, end).toLowerCase();
        buffer = buffer.slice(end + 4);
        const close = head.includes('connection: close');
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: ${close ? 'close' : 'keep-alive'}\r\n\r\n`);
        setImmediate(() => (close ? socket.end(body) : socket.write(body)));
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Routes per second through `provider` with `inFlight` callers for `seconds`. */
async function routesPerSecond(provider: OsrmHttpProvider, pairs: LonLat[][], inFlight: number, seconds: number): Promise<{ perS: number; cpuMsPerRoute: number }> {
  const stop = performance.now() + seconds * 1000, c = process.cpuUsage();
  let done = 0;
  await Promise.all(Array.from({ length: inFlight }, async (_, w) => {
    for (let i = w; performance.now() < stop; i += inFlight) {
      await provider.route(pairs[i % pairs.length]);
      done++;
    }
  }));
  return { perS: Math.round(done / seconds), cpuMsPerRoute: Math.round((cpuMs(c) / done) * 100) / 100 };
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

  // 1000×1000: in-process vs /osrm over HTTP (JSON both ways), side by side.
  const app = Fastify({ http: { maxHeaderSize: OSRM_MAX_URL_BYTES } });
  await app.register(osrmCompat, { provider: router, maxTableSize: 10_000 });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const tableUrl = `${baseUrl}/table/v1/driving/${formatCoordinates(points)}`;
  const inProcess = await timed(3, () => router.table({ sources: points }));
  const overHttp = await timed(3, async () => (await fetch(tableUrl)).json());
  say(`table 1000×1000: in-process ${inProcess.wallMs} ms (CPU ${inProcess.cpuMs} ms), /osrm over HTTP ${overHttp.wallMs} ms (CPU ${overHttp.cpuMs} ms, client and server), ratio ${(overHttp.wallMs / inProcess.wallMs).toFixed(2)}`);

  // The provider's 1000² table in one request vs one direct request of the same URL.
  const provider = new OsrmHttpProvider({ baseUrl, timeoutMs: 60_000 });
  const directUrl = `${tableUrl}?annotations=duration,distance&radiuses=${new Array(points.length).fill(500).join(';')}`;
  const direct = await timed(3, async () => (await fetch(directUrl)).json());
  const viaProvider = await timed(3, () => provider.table({ sources: points }));
  say(`provider table 1000×1000: ${viaProvider.wallMs} ms (CPU ${viaProvider.cpuMs} ms) vs one direct request ${direct.wallMs} ms, ratio ${(viaProvider.wallMs / direct.wallMs).toFixed(2)}`);

  // Routes per second through the provider: against an osrm-routed-like server (replaying a recorded answer), with
  // reused connections (the 40 ms delayed-ACK stall) and fresh ones; and against jejaring's own /osrm.
  const pairs: LonLat[][] = [];
  for (let i = 0; i + 1 < points.length; i += 2) pairs.push([points[i], points[i + 1]]);
  const recorded = JSON.parse(readFileSync(join(ROOT, 'fixtures/osrm-golden/cases/route-overview-full-geojson.json'), 'utf8')).body;
  const osrmLike = await osrmLikeServer(JSON.stringify(recorded));
  const reused = new OsrmHttpProvider({ baseUrl: osrmLike.url, reuseConnections: true });
  const fresh = new OsrmHttpProvider({ baseUrl: osrmLike.url });
  // One caller at a time shows the per-request stall whatever the load; eight callers show throughput.
  const reusedSerial = await routesPerSecond(reused, pairs, 1, 2);
  const freshSerial = await routesPerSecond(fresh, pairs, 1, 2);
  const reusedRate = await routesPerSecond(reused, pairs, 8, 2);
  const freshRate = await routesPerSecond(fresh, pairs, 8, 2);
  const ownRate = await routesPerSecond(provider, pairs, 8, 2);
  await Promise.all([reused.close(), fresh.close(), provider.close(), osrmLike.close()]);
  say(`routes/s through the provider, one at a time: osrm-routed-like server ${reusedSerial.perS} reused connections vs ${freshSerial.perS} fresh`);
  say(`routes/s through the provider (8 in flight): osrm-routed-like server ${reusedRate.perS} reused connections (${reusedRate.cpuMsPerRoute} CPU ms/route) vs ${freshRate.perS} fresh (${freshRate.cpuMsPerRoute} CPU ms/route); jejaring /osrm on Jakarta ${ownRate.perS} (${ownRate.cpuMsPerRoute} CPU ms/route, client and server)`);
  await app.close();

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
    table1000HttpMs: overHttp.wallMs, table1000HttpCpuMs: overHttp.cpuMs, httpVsInProcess: Math.round((overHttp.wallMs / inProcess.wallMs) * 100) / 100,
    providerTable1000Ms: viaProvider.wallMs, directTable1000Ms: direct.wallMs, providerVsDirect: Math.round((viaProvider.wallMs / direct.wallMs) * 100) / 100,
    routesPerSSerialReused: reusedSerial.perS, routesPerSSerialFresh: freshSerial.perS,
    routesPerSReusedConnections: reusedRate.perS, routesPerSFreshConnections: freshRate.perS, routesPerSJejaringOsrm: ownRate.perS,
    cpuMsPerRouteReused: reusedRate.cpuMsPerRoute, cpuMsPerRouteFresh: freshRate.cpuMsPerRoute, cpuMsPerRouteJejaringOsrm: ownRate.cpuMsPerRoute,
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
    `| table 1000×1000 via /osrm over HTTP | ${summary.table1000HttpMs} ms (CPU ${summary.table1000HttpCpuMs} ms), ×${summary.httpVsInProcess} |`,
    `| provider table 1000×1000 vs one direct request | ${summary.providerTable1000Ms} ms vs ${summary.directTable1000Ms} ms, ×${summary.providerVsDirect} |`,
    `| routes/s one at a time, osrm-routed-like server: reused vs fresh connections | ${summary.routesPerSSerialReused} vs ${summary.routesPerSSerialFresh} |`,
    `| routes/s, osrm-routed-like server, reused connections | ${summary.routesPerSReusedConnections} (CPU ${summary.cpuMsPerRouteReused} ms/route) |`,
    `| routes/s, osrm-routed-like server, fresh connections (default) | ${summary.routesPerSFreshConnections} (CPU ${summary.cpuMsPerRouteFresh} ms/route) |`,
    `| routes/s, provider → jejaring /osrm (Jakarta) | ${summary.routesPerSJejaringOsrm} (CPU ${summary.cpuMsPerRouteJejaringOsrm} ms/route, client and server) |`,
    `| /match, true route recovered (median, worst of ${summary.matchTraces}) | ${(summary.matchRecoveryMedian * 100).toFixed(1)} %, ${(summary.matchRecoveryMin * 100).toFixed(1)} % |`,
    `| /match, matched / true length (median) | ${summary.matchLengthRatioMedian} |`, '',
  ].join('\n'));
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
