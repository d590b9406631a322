// `jejaring bench notice`: what pre-orders are worth to customers. jejaring replays each field day with every order
// known 0, 5, 15 … minutes before it is due (`demand.noticeMin`), on several draws of the day, beside the day solved
// in hindsight; `--own-world`: in the hindsight plan's world (no friction), so what is left is foresight alone. CPU
// beside wall time. Writes benchmarks/results/notice[-own-world].{json,md}; `--json` prints the summary last.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../api/package-root.js';
import { drawCount, drawSummary, FIELD_SCENARIOS, machineNote, partMachineNotes, runFieldDay, runNotes, type DrawSummary, type FieldDayRun, type ResultPart } from './field-days.js';
import {
  buildWorld, computeKpis, hindsightOf, hindsightWorld, jejaringPolicy, simulate,
  type ResolvedScenario, type RoutingProvider, type SimulationResult,
} from '../engine/index.js';

interface NoticeRow extends DrawSummary {
  readonly noticeMin: number;
}

interface ScenarioNotice extends FieldDayRun {
  readonly rows: readonly NoticeRow[];
  /** The first draw solved in hindsight (compare with each row's first draw): click-to-door mean and km. */
  readonly hindsight?: { readonly clickToDoorMeanMin: number; readonly courierKm: number };
}

/** jejaring on `draws` draws of the day with `noticeMin`; also the first draw's plan as run (a hindsight warm start). */
async function noticeRow(scenario: ResolvedScenario, routing: RoutingProvider, noticeMin: number, draws: number, ownWorld: boolean): Promise<{ row: NoticeRow; firstServed: SimulationResult['servedStops'] }> {
  const kpis = [];
  let firstServed: SimulationResult['servedStops'];
  for (let k = 0; k < draws; k++) {
    const drawn: ResolvedScenario = { ...scenario, seed: scenario.seed + k, demand: { ...scenario.demand, noticeMin } };
    const world = await buildWorld(drawn, routing);
    const result = await simulate({ world: ownWorld ? hindsightWorld(world) : world, routing, policy: jejaringPolicy(drawn.policy) });
    if (k === 0) firstServed = result.servedStops;
    kpis.push(computeKpis(result));
  }
  const row: NoticeRow = { noticeMin, ...drawSummary(kpis) };
  return { row, firstServed };
}

function markdown(results: readonly ScenarioNotice[], notes: readonly string[], ownWorld: boolean): string {
  const lines = [
    `# Pre-orders: what knowing orders ahead is worth${ownWorld ? ', in the hindsight plan\'s world' : ''}`,
    '',
    'jejaring replays each field day with every order known `noticeMin` minutes before it is due (`demand.noticeMin`: goods ready, promise and click-to-door from the due time), means over the draws (`jejaring bench notice`). Hindsight: the first draw solved with the whole day known.' +
      (ownWorld ? ' Live dispatch runs in the hindsight plan\'s world (`--own-world`: its traffic at every hour, no riding noise, every offer taken at once, every call followed), so the gap left is foresight alone.' : ''),
    '',
    '| scenario | notice min | click-to-door mean / p90 min | on time % | courier km | each draw\'s mean | first draw in hindsight: mean, km |',
    '|---|---:|---|---:|---:|---|---|',
  ];
  for (const r of results) {
    for (const row of r.rows) {
      const hindsight = r.hindsight && row === r.rows[0] ? `${r.hindsight.clickToDoorMeanMin}, ${Math.round(r.hindsight.courierKm).toLocaleString('en')}` : '';
      lines.push(`| ${r.file} | ${row.noticeMin} | ${row.clickToDoorMeanMin} / ${row.clickToDoorP90Min} | ${row.onTimePct} | ${row.courierKm.toLocaleString('en')} | ${row.drawMeansMin.join(', ')} | ${hindsight} |`);
    }
  }
  lines.push('', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    json: { type: 'boolean', default: false }, out: { type: 'string' }, scenarios: { type: 'string' },
    notice: { type: 'string', default: '0,5,15' }, draws: { type: 'string', default: '3' }, 'no-hindsight': { type: 'boolean', default: false },
    'own-world': { type: 'boolean', default: false }, merge: { type: 'string' },
  } });
  const notices = values.notice.split(',').map(Number);
  if (notices.some((n) => !Number.isFinite(n) || n < 0)) throw new Error(`--notice takes minutes ≥ 0, comma-separated (got ${values.notice})`);
  const draws = drawCount(values.draws);
  const loadAtStart = loadavg()[0];
  const results: ScenarioNotice[] = [];
  const notes: string[] = [];
  // --merge a.json,b.json: combine scenarios run in separate processes (one per core on a shared machine).
  for (const file of values.merge?.split(',') ?? []) {
    const part = JSON.parse(readFileSync(file, 'utf8')) as ResultPart<ScenarioNotice>;
    results.push(...part.results);
    notes.push(...partMachineNotes(part));
  }
  for (const name of values.merge ? [] : values.scenarios?.split(',') ?? FIELD_SCENARIOS) {
    results.push(await runFieldDay(name, draws, async (scenario, routing) => {
      const rows: NoticeRow[] = [];
      let liveDay: SimulationResult['servedStops'];
      for (const noticeMin of notices) {
        const { row, firstServed } = await noticeRow(scenario, routing, noticeMin, draws, values['own-world']);
        rows.push(row);
        if (noticeMin === 0) liveDay = firstServed;
      }
      let hindsight: ScenarioNotice['hindsight'];
      if (!values['no-hindsight']) {
        // Warm-started from the live day without notice, as the field-scenario benchmark does.
        const k = computeKpis(await hindsightOf(await buildWorld(scenario, routing), routing, liveDay));
        hindsight = { clickToDoorMeanMin: k.clickToDoorMin.mean, courierKm: k.courierKm };
      }
      return { rows, ...(hindsight ? { hindsight } : {}) };
    }));
    process.stderr.write(`${name}: ${results[results.length - 1].rows.map((r) => `${r.noticeMin} min → ${r.clickToDoorMeanMin}`).join(', ')}\n`);
  }
  if (!values.merge) notes.push(machineNote(loadAtStart));
  notes.push(...runNotes(results));
  const outDir = values.out ?? join(PACKAGE_ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  const summary = Object.fromEntries(results.map((r) => [r.file, Object.fromEntries(r.rows.map((row) => [row.noticeMin, row.clickToDoorMeanMin]))]));
  const name = values['own-world'] ? 'notice-own-world' : 'notice';
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify({ summary, notes, results }, null, 2)}\n`);
  writeFileSync(join(outDir, `${name}.md`), markdown(results, notes, values['own-world']));
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
