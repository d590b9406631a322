// What the benchmarks over the field days share: the four scenarios, a summary of jejaring's KPIs over several draws
// of a day, and the machine line every result file carries.
import { cpus, loadavg } from 'node:os';
import type { Kpis } from '../engine/index.js';
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
