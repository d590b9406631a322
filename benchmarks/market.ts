// `jejaring bench market`: generated pasar batches (haversine, and on the Jakarta road graph around Pasar Senen when
// the embedded router is available) solved and checked under three planning variants side by side: couriers used,
// unassigned reasons, courier minutes per order, shared stall visits, time in bag.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSolution, generateMarketBatch, generateMarketBatchOnRoads, type MarketBatch, solve as engineSolve } from '../engine/index.js';
import type { ProblemInput, Solution, RoutingProvider } from '../engine/index.js';
import type { SolveFn } from './lilim.js';
import { PACKAGE_ROOT } from '../api/package-root.js';

const ROOT = PACKAGE_ROOT;
const JAKARTA_ROADS = join(ROOT, 'fixtures/osm/jakarta-roads-osm-2012-synthetic-ids.osm.pbf');

/**
 * How a batch is planned: `fixed-groups` as before markets were modelled (every stall ridden to with a setup, each
 * order's stalls one group in input order), `walking` (stall-to-stall legs walked, one parking per market entry,
 * groups still fixed), `sequenced` (walking, and the solver orders the stalls and shares stall visits).
 */
export type MarketVariant = 'fixed-groups' | 'walking' | 'sequenced';
export const MARKET_VARIANTS: readonly MarketVariant[] = ['fixed-groups', 'walking', 'sequenced'];

export interface MarketRow {
  readonly mode: 'haversine' | 'roads';
  readonly variant: MarketVariant;
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
  /** Courier minutes (route durations, waiting included) per served order. */
  readonly minutesPerOrder: number | null;
  /** Stall visits that serve more than one order (consecutive pickups of different orders at one stall). */
  readonly sharedVisits: number;
  /** Mean over served orders of delivery service start minus first pickup service start. */
  readonly meanInBagS: number | null;
  readonly maxInBagS: number | null;
  readonly solveMs: number;
  /** CPU time of the solve (user + system), ms. */
  readonly solveCpuMs: number;
  readonly feasible: boolean;
  readonly violations: readonly string[];
}

/** The batch's problem and search settings for a variant. */
export function variantOf(batch: MarketBatch, variant: MarketVariant): { problem: ProblemInput; search: Record<string, unknown> } {
  if (variant === 'fixed-groups') {
    const { markets: _markets, ...today } = batch.problem;
    return { problem: today, search: { stallSequencing: false } };
  }
  return { problem: batch.problem, search: { stallSequencing: variant === 'sequenced' } };
}

export interface MarketBudget {
  readonly timeMs?: number;
  readonly cpuMs?: number;
}

/** Solves one batch under `variant` and measures it with the checker's recomputed routes. */
export function measureBatch(mode: MarketRow['mode'], variant: MarketVariant, batch: MarketBatch, solve: SolveFn, budget: MarketBudget): MarketRow {
  const { options } = batch;
  const { problem, search } = variantOf(batch, variant);
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const { solution } = solve(problem, { timeLimitMs: budget.timeMs, cpuTimeLimitMs: budget.cpuMs, seed: options.seed, search });
  const solveMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  const check = checkSolution(problem, solution);
  const routes = check.recomputedRoutes.filter((r) => r.stops.length > 0);
  const fleetOf = new Map(problem.couriers.map((c) => [c.id, c.fleet]));
  const inBag = inBagSeconds(check.recomputedRoutes);
  const unassigned: Record<string, number> = {};
  for (const u of solution.unassigned) unassigned[u.reason] = (unassigned[u.reason] ?? 0) + 1;
  const served = problem.orders.length - solution.unassigned.length;
  const totalDurationS = routes.reduce((s, r) => s + r.durationS, 0);
  return {
    mode, variant, seed: options.seed, orders: problem.orders.length,
    stops: routes.reduce((s, r) => s + r.stops.length, 0),
    couriersUsed: routes.length,
    ojolUsed: routes.filter((r) => fleetOf.get(r.courierId) === 'ojol').length,
    pangkalanUsed: routes.filter((r) => fleetOf.get(r.courierId) === 'pangkalan').length,
    unassigned,
    totalDurationS,
    totalDistanceM: routes.reduce((s, r) => s + r.distanceM, 0),
    minutesPerOrder: served > 0 ? totalDurationS / 60 / served : null,
    sharedVisits: sharedVisits(routes),
    meanInBagS: inBag.length ? inBag.reduce((a, b) => a + b, 0) / inBag.length : null,
    maxInBagS: inBag.length ? Math.max(...inBag) : null,
    solveMs, solveCpuMs: (cpu.user + cpu.system) / 1000, feasible: check.feasible, violations: [...new Set(check.violations.map((v) => v.code))],
  };
}

function sharedVisits(routes: Solution['routes']): number {
  let shared = 0;
  for (const route of routes) {
    for (let k = 1; k < route.stops.length; k++) {
      const a = route.stops[k - 1], b = route.stops[k];
      if (a.kind === 'pickup' && b.kind === 'pickup' && a.locationId === b.locationId && a.orderId !== b.orderId) shared++;
    }
  }
  return shared;
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

/** Mean courier minutes per order of each variant, over the rows that have it. */
export function variantMeans(rows: readonly MarketRow[]): Record<MarketVariant, number | null> {
  const out = {} as Record<MarketVariant, number | null>;
  for (const v of MARKET_VARIANTS) {
    const values = rows.filter((r) => r.variant === v && r.minutesPerOrder !== null).map((r) => r.minutesPerOrder!);
    out[v] = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  }
  return out;
}

export function marketMarkdown(rows: readonly MarketRow[], budgetLabel: string, notes: readonly string[]): string {
  const fmt = (v: number | null, d = 0) => (v === null ? '–' : v.toFixed(d));
  const reasons = (u: Record<string, number>) => Object.entries(u).map(([k, v]) => `${k} ${v}`).join(', ') || '–';
  const means = variantMeans(rows);
  const base = means['fixed-groups'];
  const gain = (v: MarketVariant) => (base && means[v] !== null ? `${((100 * (base - means[v]!)) / base).toFixed(1)} %` : '–');
  return [
    `# Pasar batches, ${budgetLabel} per batch and variant`,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '| variant | mean courier min per order | fewer than fixed-groups |',
    '|---|---:|---:|',
    ...MARKET_VARIANTS.map((v) => `| ${v} | ${fmt(means[v], 2)} | ${v === 'fixed-groups' ? '–' : gain(v)} |`),
    '',
    '| mode | seed | variant | orders | stops | shared stall visits | couriers (ojol + pangkalan) | unassigned | duration h | min per order | distance km | mean / max in bag min | solve ms (CPU) | feasible |',
    '|---|---:|---|---:|---:|---:|---|---|---:|---:|---:|---|---:|---|',
    ...rows.map((r) => `| ${r.mode} | ${r.seed} | ${r.variant} | ${r.orders} | ${r.stops} | ${r.sharedVisits} | ${r.couriersUsed} (${r.ojolUsed} + ${r.pangkalanUsed}) | ${reasons(r.unassigned)} | ${(r.totalDurationS / 3600).toFixed(2)} | ${fmt(r.minutesPerOrder, 2)} | ${(r.totalDistanceM / 1000).toFixed(1)} | ${fmt(r.meanInBagS === null ? null : r.meanInBagS / 60, 1)} / ${fmt(r.maxInBagS === null ? null : r.maxInBagS / 60, 1)} | ${r.solveMs.toFixed(0)} (${r.solveCpuMs.toFixed(0)}) | ${r.feasible ? 'yes' : r.violations.join(' ')} |`),
    '',
  ].join('\n');
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return Math.round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

/** CLI entry: `jejaring bench market [--seeds 1,2,3] [--cpu-ms N | --time-ms N] [--no-roads] [--json] [--out dir]`. */
export async function run(args: string[], solve?: SolveFn): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { seeds: { type: 'string', default: '1,2,3' }, 'time-ms': { type: 'string' }, 'cpu-ms': { type: 'string' }, 'no-roads': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const seeds = values.seeds.split(',').map(Number);
  // Default budget: 2000 ms of the solving thread's CPU per batch and variant (independent of machine load).
  const timeMs = values['time-ms'] !== undefined ? Number(values['time-ms']) : undefined;
  const cpuMs = values['cpu-ms'] !== undefined ? Number(values['cpu-ms']) : timeMs === undefined ? 2000 : undefined;
  if (seeds.some((s) => !Number.isInteger(s)) || (timeMs !== undefined && !(timeMs > 0)) || (cpuMs !== undefined && !(cpuMs > 0))) {
    process.stderr.write('--seeds must be integers, --time-ms and --cpu-ms positive\n');
    return 2;
  }
  const budget: MarketBudget = { timeMs, cpuMs };
  const budgetLabel = [timeMs !== undefined ? `${timeMs} ms` : '', cpuMs !== undefined ? `${cpuMs} ms CPU` : ''].filter(Boolean).join(' or ');
  const solveFn = solve ?? engineSolve;
  const rows: MarketRow[] = [];
  const notes: string[] = ['haversine: great-circle metres at 20 km/h around Pasar Senen (-6.1737, 106.8442)'];
  const loadAtStart = loadavg()[0];
  const report = (r: MarketRow) => {
    rows.push(r);
    process.stdout.write(`${r.mode.padEnd(9)} seed ${r.seed} ${r.variant.padEnd(12)}: ${r.orders} orders, ${r.couriersUsed} couriers, ${r.minutesPerOrder?.toFixed(2) ?? '–'} min per order, ${r.sharedVisits} shared visits, unassigned ${JSON.stringify(r.unassigned)}, ${(r.totalDurationS / 3600).toFixed(2)} h, in bag ${((r.meanInBagS ?? 0) / 60).toFixed(1)} min, ${r.solveMs.toFixed(0)} ms, ${r.feasible ? 'feasible' : `INFEASIBLE ${r.violations.join(',')}`}\n`);
  };
  for (const seed of seeds) {
    const batch = generateMarketBatch({ seed });
    for (const variant of MARKET_VARIANTS) report(measureBatch('haversine', variant, batch, solveFn, budget));
  }
  const router = values['no-roads'] ? 'road mode skipped (--no-roads)' : await openJakartaRouter();
  if (typeof router === 'string') {
    notes.push(router);
  } else {
    notes.push(`roads: ${router.name} on the OSM-derived Jakarta 2012 road layer`);
    try {
      for (const seed of seeds) {
        const batch = await generateMarketBatchOnRoads(router, { seed });
        for (const variant of MARKET_VARIANTS) report(measureBatch('roads', variant, batch, solveFn, budget));
      }
    } finally {
      await router.close?.();
    }
  }
  notes.push(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, code ${codeVersion()}, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  const solveTimes = rows.map((r) => r.solveMs).sort((a, b) => a - b);
  const means = variantMeans(rows);
  const base = means['fixed-groups'];
  const summary = {
    batches: rows.length,
    /** Mean courier minutes per served order, per variant. */
    minutesPerOrder: Object.fromEntries(MARKET_VARIANTS.map((v) => [v, means[v] === null ? null : Math.round(means[v]! * 100) / 100])),
    /** Fewer courier minutes per order with sequenced stalls and walking legs than with fixed groups, percent. */
    sequencedGainPct: base && means.sequenced !== null ? Math.round((1000 * (base - means.sequenced)) / base) / 10 : null,
    feasible: rows.filter((r) => r.feasible).length,
    ordersServed: rows.reduce((s, r) => s + r.orders - Object.values(r.unassigned).reduce((a, b) => a + b, 0), 0),
    orders: rows.reduce((s, r) => s + r.orders, 0),
    meanCouriersUsed: rows.length ? rows.reduce((s, r) => s + r.couriersUsed, 0) / rows.length : 0,
    meanInBagMin: rows.length ? Math.round((rows.reduce((s, r) => s + (r.meanInBagS ?? 0), 0) / rows.length / 60) * 10) / 10 : 0,
    medianSolveMs: median(solveTimes),
    roads: rows.some((r) => r.mode === 'roads'),
  };
  writeFileSync(join(outDir, 'market.json'), `${JSON.stringify({ summary, notes, rows }, null, 2)}\n`);
  writeFileSync(join(outDir, 'market.md'), marketMarkdown(rows, budgetLabel, notes));
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
