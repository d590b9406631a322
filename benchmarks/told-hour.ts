// `jejaring bench told-hour`: whether later plans keep the hour customers are told. jejaring replays each field day
// on several draws with the told-hour term off and at each setting (slack minutes : cost per second past it), side by
// side in one process: click-to-door, on time, courier km and how the told hour held. CPU beside wall time. Writes
// benchmarks/results/told-hour.{json,md}; `--json` prints the summary last.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../api/package-root.js';
import { drawCount, drawSummary, FIELD_SCENARIOS, machineNote, partMachineNotes, roundedMean, runFieldDay, runNotes, type DrawSummary, type FieldDayRun, type ResultPart } from './field-days.js';
import { buildWorld, computeKpis, jejaringPolicy, simulate, type ResolvedScenario, type RoutingProvider } from '../engine/index.js';

interface ToldHourSetting { readonly slackMin: number; readonly costPerS: number }

interface SettingRow extends DrawSummary {
  /** "off" or "slack:cost". */
  readonly setting: string;
  /** Told hour kept (door within 10 min of it), percent, and how late the door came past it at p90, minutes (means over the draws). */
  readonly toldKeptPct: number;
  readonly toldLateP90Min: number;
}

interface ScenarioToldHour extends FieldDayRun {
  readonly rows: readonly SettingRow[];
}

function parseSetting(text: string): ToldHourSetting | null {
  if (text === 'off') return null;
  const [slackMin, costPerS] = text.split(':').map(Number);
  if (!Number.isFinite(slackMin) || !Number.isFinite(costPerS) || slackMin < 0 || costPerS < 0) throw new Error(`--settings takes off or slack:cost (minutes : per second), got ${text}`);
  return { slackMin, costPerS };
}

async function settingRow(scenario: ResolvedScenario, routing: RoutingProvider, text: string, draws: number): Promise<SettingRow> {
  const toldHour = parseSetting(text);
  const kpis = [];
  for (let k = 0; k < draws; k++) {
    const drawn: ResolvedScenario = { ...scenario, seed: scenario.seed + k, policy: { ...scenario.policy, toldHour } };
    kpis.push(computeKpis(await simulate({ world: await buildWorld(drawn, routing), routing, policy: jejaringPolicy(drawn.policy) })));
  }
  return {
    setting: text, ...drawSummary(kpis),
    toldKeptPct: roundedMean(kpis.map((k) => k.toldEta.keptPct)), toldLateP90Min: roundedMean(kpis.map((k) => k.toldEta.lateMin.p90)),
  };
}

function markdown(results: readonly ScenarioToldHour[], notes: readonly string[]): string {
  const lines = [
    '# Keeping the hour customers are told',
    '',
    'jejaring replays each field day with the told-hour term off and at each setting (`slack min : cost per s` past the hour the customer was told when a courier accepted), means over the draws (`jejaring bench told-hour`). Kept: the courier at the door no later than 10 minutes after the hour told.',
    '',
    '| scenario | told hour | click-to-door mean / p90 min | on time % | courier km | told hour kept % | late past it, p90 min | each draw\'s mean |',
    '|---|---|---|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    for (const row of r.rows) {
      lines.push(`| ${r.file} | ${row.setting} | ${row.clickToDoorMeanMin} / ${row.clickToDoorP90Min} | ${row.onTimePct} | ${row.courierKm.toLocaleString('en')} | ${row.toldKeptPct} | ${row.toldLateP90Min} | ${row.drawMeansMin.join(', ')} |`);
    }
  }
  lines.push('', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    json: { type: 'boolean', default: false }, out: { type: 'string' }, scenarios: { type: 'string' },
    settings: { type: 'string', default: 'off,5:6' }, draws: { type: 'string', default: '3' }, merge: { type: 'string' }, name: { type: 'string', default: 'told-hour' },
  } });
  const settings = values.settings.split(',');
  settings.forEach(parseSetting);
  const draws = drawCount(values.draws);
  const loadAtStart = loadavg()[0];
  const results: ScenarioToldHour[] = [];
  const notes: string[] = [];
  // --merge a.json,b.json: combine runs made in separate processes (one per core on a shared machine); a scenario's
  // settings run apart on the same seeds become one scenario's rows.
  for (const file of values.merge?.split(',') ?? []) {
    const part = JSON.parse(readFileSync(file, 'utf8')) as ResultPart<ScenarioToldHour>;
    for (const r of part.results) {
      const i = results.findIndex((x) => x.file === r.file && x.seeds.join() === r.seeds.join());
      if (i < 0) results.push(r);
      else results[i] = { ...results[i], rows: [...results[i].rows, ...r.rows], cpuMs: results[i].cpuMs + r.cpuMs, wallMs: results[i].wallMs + r.wallMs };
    }
    notes.push(...partMachineNotes(part));
  }
  for (const name of values.merge ? [] : values.scenarios?.split(',') ?? FIELD_SCENARIOS) {
    results.push(await runFieldDay(name, draws, async (scenario, routing) => {
      const rows: SettingRow[] = [];
      for (const setting of settings) rows.push(await settingRow(scenario, routing, setting, draws));
      return { rows };
    }));
    process.stderr.write(`${name}: ${results[results.length - 1].rows.map((r) => `${r.setting} → ${r.clickToDoorMeanMin} min, kept ${r.toldKeptPct} %`).join('; ')}\n`);
  }
  if (!values.merge) notes.push(machineNote(loadAtStart));
  notes.push(...runNotes(results));
  const outDir = values.out ?? join(PACKAGE_ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  const summary = Object.fromEntries(results.map((r) => [r.file, Object.fromEntries(r.rows.map((row) => [row.setting, { clickToDoorMeanMin: row.clickToDoorMeanMin, toldKeptPct: row.toldKeptPct }]))]));
  writeFileSync(join(outDir, `${values.name}.json`), `${JSON.stringify({ summary, notes, results }, null, 2)}\n`);
  writeFileSync(join(outDir, `${values.name}.md`), markdown(results, notes));
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
