// Writes a scenario run to a folder: report.json (KPIs per policy), the report and its three SVG charts in Bahasa
// Indonesia (report.md, *.svg) and in English (report.en.md, *.en.svg).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { earningsByCourier, gapToHindsight } from '../kpis.js';
import type { ScenarioRun } from '../run-scenario.js';
import { clickToDoorSvg, kpiBarsSvg, utilisationSvg } from './charts.js';
import { reportMarkdown } from './markdown.js';
import { REPORT_WORDS } from './report-language.js';

export const REPORT_FILES = {
  json: 'report.json', markdown: 'report.md', kpis: 'kpis.svg', clickToDoor: 'click-to-door.svg', utilisation: 'utilisation.svg',
  markdownEn: 'report.en.md', kpisEn: 'kpis.en.svg', clickToDoorEn: 'click-to-door.en.svg', utilisationEn: 'utilisation.en.svg',
} as const;

/** The JSON summary of a run: scenario facts, and per policy its KPIs, wall time and why orders waited. */
export function reportJson(run: ScenarioRun) {
  return {
    scenario: run.scenario.name,
    seed: run.scenario.seed,
    routing: run.routing,
    orders: run.orders,
    couriers: run.couriers,
    wallMs: Math.round(run.wallMs),
    policies: run.runs.map((r) => ({
      policy: r.kpis.policy, wallMs: Math.round(r.wallMs), kpis: r.kpis, unplannedReasons: r.result.unplanned,
      earningsByCourier: earningsByCourier(r.result.couriers),
    })),
    ...(run.hindsight ? {
      hindsight: {
        policy: 'hindsight', wallMs: Math.round(run.hindsight.wallMs), kpis: run.hindsight.kpis, unplannedReasons: run.hindsight.result.unplanned,
        // What the solve passes did within their budget: a reference still improving at the end of it is not converged.
        search: run.hindsight.result.search ?? [],
      },
      gapsToHindsight: Object.fromEntries(run.runs.map((r) => [r.kpis.policy, gapToHindsight(r.kpis, run.hindsight!.kpis)])),
    } : {}),
  };
}

/** Writes the report files into `outDir` (created); returns their paths. */
export function writeReport(run: ScenarioRun, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const name = run.scenario.name;
  const id = REPORT_WORDS.id.charts, en = REPORT_WORDS.en.charts;
  const files: [string, string][] = [
    [REPORT_FILES.json, `${JSON.stringify(reportJson(run), null, 2)}\n`],
    [REPORT_FILES.markdown, reportMarkdown(run, { kpis: REPORT_FILES.kpis, clickToDoor: REPORT_FILES.clickToDoor, utilisation: REPORT_FILES.utilisation }, 'id')],
    [REPORT_FILES.kpis, kpiBarsSvg(run.runs, `${name}: ${id.kpisTitle}`, 'id')],
    [REPORT_FILES.clickToDoor, clickToDoorSvg(run.runs, `${name}: ${id.clickToDoorTitle}`, 'id')],
    [REPORT_FILES.utilisation, utilisationSvg(run.runs, `${name}: ${id.utilisationTitle}`, 'id')],
    [REPORT_FILES.markdownEn, reportMarkdown(run, { kpis: REPORT_FILES.kpisEn, clickToDoor: REPORT_FILES.clickToDoorEn, utilisation: REPORT_FILES.utilisationEn }, 'en')],
    [REPORT_FILES.kpisEn, kpiBarsSvg(run.runs, `${name}: ${en.kpisTitle}`, 'en')],
    [REPORT_FILES.clickToDoorEn, clickToDoorSvg(run.runs, `${name}: ${en.clickToDoorTitle}`, 'en')],
    [REPORT_FILES.utilisationEn, utilisationSvg(run.runs, `${name}: ${en.utilisationTitle}`, 'en')],
  ];
  return files.map(([file, content]) => {
    const path = join(outDir, file);
    writeFileSync(path, content);
    return path;
  });
}
