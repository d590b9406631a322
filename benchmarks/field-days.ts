// What the benchmarks over the field days share: the four scenarios, a summary of jejaring's KPIs over several draws
// of a day, and the machine line every result file carries.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../api/package-root.js';
import { loadScenarioFile, openScenarioRouting, type Kpis, type ResolvedScenario, type RoutingProvider } from '../engine/index.js';
import { codeVersion } from './code-version.js';

export const FIELD_SCENARIOS = ['jakarta-operasi-pasar', 'pasar-senen-day', 'bekasi-style-coordinators', 'jember-style-pilot'];

/** Mean to one decimal. */
export const roundedMean = (xs: readonly number[]): number => Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10;

/** Means over the draws of a day, and each draw's click-to-door mean (seed order). */
export interface DrawSummary {
  readonly clickToDoorMeanMin: number;
  readonly clickToDoorP90Min: number;
  readonly onTimePct: number;
  readonly courierKm: number;
  readonly drawMeansMin: readonly number[];
}

export function drawSummary(kpis: readonly Kpis[]): DrawSummary {
  return {
    clickToDoorMeanMin: roundedMean(kpis.map((k) => k.clickToDoorMin.mean)), clickToDoorP90Min: roundedMean(kpis.map((k) => k.clickToDoorMin.p90)),
    onTimePct: roundedMean(kpis.map((k) => k.onTimePct)), courierKm: Math.round(roundedMean(kpis.map((k) => k.courierKm))),
    drawMeansMin: kpis.map((k) => k.clickToDoorMin.mean),
  };
}

/** "machine: 2 × …, Node …, code …, load average … at start, … at end". */
export function machineNote(loadAtStart: number): string {
  return `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, code ${codeVersion()}, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`;
}

/** The `--draws` value as a whole number ≥ 1. */
export function drawCount(text: string): number {
  const draws = Number(text);
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`--draws must be a whole number ≥ 1 (got ${text})`);
  return draws;
}

/** A result file written by another process (`--merge`): its scenario results and its notes. */
export interface ResultPart<R extends { readonly file: string }> {
  readonly results: R[];
  readonly notes: string[];
}

/** The machine line of a merged part, naming the scenarios it ran. */
export function partMachineNotes<R extends { readonly file: string }>(part: ResultPart<R>): string[] {
  return part.notes.filter((n) => n.startsWith('machine:')).map((n) => `${part.results.map((r) => r.file).join(', ')}: ${n}`);
}

/** One field day's run: its file, name, the seeds of its draws and what it cost. */
export interface FieldDayRun {
  readonly file: string;
  readonly scenario: string;
  readonly seeds: readonly number[];
  readonly cpuMs: number;
  readonly wallMs: number;
}

/** Loads field day `name`, opens its roads, runs `body` on them (closing them after) and times it in CPU and wall. */
export async function runFieldDay<T extends object>(name: string, draws: number, body: (scenario: ResolvedScenario, routing: RoutingProvider) => Promise<T>): Promise<T & FieldDayRun> {
  const scenario = loadScenarioFile(join(PACKAGE_ROOT, 'fixtures/scenarios', `${name}.json`));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const routing = await openScenarioRouting(scenario);
  try {
    const out = await body(scenario, routing);
    const cpu = process.cpuUsage(cpu0);
    return {
      ...out, file: name, scenario: scenario.name, seeds: Array.from({ length: draws }, (_, k) => scenario.seed + k),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Math.round(performance.now() - t0),
    };
  } finally {
    await routing.close?.();
  }
}

/** "file: seeds …, N s CPU, N s wall" per run. */
export function runNotes(results: readonly FieldDayRun[]): string[] {
  return results.map((r) => `${r.file}: seeds ${r.seeds.join(', ')}, ${(r.cpuMs / 1000).toFixed(0)} s CPU, ${(r.wallMs / 1000).toFixed(0)} s wall`);
}
