// `jejaring bench market`: generated pasar batches (haversine, and on the Jakarta road graph around Pasar Senen when
// the embedded router is available) solved under three planning variants side by side and measured under the real
// rules (walking, one parking per market entry): couriers used, unassigned reasons, courier minutes per order,
// walking, shared stall visits, time in bag, and what a plan made without the markets breaks in reality.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSolution, generateMarketBatch, generateMarketBatchOnRoads, type MarketBatch, solve as engineSolve } from '../engine/index.js';
import type { ProblemInput, Solution, RoutingProvider } from '../engine/index.js';
import type { SolveFn } from './lilim.js';
import { PACKAGE_ROOT } from '../api/package-root.js';
import { machineNote } from './field-days.js';

const ROOT = PACKAGE_ROOT;
const JAKARTA_ROADS = join(ROOT, 'fixtures/osm/jakarta-roads-osm-2012-synthetic-ids.osm.pbf');

/**
 * How a batch is planned: `fixed-groups` as before markets were modelled (every stall ridden to with a setup, each
 * order's stalls one group in input order), `walking` (stall-to-stall legs walked, one parking per market entry,
 * groups still fixed), `sequenced` (walking, and the solver orders the stalls and shares stall visits). Every plan
 * is then timed under the real rules (the batch's markets): a courier walks between stalls whatever the planner
 * assumed.
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
  /** Route durations (waiting included) and distances, timed under the real rules. */
  readonly totalDurationS: number;
  readonly totalDistanceM: number;
  /** Courier minutes (route durations under the real rules, waiting included) per served order. */
  readonly minutesPerOrder: number | null;
  /** Courier minutes per served order as the planner predicted them (its own rules; fixed-groups rides stalls). */
  readonly plannedMinutesPerOrder: number | null;
  /** Minutes per served order spent walking between stalls (real rules). */
  readonly walkingMinutesPerOrder: number | null;
  /** Stops served after their window closes and orders over their time-in-bag cap, under the real rules. */
  readonly lateStops: number;
  readonly overInBag: number;
  /** Stall visits that serve more than one order (consecutive pickups of different orders at one stall). */
  readonly sharedVisits: number;
  /** Mean over served orders of delivery service start minus first pickup service start. */
  readonly meanInBagS: number | null;
  readonly maxInBagS: number | null;
  readonly solveMs: number;
  /** CPU time of the solve (user + system), ms. */
  readonly solveCpuMs: number;
  /** The checker's verdict under the rules the plan was made for (the solver's correctness). */
  readonly feasible: boolean;
  readonly violations: readonly string[];
  /** Rules the plan breaks when timed under the real rules (timing fields recomputed, so no mismatch codes). */
  readonly realViolations: readonly string[];
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
  /** Annealing iterations: alone, the run is reproducible to the metre. */
  readonly iterations?: number;
}

/** Codes of a re-timed plan's own reported values disagreeing with the recomputation: expected, not rule breaks. */
const RETIMING_CODES = new Set(['reported_mismatch', 'cost_mismatch']);

/**
 * Solves one batch under `variant`, checks the plan under the rules it was made for, and measures it under the real
 * rules (the batch's markets) with the checker's recomputed routes.
 */
export function measureBatch(mode: MarketRow['mode'], variant: MarketVariant, batch: MarketBatch, solve: SolveFn, budget: MarketBudget): MarketRow {
  const { options } = batch;
  const { problem, search } = variantOf(batch, variant);
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const { solution } = solve(problem, { timeLimitMs: budget.timeMs, cpuTimeLimitMs: budget.cpuMs, maxIterations: budget.iterations, seed: options.seed, search });
  const solveMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  const check = checkSolution(problem, solution);
  const real = problem === batch.problem ? check : checkSolution(batch.problem, solution);
  const routes = real.recomputedRoutes.filter((r) => r.stops.length > 0);
  const fleetOf = new Map(problem.couriers.map((c) => [c.id, c.fleet]));
  const inBag = inBagSeconds(real.recomputedRoutes);
  const unassigned: Record<string, number> = {};
  for (const u of solution.unassigned) unassigned[u.reason] = (unassigned[u.reason] ?? 0) + 1;
  const served = problem.orders.length - solution.unassigned.length;
  const totalDurationS = routes.reduce((s, r) => s + r.durationS, 0);
  const plannedDurationS = check.recomputedRoutes.reduce((s, r) => s + r.durationS, 0);
  const perOrder = (seconds: number) => (served > 0 ? seconds / 60 / served : null);
  return {
    mode, variant, seed: options.seed, orders: problem.orders.length,
    stops: routes.reduce((s, r) => s + r.stops.length, 0),
    couriersUsed: routes.length,
    ojolUsed: routes.filter((r) => fleetOf.get(r.courierId) === 'ojol').length,
    pangkalanUsed: routes.filter((r) => fleetOf.get(r.courierId) === 'pangkalan').length,
    unassigned,
    totalDurationS,
    totalDistanceM: routes.reduce((s, r) => s + r.distanceM, 0),
    minutesPerOrder: perOrder(totalDurationS),
    plannedMinutesPerOrder: perOrder(plannedDurationS),
    walkingMinutesPerOrder: perOrder(walkingSeconds(batch.problem, routes)),
    lateStops: routes.reduce((s, r) => s + r.stops.filter((stop) => stop.lateS > 0).length, 0),
    overInBag: new Set(real.violations.filter((v) => v.code === 'max_in_bag').map((v) => v.orderId ?? v.message)).size,
    sharedVisits: sharedVisits(routes),
    meanInBagS: inBag.length ? inBag.reduce((a, b) => a + b, 0) / inBag.length : null,
    maxInBagS: inBag.length ? Math.max(...inBag) : null,
    solveMs, solveCpuMs: (cpu.user + cpu.system) / 1000, feasible: check.feasible, violations: [...new Set(check.violations.map((v) => v.code))],
    realViolations: [...new Set(real.violations.map((v) => v.code).filter((code) => !RETIMING_CODES.has(code)))],
  };
}

/** Seconds walked between two locations of one market (each route from its courier's start). */
function walkingSeconds(problem: ProblemInput, routes: Solution['routes']): number {
  const marketOf = new Map<string, string>();
  for (const m of problem.markets ?? []) for (const id of m.locationIds) marketOf.set(id, m.id);
  const startOf = new Map(problem.couriers.map((c) => [c.id, c.startLocationId]));
  let walkedS = 0;
  for (const route of routes) {
    let at = startOf.get(route.courierId);
    let clockS = route.startS;
    for (const stop of route.stops) {
      const market = marketOf.get(stop.locationId);
      if (at !== undefined && at !== stop.locationId && market !== undefined && marketOf.get(at) === market) walkedS += stop.arrivalS - clockS;
      clockS = stop.departureS;
      at = stop.locationId;
    }
  }
  return walkedS;
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

/** Mean of a per-order field (default: courier minutes under the real rules) of each variant, over the rows that have it. */
export function variantMeans(rows: readonly MarketRow[], field: 'minutesPerOrder' | 'plannedMinutesPerOrder' | 'walkingMinutesPerOrder' = 'minutesPerOrder'): Record<MarketVariant, number | null> {
  const out = {} as Record<MarketVariant, number | null>;
  for (const v of MARKET_VARIANTS) {
    const values = rows.filter((r) => r.variant === v && r[field] !== null).map((r) => r[field]!);
    out[v] = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  }
  return out;
}

/** Batches of a variant whose plan breaks a window or a time-in-bag cap under the real rules. */
function brokenInReality(rows: readonly MarketRow[], variant: MarketVariant): number {
  return rows.filter((r) => r.variant === variant && (r.lateStops > 0 || r.overInBag > 0)).length;
}

export function marketMarkdown(rows: readonly MarketRow[], budgetLabel: string, notes: readonly string[]): string {
  const fmt = (v: number | null, d = 0) => (v === null ? '–' : v.toFixed(d));
  const reasons = (u: Record<string, number>) => Object.entries(u).map(([k, v]) => `${k} ${v}`).join(', ') || '–';
  const means = variantMeans(rows);
  const planned = variantMeans(rows, 'plannedMinutesPerOrder');
  const walking = variantMeans(rows, 'walkingMinutesPerOrder');
  const base = means['fixed-groups'];
  const gain = (v: MarketVariant) => (base && means[v] !== null ? `${((100 * (base - means[v]!)) / base).toFixed(1)} %` : '–');
  const batches = (v: MarketVariant) => rows.filter((r) => r.variant === v).length;
  return [
    `# Pasar batches, ${budgetLabel} per batch and variant`,
    '',
    ...notes.map((n) => `- ${n}`),
    '- Every plan is timed under the real rules (stalls walked, one parking per market entry), whatever its planner assumed; "as planned" is the planner\'s own prediction (fixed-groups: stalls ridden with a setup each). "feasible" is the checker under the planner\'s rules; "broken in reality" counts batches with a stop past its window or an order over its time-in-bag cap under the real rules.',
    '',
    '| variant | courier min per order | fewer than fixed-groups | as planned | walking min per order | broken in reality |',
    '|---|---:|---:|---:|---:|---:|',
    ...MARKET_VARIANTS.map((v) => `| ${v} | ${fmt(means[v], 2)} | ${v === 'fixed-groups' ? '–' : gain(v)} | ${fmt(planned[v], 2)} | ${fmt(walking[v], 2)} | ${brokenInReality(rows, v)} / ${batches(v)} |`),
    '',
    '| mode | seed | variant | orders | stops | shared stall visits | couriers (ojol + pangkalan) | unassigned | duration h | min per order (as planned) | walking min per order | late stops / over in-bag | distance km | mean / max in bag min | solve ms (CPU) | feasible |',
    '|---|---:|---|---:|---:|---:|---|---|---:|---:|---:|---|---:|---|---:|---|',
    ...rows.map((r) => `| ${r.mode} | ${r.seed} | ${r.variant} | ${r.orders} | ${r.stops} | ${r.sharedVisits} | ${r.couriersUsed} (${r.ojolUsed} + ${r.pangkalanUsed}) | ${reasons(r.unassigned)} | ${(r.totalDurationS / 3600).toFixed(2)} | ${fmt(r.minutesPerOrder, 2)} (${fmt(r.plannedMinutesPerOrder, 2)}) | ${fmt(r.walkingMinutesPerOrder, 2)} | ${r.lateStops} / ${r.overInBag} | ${(r.totalDistanceM / 1000).toFixed(1)} | ${fmt(r.meanInBagS === null ? null : r.meanInBagS / 60, 1)} / ${fmt(r.maxInBagS === null ? null : r.maxInBagS / 60, 1)} | ${r.solveMs.toFixed(0)} (${r.solveCpuMs.toFixed(0)}) | ${r.feasible ? 'yes' : r.violations.join(' ')} |`),
    '',
  ].join('\n');
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return Math.round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

/** CLI entry: `jejaring bench market [--seeds 1,2,3] [--cpu-ms N | --time-ms N | --iterations N] [--no-roads] [--json] [--out dir]`. */
export async function run(args: string[], solve?: SolveFn): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { seeds: { type: 'string', default: '1,2,3' }, 'time-ms': { type: 'string' }, 'cpu-ms': { type: 'string' }, iterations: { type: 'string' }, 'no-roads': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const seeds = values.seeds.split(',').map(Number);
  // Default budget: 2000 ms of the solving thread's CPU per batch and variant (independent of machine load).
  // --iterations alone gives reproducible plans.
  const timeMs = values['time-ms'] !== undefined ? Number(values['time-ms']) : undefined;
  const iterations = values.iterations !== undefined ? Number(values.iterations) : undefined;
  const cpuMs = values['cpu-ms'] !== undefined ? Number(values['cpu-ms']) : timeMs === undefined && iterations === undefined ? 2000 : undefined;
  if (seeds.some((s) => !Number.isInteger(s)) || (timeMs !== undefined && !(timeMs > 0)) || (cpuMs !== undefined && !(cpuMs > 0)) || (iterations !== undefined && !(Number.isInteger(iterations) && iterations > 0))) {
    process.stderr.write('--seeds must be integers, --time-ms and --cpu-ms positive, --iterations a positive integer\n');
    return 2;
  }
  const budget: MarketBudget = { timeMs, cpuMs, iterations };
  const budgetLabel = [timeMs !== undefined ? `${timeMs} ms` : '', cpuMs !== undefined ? `${cpuMs} ms CPU` : '', iterations !== undefined ? `${iterations} iterations` : ''].filter(Boolean).join(' or ');
  const solveFn = solve ?? engineSolve;
  const rows: MarketRow[] = [];
  const notes: string[] = ['haversine: great-circle metres at 20 km/h around Pasar Senen (-6.1737, 106.8442)'];
  const loadAtStart = loadavg()[0];
  const report = (r: MarketRow) => {
    rows.push(r);
    process.stdout.write(`${r.mode.padEnd(9)} seed ${r.seed} ${r.variant.padEnd(12)}: ${r.orders} orders, ${r.couriersUsed} couriers, ${r.minutesPerOrder?.toFixed(2) ?? '–'} min per order (${r.plannedMinutesPerOrder?.toFixed(2) ?? '–'} as planned), ${r.lateStops} late stops, ${r.sharedVisits} shared visits, unassigned ${JSON.stringify(r.unassigned)}, ${(r.totalDurationS / 3600).toFixed(2)} h, in bag ${((r.meanInBagS ?? 0) / 60).toFixed(1)} min, ${r.solveMs.toFixed(0)} ms, ${r.feasible ? 'feasible' : `INFEASIBLE ${r.violations.join(',')}`}\n`);
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
  notes.push(machineNote(loadAtStart));
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  const solveTimes = rows.map((r) => r.solveMs).sort((a, b) => a - b);
  const means = variantMeans(rows);
  const base = means['fixed-groups'];
  const rounded = (m: Record<MarketVariant, number | null>) => Object.fromEntries(MARKET_VARIANTS.map((v) => [v, m[v] === null ? null : Math.round(m[v]! * 100) / 100]));
  const summary = {
    batches: rows.length,
    /** Mean courier minutes per served order under the real rules, per variant. */
    minutesPerOrder: rounded(means),
    /** The same as each planner predicted it (fixed-groups: stalls ridden with a setup each). */
    plannedMinutesPerOrder: rounded(variantMeans(rows, 'plannedMinutesPerOrder')),
    /** Minutes per served order walking between stalls, per variant. */
    walkingMinutesPerOrder: rounded(variantMeans(rows, 'walkingMinutesPerOrder')),
    /** Batches whose plan breaks a window or a time-in-bag cap under the real rules, per variant. */
    brokenInReality: Object.fromEntries(MARKET_VARIANTS.map((v) => [v, brokenInReality(rows, v)])),
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
