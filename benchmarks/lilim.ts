// `jejaring bench lilim`: runs the solver on Li & Lim PDPTW instances, checks every plan with the independent
// checker and compares vehicles and distance with the best known solutions; writes JSON and Markdown results.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSolution, lilimInstanceName, parseBks, parseLilim, type BestKnown, solve as engineSolve } from '../engine/index.js';
import type { ProblemInput, Solution } from '../engine/index.js';
import { PACKAGE_ROOT } from '../api/package-root.js';
import { codeVersion } from './code-version.js';

const ROOT = PACKAGE_ROOT;
const FIXTURES = join(ROOT, 'fixtures/lilim');

/** The solver as the harness calls it (the engine's `solve`, or a stand-in in tests). */
export type SolveFn = (input: ProblemInput, options: { timeLimitMs?: number; cpuTimeLimitMs?: number; maxIterations?: number; seed: number; search?: Record<string, unknown> }) => { solution: Solution; stats?: unknown };

export interface LilimRow {
  readonly instance: string;
  readonly orders: number;
  readonly vehicles: number;
  readonly distance: number;
  readonly bksVehicles: number | null;
  readonly bksDistance: number | null;
  /** Distance gap to the BKS, percent; meaningful when the vehicle counts match. */
  readonly gapPct: number | null;
  /** Wall time of the solve, ms. */
  readonly timeMs: number;
  /** CPU time of the solve (user + system), ms: what the solver cost, whatever else runs on the machine. */
  readonly cpuMs: number;
  readonly feasible: boolean;
  readonly unassigned: number;
  readonly violations: readonly string[];
}

export interface LilimSummary {
  readonly instances: number;
  readonly feasible: number;
  /** Instances solved with no more vehicles than the BKS. */
  readonly vehiclesMatched: number;
  /** Mean distance gap over the instances whose vehicle count equals the BKS. */
  readonly meanGapPct: number | null;
  readonly medianTimeMs: number;
  readonly medianCpuMs: number;
  readonly set: string;
  /** Wall-time budget per instance, ms (null when not bounded by wall time). */
  readonly timeMs: number | null;
  /** CPU-time budget per instance, ms (null when not bounded by CPU time): results independent of machine load. */
  readonly cpuMs: number | null;
  /** Iteration bound per instance (null when only time bounds the run): load-independent, deterministic runs. */
  readonly iterations: number | null;
  readonly seed: number;
  /** Mean annealing iterations per instance, from the solver's stats. */
  readonly meanIterations: number | null;
  /** Solver statistics summed over instances, per operator (numeric fields only). */
  readonly operators: Record<string, Record<string, number>>;
}

export interface LilimBenchOptions {
  readonly set: 'pdp_100' | 'pdp_200';
  /** Instance names (case-insensitive); all of the set when empty. */
  readonly instances?: readonly string[];
  /** Per-instance budget; at least one of timeMs, cpuMs and iterations. */
  readonly timeMs?: number;
  readonly cpuMs?: number;
  readonly iterations?: number;
  readonly seed: number;
  /** Called after each instance (progress output). */
  readonly onRow?: (row: LilimRow) => void;
}

/** Solves each selected instance once and returns the rows and the summary. */
export function benchLilim(options: LilimBenchOptions, solve: SolveFn): { rows: LilimRow[]; summary: LilimSummary } {
  const bks = parseBks(readFileSync(join(FIXTURES, 'bks.csv'), 'utf8'));
  const dir = join(FIXTURES, options.set);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  const byName = new Map(files.map((f) => [lilimInstanceName(f), f]));
  const wanted = options.instances?.length ? options.instances.map((n) => n.toLowerCase()) : [...byName.keys()].sort(naturalOrder);
  const rows: LilimRow[] = [];
  const operators: Record<string, Record<string, number>> = {};
  const iterations: number[] = [];
  for (const name of wanted) {
    const file = byName.get(name);
    if (!file) throw new Error(`unknown instance ${name} in ${options.set}`);
    const input = parseLilim(readFileSync(join(dir, file), 'utf8'));
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    let row: LilimRow;
    try {
      const { solution, stats } = solve(input, { timeLimitMs: options.timeMs, cpuTimeLimitMs: options.cpuMs, maxIterations: options.iterations, seed: options.seed });
      const timeMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuAtStart);
      addOperatorStats(operators, stats);
      const its = (stats as { iterations?: unknown } | undefined)?.iterations;
      if (typeof its === 'number') iterations.push(its);
      row = rowOf(name, input, solution, timeMs, (cpu.user + cpu.system) / 1000, bks.get(name));
    } catch (error) {
      // A solver failure is reported as an infeasible row, and the run goes on.
      const best = bks.get(name);
      row = { instance: name, orders: input.orders.length, vehicles: 0, distance: 0, bksVehicles: best?.vehicles ?? null, bksDistance: best?.distance ?? null, gapPct: null,
        timeMs: performance.now() - started, cpuMs: 0, feasible: false, unassigned: input.orders.length, violations: [`solver_error: ${(error as Error).message}`] };
    }
    rows.push(row);
    options.onRow?.(row);
  }
  return { rows, summary: summarise(rows, options, operators, iterations) };
}

function rowOf(instance: string, input: ProblemInput, solution: Solution, timeMs: number, cpuMs: number, best: BestKnown | undefined): LilimRow {
  const check = checkSolution(input, solution);
  const vehicles = check.recomputedRoutes.filter((r) => r.stops.length > 0).length;
  const distance = check.recomputedRoutes.reduce((sum, r) => sum + r.distanceM, 0);
  const gapPct = best ? (100 * (distance - best.distance)) / best.distance : null;
  return {
    instance, orders: input.orders.length, vehicles, distance, bksVehicles: best?.vehicles ?? null, bksDistance: best?.distance ?? null, gapPct, timeMs, cpuMs,
    feasible: check.feasible, unassigned: solution.unassigned.length, violations: [...new Set(check.violations.map((v) => v.code))],
  };
}

export function summarise(rows: readonly LilimRow[], options: LilimBenchOptions, operators: LilimSummary['operators'], iterations: readonly number[]): LilimSummary {
  const matched = rows.filter((r) => r.feasible && r.unassigned === 0 && r.bksVehicles !== null && r.vehicles <= r.bksVehicles);
  const equal = matched.filter((r) => r.vehicles === r.bksVehicles && r.gapPct !== null);
  const meanGapPct = equal.length > 0 ? equal.reduce((s, r) => s + r.gapPct!, 0) / equal.length : null;
  return {
    instances: rows.length,
    feasible: rows.filter((r) => r.feasible && r.unassigned === 0).length,
    vehiclesMatched: matched.length,
    meanGapPct: meanGapPct === null ? null : round(meanGapPct, 3),
    medianTimeMs: round(median(rows.map((r) => r.timeMs)), 1),
    medianCpuMs: round(median(rows.map((r) => r.cpuMs)), 1),
    set: options.set,
    timeMs: options.timeMs ?? null,
    cpuMs: options.cpuMs ?? null,
    iterations: options.iterations ?? null,
    seed: options.seed,
    meanIterations: iterations.length ? Math.round(iterations.reduce((a, b) => a + b, 0) / iterations.length) : null,
    operators,
  };
}

/** Sums numeric fields of `stats.operators` (a record or an array of `{ name, … }`) into `into`. */
export function addOperatorStats(into: Record<string, Record<string, number>>, stats: unknown): void {
  const ops = (stats as { operators?: unknown } | undefined)?.operators;
  if (!ops || typeof ops !== 'object') return;
  const entries: [string, unknown][] = Array.isArray(ops) ? ops.map((o, i) => [String((o as { name?: unknown }).name ?? i), o]) : Object.entries(ops);
  for (const [name, values] of entries) {
    if (!values || typeof values !== 'object') continue;
    const sums = (into[name] ??= {});
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'number' && Number.isFinite(value)) sums[key] = (sums[key] ?? 0) + value;
    }
  }
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const naturalOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** `1000 ms`, `5000 ms CPU`, `2000 iterations` or several of them. */
function budgetLabel(timeMs: number | null, cpuMs: number | null, iterations: number | null): string {
  return [timeMs !== null ? `${timeMs} ms` : '', cpuMs !== null ? `${cpuMs} ms CPU` : '', iterations !== null ? `${iterations} iterations` : ''].filter(Boolean).join(' or ');
}

/** The results as a Markdown report: summary, one row per instance, operator statistics. */
export function lilimMarkdown(rows: readonly LilimRow[], summary: LilimSummary): string {
  const fmt = (v: number | null, d = 2) => (v === null ? '–' : v.toFixed(d));
  const lines = [
    `# Li & Lim ${summary.set}, ${budgetLabel(summary.timeMs, summary.cpuMs, summary.iterations)} per instance, seed ${summary.seed}`,
    '',
    `${summary.feasible}/${summary.instances} feasible (checker), ${summary.vehiclesMatched}/${summary.instances} at the BKS vehicle count, ` +
      `mean distance gap ${fmt(summary.meanGapPct, 3)} % on those, median solve time ${summary.medianTimeMs} ms (${summary.medianCpuMs} ms CPU).`,
    '',
    '| instance | orders | vehicles | BKS vehicles | distance | BKS distance | gap % | time ms | CPU ms | feasible |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.instance} | ${r.orders} | ${r.vehicles} | ${r.bksVehicles ?? '–'} | ${r.distance.toFixed(2)} | ${fmt(r.bksDistance)} | ${fmt(r.gapPct)} | ${r.timeMs.toFixed(0)} | ${r.cpuMs.toFixed(0)} | ${r.feasible && r.unassigned === 0 ? 'yes' : `no ${r.violations.join(' ')}${r.unassigned ? ` ${r.unassigned} unassigned` : ''}`} |`),
  ];
  const names = Object.keys(summary.operators);
  if (names.length > 0) {
    const keys = [...new Set(names.flatMap((n) => Object.keys(summary.operators[n])))];
    lines.push('', `## Operators (summed over instances; mean ${summary.meanIterations ?? '–'} annealing iterations per instance)`, '', `| operator | ${keys.join(' | ')} |`, `|---|${keys.map(() => '---:').join('|')}|`);
    for (const name of names) lines.push(`| ${name} | ${keys.map((k) => fmt(summary.operators[name][k] ?? null, 0)).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** CLI entry: `jejaring bench lilim [--instances a,b] [--set pdp_100|pdp_200] [--time-ms N] [--cpu-ms N] [--iterations N] [--seed S] [--json] [--out dir]`. */
export async function run(args: string[], solve?: SolveFn): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { instances: { type: 'string' }, set: { type: 'string', default: 'pdp_100' }, 'time-ms': { type: 'string' }, 'cpu-ms': { type: 'string' }, iterations: { type: 'string' }, seed: { type: 'string', default: '1' }, json: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const set = values.set;
  if (set !== 'pdp_100' && set !== 'pdp_200') {
    process.stderr.write(`--set must be pdp_100 or pdp_200, got ${set}\n`);
    return 2;
  }
  // Default budget 1000 ms wall; --cpu-ms bounds the solving thread's CPU time and --iterations the annealing
  // iterations (both independent of machine load; iterations alone are reproducible to the metre).
  const cpuMs = values['cpu-ms'] !== undefined ? Number(values['cpu-ms']) : undefined;
  const timeMs = values['time-ms'] !== undefined ? Number(values['time-ms']) : values.iterations !== undefined || cpuMs !== undefined ? undefined : 1000;
  const iterations = values.iterations !== undefined ? Number(values.iterations) : undefined;
  const seed = Number(values.seed);
  if ((timeMs !== undefined && !(timeMs > 0)) || (cpuMs !== undefined && !(cpuMs > 0)) || (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 0)) || !Number.isInteger(seed)) {
    process.stderr.write('--time-ms and --cpu-ms must be positive, --iterations a non-negative integer and --seed an integer\n');
    return 2;
  }
  const instances = values.instances ? values.instances.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const onRow = (r: LilimRow) =>
    process.stdout.write(`${r.instance.padEnd(10)} vehicles ${r.vehicles}/${r.bksVehicles ?? '?'}  distance ${r.distance.toFixed(2)} (gap ${r.gapPct?.toFixed(2) ?? '?'} %)  ${r.timeMs.toFixed(0)} ms (${r.cpuMs.toFixed(0)} CPU)  ${r.feasible && r.unassigned === 0 ? 'feasible' : `INFEASIBLE ${r.violations.join(',')} unassigned ${r.unassigned}`}\n`);
  const loadAtStart = loadavg()[0];
  const { rows, summary } = benchLilim({ set, instances, timeMs, cpuMs, iterations, seed, onRow }, solve ?? engineSolve);
  // Full-set runs write results by default; subsets only when --out is given.
  const outDir = values.out ?? (instances.length === 0 ? join(ROOT, 'benchmarks/results') : undefined);
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    const budget = [timeMs !== undefined ? `${timeMs}ms` : '', cpuMs !== undefined ? `${cpuMs}cpums` : '', iterations !== undefined ? `${iterations}it` : ''].filter(Boolean).join('-');
    const base = join(outDir, `lilim-${set === 'pdp_100' ? '' : `${set}-`}${budget}`);
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, code ${codeVersion()}, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`;
    writeFileSync(`${base}.json`, `${JSON.stringify({ summary, machine, rows }, null, 2)}\n`);
    writeFileSync(`${base}.md`, lilimMarkdown(rows, summary).replace('\n\n', `\n\nMachine: ${machine}.\n\n`));
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stdout.write(`\n${summary.feasible}/${summary.instances} feasible, ${summary.vehiclesMatched} at BKS vehicles, mean gap ${summary.meanGapPct ?? '–'} %, median ${summary.medianTimeMs} ms (${summary.medianCpuMs} ms CPU)\n`);
  }
  return summary.feasible === summary.instances ? 0 : 1;
}

/** The checked-out commit (with `-dirty` when the tree has changes), or 'unknown' outside git. */
