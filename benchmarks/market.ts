// `jejaring bench market`: generated pasar batches (haversine, and on the Jakarta road graph around Pasar Senen when
// the embedded router is available) solved and checked: couriers used, unassigned reasons, duration, time in bag.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSolution, generateMarketBatch, generateMarketBatchOnRoads, type MarketBatch, solve as engineSolve } from '../engine/index.js';
import type { Solution, RoutingProvider } from '../engine/index.js';
import type { SolveFn } from './lilim.js';

const ROOT = new URL('..', import.meta.url).pathname;
const JAKARTA_ROADS = join(ROOT, 'fixtures/osm/jakarta-roads-osm-2012-synthetic-ids.osm.pbf');

export interface MarketRow {
  readonly mode: 'haversine' | 'roads';
  readonly seed: number;
  readonly orders: number;
  readonly stops: number;
  readonly couriersUsed: number;
  readonly ojolUsed: number;
  readonly pangkalanUsed: number;
  /** Unassigned orders per reason code. */
  readonly unassigned: Record<string, number>;
  readonly totalDurationS: number;
  readonly totalDistanceM: number;
  /** Mean over served orders of delivery service start minus first pickup service start. */
  readonly meanInBagS: number | null;
  readonly maxInBagS: number | null;
  readonly solveMs: number;
  /** CPU time of the solve (user + system), ms. */
  readonly solveCpuMs: number;
  readonly feasible: boolean;
  readonly violations: readonly string[];
}

/** Solves one batch and measures it with the checker's recomputed routes. */
export function measureBatch(mode: MarketRow['mode'], batch: MarketBatch, solve: SolveFn, timeMs: number): MarketRow {
  const { problem, options } = batch;
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const { solution } = solve(problem, { timeLimitMs: timeMs, seed: options.seed });
  const solveMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  const check = checkSolution(problem, solution);
  const routes = check.recomputedRoutes.filter((r) => r.stops.length > 0);
  const fleetOf = new Map(problem.couriers.map((c) => [c.id, c.fleet]));
  const inBag = inBagSeconds(check.recomputedRoutes);
  const unassigned: Record<string, number> = {};
  for (const u of solution.unassigned) unassigned[u.reason] = (unassigned[u.reason] ?? 0) + 1;
  return {
    mode, seed: options.seed, orders: problem.orders.length,
    stops: routes.reduce((s, r) => s + r.stops.length, 0),
    couriersUsed: routes.length,
    ojolUsed: routes.filter((r) => fleetOf.get(r.courierId) === 'ojol').length,
    pangkalanUsed: routes.filter((r) => fleetOf.get(r.courierId) === 'pangkalan').length,
    unassigned,
    totalDurationS: routes.reduce((s, r) => s + r.durationS, 0),
    totalDistanceM: routes.reduce((s, r) => s + r.distanceM, 0),
    meanInBagS: inBag.length ? inBag.reduce((a, b) => a + b, 0) / inBag.length : null,
    maxInBagS: inBag.length ? Math.max(...inBag) : null,
    solveMs, solveCpuMs: (cpu.user + cpu.system) / 1000, feasible: check.feasible, violations: [...new Set(check.violations.map((v) => v.code))],
  };
}

function inBagSeconds(routes: Solution['routes']): number[] {
  const out: number[] = [];
  for (const route of routes) {
    const firstPickupS = new Map<string, number>();
    for (const stop of route.stops) {
      if (stop.kind === 'pickup' && !firstPickupS.has(stop.orderId)) firstPickupS.set(stop.orderId, stop.serviceStartS);
      if (stop.kind === 'delivery' && firstPickupS.has(stop.orderId)) out.push(stop.serviceStartS - firstPickupS.get(stop.orderId)!);
    }
  }
  return out;
}

/** Opens the embedded router on the Jakarta roads, or explains why not (module missing, graph not buildable). */
async function openJakartaRouter(): Promise<RoutingProvider | string> {
  const modulePath = '../engine/routing/embedded-router.js';
  try {
    const routing = (await import(modulePath)) as { openEmbeddedRouter?: (o: { graphPath: string }) => Promise<RoutingProvider> };
    if (typeof routing.openEmbeddedRouter !== 'function') return 'the embedded router is not available';
    return await routing.openEmbeddedRouter({ graphPath: JAKARTA_ROADS });
  } catch (error) {
    return `the embedded router could not open the Jakarta roads: ${(error as Error).message}`;
  }
}

export function marketMarkdown(rows: readonly MarketRow[], timeMs: number, notes: readonly string[]): string {
  const fmt = (v: number | null, d = 0) => (v === null ? '–' : v.toFixed(d));
  const reasons = (u: Record<string, number>) => Object.entries(u).map(([k, v]) => `${k} ${v}`).join(', ') || '–';
  return [
    `# Pasar batches, ${timeMs} ms per batch`,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '| mode | seed | orders | stops | couriers (ojol + pangkalan) | unassigned | duration h | distance km | mean / max in bag min | solve ms (CPU) | feasible |',
    '|---|---:|---:|---:|---|---|---:|---:|---|---:|---|',
    ...rows.map((r) => `| ${r.mode} | ${r.seed} | ${r.orders} | ${r.stops} | ${r.couriersUsed} (${r.ojolUsed} + ${r.pangkalanUsed}) | ${reasons(r.unassigned)} | ${(r.totalDurationS / 3600).toFixed(2)} | ${(r.totalDistanceM / 1000).toFixed(1)} | ${fmt(r.meanInBagS === null ? null : r.meanInBagS / 60, 1)} / ${fmt(r.maxInBagS === null ? null : r.maxInBagS / 60, 1)} | ${r.solveMs.toFixed(0)} (${r.solveCpuMs.toFixed(0)}) | ${r.feasible ? 'yes' : r.violations.join(' ')} |`),
    '',
  ].join('\n');
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return Math.round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

/** CLI entry: `jejaring bench market [--seeds 1,2,3] [--time-ms N] [--no-roads] [--json] [--out dir]`. */
export async function run(args: string[], solve?: SolveFn): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { seeds: { type: 'string', default: '1,2,3' }, 'time-ms': { type: 'string', default: '2000' }, 'no-roads': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const seeds = values.seeds.split(',').map(Number);
  const timeMs = Number(values['time-ms']);
  if (seeds.some((s) => !Number.isInteger(s)) || !(timeMs > 0)) {
    process.stderr.write('--seeds must be integers and --time-ms positive\n');
    return 2;
  }
  const solveFn = solve ?? engineSolve;
  const rows: MarketRow[] = [];
  const notes: string[] = ['haversine: great-circle metres at 20 km/h around Pasar Senen (-6.1737, 106.8442)'];
  const loadAtStart = loadavg()[0];
  const report = (r: MarketRow) => {
    rows.push(r);
    process.stdout.write(`${r.mode.padEnd(9)} seed ${r.seed}: ${r.orders} orders, ${r.couriersUsed} couriers, unassigned ${JSON.stringify(r.unassigned)}, ${(r.totalDurationS / 3600).toFixed(2)} h, in bag ${((r.meanInBagS ?? 0) / 60).toFixed(1)} min, ${r.solveMs.toFixed(0)} ms, ${r.feasible ? 'feasible' : `INFEASIBLE ${r.violations.join(',')}`}\n`);
  };
  for (const seed of seeds) report(measureBatch('haversine', generateMarketBatch({ seed }), solveFn, timeMs));
  const router = values['no-roads'] ? 'road mode skipped (--no-roads)' : await openJakartaRouter();
  if (typeof router === 'string') {
    notes.push(router);
  } else {
    notes.push(`roads: ${router.name} on the OSM-derived Jakarta 2012 road layer`);
    try {
      for (const seed of seeds) report(measureBatch('roads', await generateMarketBatchOnRoads(router, { seed }), solveFn, timeMs));
    } finally {
      await router.close?.();
    }
  }
  notes.push(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, code ${codeVersion()}, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  const solveTimes = rows.map((r) => r.solveMs).sort((a, b) => a - b);
  const summary = {
    batches: rows.length,
    feasible: rows.filter((r) => r.feasible).length,
    ordersServed: rows.reduce((s, r) => s + r.orders - Object.values(r.unassigned).reduce((a, b) => a + b, 0), 0),
    orders: rows.reduce((s, r) => s + r.orders, 0),
    meanCouriersUsed: rows.length ? rows.reduce((s, r) => s + r.couriersUsed, 0) / rows.length : 0,
    meanInBagMin: rows.length ? Math.round((rows.reduce((s, r) => s + (r.meanInBagS ?? 0), 0) / rows.length / 60) * 10) / 10 : 0,
    medianSolveMs: median(solveTimes),
    roads: rows.some((r) => r.mode === 'roads'),
  };
  writeFileSync(join(outDir, 'market.json'), `${JSON.stringify({ summary, notes, rows }, null, 2)}\n`);
  writeFileSync(join(outDir, 'market.md'), marketMarkdown(rows, timeMs, notes));
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  for (const note of notes.slice(1, -1)) process.stderr.write(`${note}\n`);
  return summary.feasible === summary.batches ? 0 : 1;
}

/** The checked-out commit (with `-dirty` when the tree has changes), or 'unknown' outside git. */
function codeVersion(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
