// `jejaring bench field-scenarios`: the four field scenarios under every policy side by side on the same seed, plus
// the day solved in hindsight; checks the live-dispatch targets and writes plan-field-scenarios.{json,md}. With
// `--draws N`, jejaring also replays N other draws of each day (the next N seeds): one draw is a noisy sample.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildWorld, computeKpis, gapToHindsight, hindsightOf, hindsightWorld, jejaringPolicy, loadScenarioFile, openScenarioRouting,
  LENDING_DEFAULTS, runScenario, simulate,
  type Kpis, type ResolvedScenario, type RoutingProvider,
} from '../engine/index.js';
import { PACKAGE_ROOT } from '../api/package-root.js';
import { FIELD_SCENARIOS, machineNote } from './field-days.js';

const ROOT = PACKAGE_ROOT;
const POLICIES = ['jejaring', 'nearest', 'one-per-trip', 'fifo'];

export interface ScenarioRow {
  readonly scenario: string;
  readonly file: string;
  readonly orders: number;
  readonly couriers: number;
  readonly policies: readonly { readonly policy: string; readonly wallMs: number; readonly kpis: Omit<Kpis, 'utilisationByHourPct'> }[];
  readonly hindsight: { readonly wallMs: number; readonly kpis: Omit<Kpis, 'utilisationByHourPct'> };
  /** jejaring replaying the day in the world the hindsight plan assumes (its orders' traffic, no noise, offers taken at once). */
  readonly liveInHindsightWorld?: { readonly kpis: Omit<Kpis, 'utilisationByHourPct'> };
  /** With several markets: the hindsight plan when the markets pool their couriers (a courier may serve any market). */
  readonly pooledHindsight?: { readonly markets: number; readonly kpis: Omit<Kpis, 'utilisationByHourPct'> };
  /** jejaring on other draws of the same day (`--draws`): each seed's click-to-door mean, on time and km. */
  readonly otherDraws?: readonly { readonly seed: number; readonly clickToDoorMeanMin: number; readonly onTimePct: number; readonly courierKm: number }[];
  readonly targets: readonly Target[];
  readonly cpuMs: number;
  readonly wallMs: number;
}

export interface Target { readonly name: string; readonly met: boolean; readonly value: string; readonly hindsightMeets?: boolean }

const brief = (k: Kpis): Omit<Kpis, 'utilisationByHourPct'> => {
  const { utilisationByHourPct: _hours, ...rest } = k;
  return rest;
};

/** The issue's targets for one scenario: jejaring against every baseline, the scenario's own bars, hindsight gaps, fairness. */
export function targetsOf(file: string, live: Kpis, baselines: readonly Kpis[], hindsight: Kpis): Target[] {
  const best = {
    onTime: Math.max(...baselines.map((k) => k.onTimePct)),
    mean: Math.min(...baselines.map((k) => k.clickToDoorMin.mean)),
    p90: Math.min(...baselines.map((k) => k.clickToDoorMin.p90)),
    km: Math.min(...baselines.map((k) => k.courierKm)),
  };
  const gap = gapToHindsight(live, hindsight);
  const fleetCv = Math.max(live.earningsCvByFleetPct.ojol, live.earningsCvByFleetPct.pangkalan);
  const hindsightCv = Math.max(hindsight.earningsCvByFleetPct.ojol, hindsight.earningsCvByFleetPct.pangkalan);
  const targets: Target[] = [
    { name: 'on time ≥ every baseline', met: live.onTimePct >= best.onTime, value: `${live.onTimePct} vs ${best.onTime} %` },
    { name: 'click-to-door mean ≤ every baseline', met: live.clickToDoorMin.mean <= best.mean, value: `${live.clickToDoorMin.mean} vs ${best.mean} min` },
    { name: 'click-to-door p90 ≤ every baseline', met: live.clickToDoorMin.p90 <= best.p90, value: `${live.clickToDoorMin.p90} vs ${best.p90} min` },
    { name: 'courier km ≤ lowest baseline + 10 %', met: live.courierKm <= best.km * 1.1, value: `${live.courierKm} vs ${best.km} km` },
    { name: 'click-to-door mean within 15 % of hindsight', met: gap.clickToDoorMeanPct <= 15, value: `${gap.clickToDoorMeanPct > 0 ? '+' : ''}${gap.clickToDoorMeanPct} %` },
    { name: 'courier km within 20 % of hindsight', met: gap.courierKmPct <= 20, value: `${gap.courierKmPct > 0 ? '+' : ''}${gap.courierKmPct} %` },
    { name: 'earnings CV within a fleet ≤ 40 %', met: fleetCv <= 40, value: `${fleetCv} %`, hindsightMeets: hindsightCv <= 40 },
  ];
  if (file === 'jakarta-operasi-pasar') {
    targets.push({ name: 'click-to-door mean ≤ 70 min', met: live.clickToDoorMin.mean <= 70, value: `${live.clickToDoorMin.mean} min`, hindsightMeets: hindsight.clickToDoorMin.mean <= 70 });
    targets.push({ name: 'on time 100 %', met: live.onTimePct >= 100, value: `${live.onTimePct} %`, hindsightMeets: hindsight.onTimePct >= 100 });
  }
  if (file === 'pasar-senen-day') targets.push({ name: 'on time ≥ 95 %', met: live.onTimePct >= 95, value: `${live.onTimePct} %`, hindsightMeets: hindsight.onTimePct >= 95 });
  return targets;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, out: { type: 'string' }, scenarios: { type: 'string' }, merge: { type: 'string' }, draws: { type: 'string', default: '0' } } });
  const draws = Number(values.draws);
  if (!Number.isInteger(draws) || draws < 0) throw new Error(`--draws must be a whole number ≥ 0 (got ${values.draws})`);
  const names = values.merge ? [] : values.scenarios?.split(',') ?? FIELD_SCENARIOS;
  const loadAtStart = loadavg()[0];
  const rows: ScenarioRow[] = [];
  const notes: string[] = [];
  // --merge a.json,b.json: combine scenarios run in separate processes (one per scenario on a shared machine).
  for (const file of values.merge?.split(',') ?? []) {
    const part = JSON.parse(readFileSync(file, 'utf8')) as { rows: ScenarioRow[]; notes: string[] };
    rows.push(...part.rows);
    notes.push(...part.notes.map((n) => `${part.rows.map((r) => r.file).join(', ')}: ${n}`));
  }
  for (const name of names) {
    const file = join(ROOT, 'fixtures/scenarios', `${name}.json`);
    const scenario = loadScenarioFile(file);
    const cpu0 = process.cpuUsage();
    const routing = await openScenarioRouting(scenario);
    let result: Awaited<ReturnType<typeof runScenario>>;
    let cpu: NodeJS.CpuUsage;
    let idealised: Kpis;
    let otherDraws: ScenarioRow['otherDraws'];
    let pooled: Kpis | undefined;
    try {
      result = await runScenario(scenario, { policies: POLICIES, hindsight: true, routing });
      cpu = process.cpuUsage(cpu0);
      idealised = await liveInHindsightWorld(scenario, routing);
      pooled = scenario.markets.length > 1 ? await pooledHindsight(scenario, routing, result.runs[0].result.servedStops) : undefined;
      otherDraws = draws > 0 ? await liveOnOtherDraws(scenario, routing, draws) : undefined;
    } finally {
      await routing.close?.();
    }
    const live = result.runs[0].kpis;
    const hindsight = result.hindsight!.kpis;
    rows.push({
      scenario: scenario.name, file: name, orders: result.orders, couriers: result.couriers,
      policies: result.runs.map((r) => ({ policy: r.kpis.policy, wallMs: Math.round(r.wallMs), kpis: brief(r.kpis) })),
      hindsight: { wallMs: Math.round(result.hindsight!.wallMs), kpis: brief(hindsight) },
      liveInHindsightWorld: { kpis: brief(idealised) },
      ...(pooled ? { pooledHindsight: { markets: scenario.markets.length, kpis: brief(pooled) } } : {}),
      ...(otherDraws ? { otherDraws } : {}),
      targets: targetsOf(name, live, result.runs.slice(1).map((r) => r.kpis), hindsight),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Math.round(result.wallMs),
    });
    process.stderr.write(`${name}: ${rows[rows.length - 1].targets.filter((t) => t.met).length}/${rows[rows.length - 1].targets.length} targets met, ${(result.wallMs / 1000).toFixed(0)} s\n`);
  }
  if (names.length > 0) notes.push(machineNote(loadAtStart));
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  const before = readBefore();
  const summary = {
    scenarios: rows.length,
    targets: rows.reduce((s, r) => s + r.targets.length, 0),
    targetsMet: rows.reduce((s, r) => s + r.targets.filter((t) => t.met).length, 0),
    jejaring: Object.fromEntries(rows.map((r) => [r.file, { clickToDoorMeanMin: r.policies[0].kpis.clickToDoorMin.mean, clickToDoorP90Min: r.policies[0].kpis.clickToDoorMin.p90, onTimePct: r.policies[0].kpis.onTimePct, courierKm: r.policies[0].kpis.courierKm }])),
  };
  writeFileSync(join(outDir, 'plan-field-scenarios.json'), `${JSON.stringify({ summary, notes, before, rows }, null, 2)}\n`);
  writeFileSync(join(outDir, 'plan-field-scenarios.md'), markdown(rows, before, notes));
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}

/** jejaring on the same day in the hindsight plan's world: what is left of the gap once the friction is gone. */
async function liveInHindsightWorld(scenario: ResolvedScenario, routing: RoutingProvider): Promise<Kpis> {
  const world = hindsightWorld(await buildWorld(scenario, routing));
  return computeKpis(await simulate({ world, routing, policy: jejaringPolicy(scenario.policy) }));
}

/** The day in hindsight with the markets' couriers pooled: what lending couriers between markets could bring. */
async function pooledHindsight(scenario: ResolvedScenario, routing: RoutingProvider, live: Readonly<Record<string, readonly string[]>> | undefined): Promise<Kpis> {
  return computeKpis(await hindsightOf(await buildWorld(scenario, routing), routing, live, { poolMarkets: true }));
}

/** jejaring on the next `n` seeds of the same scenario: other draws of the same kind of day. */
async function liveOnOtherDraws(scenario: ResolvedScenario, routing: RoutingProvider, n: number): Promise<NonNullable<ScenarioRow['otherDraws']>> {
  const rows: { seed: number; clickToDoorMeanMin: number; onTimePct: number; courierKm: number }[] = [];
  for (let k = 1; k <= n; k++) {
    const drawn = { ...scenario, seed: scenario.seed + k };
    const kpis = computeKpis(await simulate({ world: await buildWorld(drawn, routing), routing, policy: jejaringPolicy(drawn.policy) }));
    rows.push({ seed: drawn.seed, clickToDoorMeanMin: kpis.clickToDoorMin.mean, onTimePct: kpis.onTimePct, courierKm: kpis.courierKm });
  }
  return rows;
}

/** The before table (jejaring as measured before the service-aware dispatch), kept beside the results. */
function readBefore(): Record<string, { clickToDoorMeanMin: number; clickToDoorP90Min: number; onTimePct: number; courierKm: number; earningsCvPct: number }> {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'benchmarks/results/plan-field-scenarios-before.json'), 'utf8')) as never;
  } catch {
    return {};
  }
}

function markdown(rows: readonly ScenarioRow[], before: ReturnType<typeof readBefore>, notes: readonly string[]): string {
  const lines = ['# Field scenarios: live dispatch against the baselines and the hindsight plan', '',
    'Each scenario\'s day drawn once from its seed; every policy replays the same orders and couriers (`jejaring bench field-scenarios`). ' +
    '`hindsight` solves the whole day with every order known in advance (same solver and objective), the refused goods and their exchanges included.', ''];
  lines.push('## Before and after (jejaring)', '', '| scenario | before: click-to-door mean / p90, on time, km, earnings CV | after: click-to-door mean / p90, on time, km, earnings CV (all / worst fleet) | hindsight |', '|---|---|---|---|');
  for (const r of rows) {
    const k = r.policies[0].kpis;
    const b = before[r.file];
    const h = r.hindsight.kpis;
    lines.push(`| ${r.scenario} | ${b ? `${b.clickToDoorMeanMin} / ${b.clickToDoorP90Min} min, ${b.onTimePct} %, ${b.courierKm} km, ${b.earningsCvPct} %` : '—'} | ` +
      `${k.clickToDoorMin.mean} / ${k.clickToDoorMin.p90} min, ${k.onTimePct} %, ${k.courierKm} km, ${k.earningsCvPct} / ${Math.max(k.earningsCvByFleetPct.ojol, k.earningsCvByFleetPct.pangkalan)} % | ` +
      `${h.clickToDoorMin.mean} / ${h.clickToDoorMin.p90} min, ${h.onTimePct} %, ${h.courierKm} km |`);
  }
  for (const r of rows) {
    lines.push('', `## ${r.scenario}`, '', `${r.orders} orders, ${r.couriers} couriers; ${(r.wallMs / 1000).toFixed(0)} s wall, ${(r.cpuMs / 1000).toFixed(0)} s CPU (main thread) for all runs.`, '');
    const cols = [...r.policies, { policy: 'hindsight', ...r.hindsight }];
    lines.push(`| KPI | ${cols.map((c) => `\`${c.policy}\``).join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`);
    const row = (name: string, f: (k: Omit<Kpis, 'utilisationByHourPct'>) => string | number) => lines.push(`| ${name} | ${cols.map((c) => f(c.kpis)).join(' | ')} |`);
    row('served / orders', (k) => `${k.served} / ${k.orders}`);
    row('click-to-door mean / p90 (min)', (k) => `${k.clickToDoorMin.mean} / ${k.clickToDoorMin.p90}`);
    row('on time (%)', (k) => k.onTimePct);
    row('courier km', (k) => k.courierKm);
    row('utilisation (%)', (k) => k.utilisationPct);
    row('earnings CV all / ojol / pangkalan (%)', (k) => `${k.earningsCvPct} / ${k.earningsCvByFleetPct.ojol} / ${k.earningsCvByFleetPct.pangkalan}`);
    lines.push(`| wall time (s) | ${cols.map((c) => (c.wallMs / 1000).toFixed(1)).join(' | ')} |`);
    const ideal = r.liveInHindsightWorld?.kpis;
    if (ideal) { // absent in rows merged from runs made before it was measured
      const idealGap = gapToHindsight(ideal, r.hindsight.kpis);
      lines.push('', `In the hindsight plan's own world (its orders' traffic at every hour, no noise, every offer ` +
        `taken at once) \`jejaring\` delivers in ${ideal.clickToDoorMin.mean} / ${ideal.clickToDoorMin.p90} min, ${ideal.onTimePct} % on time, ` +
        `${ideal.courierKm} km: ${idealGap.clickToDoorMeanPct > 0 ? '+' : ''}${idealGap.clickToDoorMeanPct} % click-to-door against the hindsight plan.`);
    }
    const pooled = r.pooledHindsight?.kpis;
    if (pooled) {
      lines.push('', `With the ${r.pooledHindsight!.markets} markets' couriers pooled (any courier may serve any market; in the ` +
        `hindsight plan above, as in live dispatch, a courier serves only markets within ${LENDING_DEFAULTS.radiusM / 1000} km of its own) the hindsight plan delivers in ${pooled.clickToDoorMin.mean} / ` +
        `${pooled.clickToDoorMin.p90} min, ${pooled.onTimePct} % on time, ${pooled.courierKm} km: what lending couriers beyond that radius could bring (a CPU-budgeted solve of a larger problem, so within about a minute).`);
    }
    if (r.otherDraws && r.otherDraws.length > 0) {
      const means = r.otherDraws.map((d) => d.clickToDoorMeanMin);
      const mean = means.reduce((a, b) => a + b, 0) / means.length;
      lines.push('', `On ${means.length} other draws of the same day (seeds ${r.otherDraws[0].seed}–${r.otherDraws[r.otherDraws.length - 1].seed}) \`jejaring\` ` +
        `delivers in ${mean.toFixed(1)} min on average (${Math.min(...means)}–${Math.max(...means)} min): one draw is a noisy sample of the day.`);
    }
    lines.push('', '| target | met | value | hindsight meets it |', '|---|---|---|---|');
    for (const t of r.targets) lines.push(`| ${t.name} | ${t.met ? 'yes' : '**no**'} | ${t.value} | ${t.hindsightMeets === undefined ? '—' : t.hindsightMeets ? 'yes' : 'no'} |`);
  }
  lines.push('', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

