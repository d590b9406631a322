// Writes a scenario run to a folder: report.json (KPIs per policy), report.md, and the three SVG charts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioRun } from '../run-scenario.js';
import { clickToDoorSvg, kpiBarsSvg, utilisationSvg } from './charts.js';
import { reportMarkdown } from './markdown.js';

export const REPORT_FILES = {
  json: 'report.json', markdown: 'report.md', kpis: 'kpis.svg', clickToDoor: 'click-to-door.svg', utilisation: 'utilisation.svg',
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
    })),
  };
}

/** Writes the report files into `outDir` (created); returns their paths. */
export function writeReport(run: ScenarioRun, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const name = run.scenario.name;
  const files: [string, string][] = [
    [REPORT_FILES.json, `${JSON.stringify(reportJson(run), null, 2)}\n`],
    [REPORT_FILES.markdown, reportMarkdown(run, { kpis: REPORT_FILES.kpis, clickToDoor: REPORT_FILES.clickToDoor, utilisation: REPORT_FILES.utilisation })],
    [REPORT_FILES.kpis, kpiBarsSvg(run.runs, `${name}: KPIs per policy`)],
    [REPORT_FILES.clickToDoor, clickToDoorSvg(run.runs, `${name}: click-to-door distribution`)],
    [REPORT_FILES.utilisation, utilisationSvg(run.runs, `${name}: courier utilisation over the day`)],
  ];
  return files.map(([file, content]) => {
    const path = join(outDir, file);
    writeFileSync(path, content);
    return path;
  });
}
