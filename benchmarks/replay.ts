// `jejaring bench replay`: the replayed day (fixtures/scenarios/replay-shift-change: a coordinator's sheet with ready
// times and a shift change) under every policy with the replayed-day targets checked, and a 600-order market day
// simulated under jejaring against the 60 s budget; CPU beside wall time. Writes benchmarks/results/replay.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../api/package-root.js';
import { machineNote } from './field-days.js';
import {
  buildWorld, computeKpis, DISPATCH_DEFAULTS, loadScenarioFile, openScenarioRouting, policyByName, runScenario, simulate,
  type Kpis, type SimulationResult,
} from '../engine/index.js';

const ROOT = PACKAGE_ROOT;
const POLICIES = ['jejaring', 'nearest', 'one-per-trip', 'fifo'];
/** The market day the 60 s budget is about: 600 orders, 30 couriers. */
const MARKET_DAY = 'pasar-senen-day';
const MARKET_DAY_BUDGET_S = 60;

export interface ReplayTargets {
  readonly pickupsBeforeReady: number;
  readonly pickupsWaitedForGoods: number;
  readonly notDelivered: number;
  readonly peakRouteOrders: number;
  readonly routeCap: number;
  /** Orders whose click-to-door exceeded twice their promise. */
  readonly overTwicePromise: number;
  readonly met: boolean;
}

/**
 * The replayed-day targets of one simulated run. A pickup counts as served before ready when its service started
 * before the goods were ready, or the dispatcher heard it was done sooner than ready plus the shortest stall service.
 */
export function replayTargets(result: SimulationResult, minStallServiceS: number, routeCap = DISPATCH_DEFAULTS.maxOrdersPerRoute): ReplayTargets {
  const starts = result.orders.flatMap((o) => o.pickupStarts ?? []);
  const pickupsBeforeReady = starts.filter((s) => s.readyAtMs !== undefined &&
    (s.startMs < s.readyAtMs || (s.doneMs !== undefined && s.doneMs < s.readyAtMs + minStallServiceS * 1000))).length;
  const notDelivered = result.orders.filter((o) => o.outcome !== 'delivered').length;
  const peakRouteOrders = Math.max(0, ...result.couriers.map((c) => c.peakRouteOrders ?? 0));
  const overTwicePromise = result.orders.filter((o) => o.deliveredMs !== undefined && o.deliveredMs - o.placedAtMs > 2 * (o.windowEndMs - o.placedAtMs)).length;
  return {
    pickupsBeforeReady, pickupsWaitedForGoods: starts.filter((s) => s.startMs === s.readyAtMs).length, notDelivered, peakRouteOrders, routeCap, overTwicePromise,
    met: pickupsBeforeReady === 0 && notDelivered === 0 && peakRouteOrders <= routeCap && overTwicePromise === 0,
  };
}

const cpuS = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return Math.round((c.user + c.system) / 10_000) / 100;
};
const brief = ({ utilisationByHourPct: _h, ...k }: Kpis): Omit<Kpis, 'utilisationByHourPct'> => k;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, out: { type: 'string' }, 'skip-market-day': { type: 'boolean', default: false } } });
  const loadAtStart = loadavg()[0];

  // 1. The replayed day, every policy on the same sheet.
  const replayFile = join(ROOT, 'fixtures/scenarios/replay-shift-change.json');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const replay = await runScenario(loadScenarioFile(replayFile), { policies: POLICIES });
  const replayRow = {
    scenario: replay.scenario.name, orders: replay.orders, couriers: replay.couriers,
    cpuS: cpuS(cpu0), wallS: Math.round(performance.now() - t0) / 1000,
    policies: replay.runs.map((r) => ({ policy: r.kpis.policy, wallS: Math.round(r.wallMs) / 1000, kpis: brief(r.kpis), targets: replayTargets(r.result, replay.scenario.demand.stallServiceS[0]) })),
  };
  process.stderr.write(`replay: ${replayRow.policies.map((p) => `${p.policy} ${p.targets.met ? 'meets' : 'misses'} the targets`).join(', ')}; ${replayRow.cpuS} s CPU, ${replayRow.wallS} s wall\n`);

  // 2. A 600-order market day under jejaring: world drawn, then simulated (the budget is for the simulation).
  let marketDay: { scenario: string; orders: number; couriers: number; worldCpuS: number; simulateCpuS: number; simulateWallS: number; budgetS: number; met: boolean; kpis: Omit<Kpis, 'utilisationByHourPct'> } | undefined;
  if (!values['skip-market-day']) {
    const scenario = loadScenarioFile(join(ROOT, 'fixtures/scenarios', `${MARKET_DAY}.json`));
    const routing = await openScenarioRouting(scenario);
    try {
      const w0 = process.cpuUsage();
      const world = await buildWorld(scenario, routing);
      const worldCpuS = cpuS(w0);
      const s0 = process.cpuUsage();
      const t1 = performance.now();
      const result = await simulate({ world, routing, policy: policyByName('jejaring', scenario.policy) });
      const simulateCpuS = cpuS(s0);
      const simulateWallS = Math.round(performance.now() - t1) / 1000;
      marketDay = {
        scenario: scenario.name, orders: world.orders.length, couriers: world.couriers.length, worldCpuS, simulateCpuS, simulateWallS,
        budgetS: MARKET_DAY_BUDGET_S, met: simulateCpuS <= MARKET_DAY_BUDGET_S, kpis: brief(computeKpis(result)),
      };
      process.stderr.write(`${MARKET_DAY}: ${world.orders.length} orders simulated in ${simulateCpuS} s CPU, ${simulateWallS} s wall (budget ${MARKET_DAY_BUDGET_S} s)\n`);
    } finally {
      await routing.close?.();
    }
  }

  const notes = [machineNote(loadAtStart)];
  const summary = {
    replayTargetsMet: replayRow.policies.find((p) => p.policy === 'jejaring')!.targets.met,
    replayCpuS: replayRow.cpuS, replayWallS: replayRow.wallS,
    ...(marketDay ? { marketDayOrders: marketDay.orders, marketDaySimulateCpuS: marketDay.simulateCpuS, marketDaySimulateWallS: marketDay.simulateWallS, marketDayWithinBudget: marketDay.met } : {}),
  };
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'replay.json'), `${JSON.stringify({ summary, notes, replay: replayRow, ...(marketDay ? { marketDay } : {}) }, null, 2)}\n`);
  writeFileSync(join(outDir, 'replay.md'), markdown(replayRow, marketDay, notes));
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}

function markdown(
  replay: { scenario: string; orders: number; couriers: number; cpuS: number; wallS: number; policies: readonly { policy: string; wallS: number; kpis: Omit<Kpis, 'utilisationByHourPct'>; targets: ReplayTargets }[] },
  marketDay: { scenario: string; orders: number; couriers: number; worldCpuS: number; simulateCpuS: number; simulateWallS: number; budgetS: number; met: boolean } | undefined,
  notes: readonly string[],
): string {
  const lines = ['# Replayed day and market-day simulation time', '',
    `## ${replay.scenario}`, '',
    `${replay.orders} orders from a coordinator's sheet (goods ready 5–20 min after the order), ${replay.couriers} couriers, ojol handing over at 09:00; ` +
    `every policy replays the same sheet (\`jejaring bench replay\`). ${replay.cpuS} s CPU, ${replay.wallS} s wall for all policies.`, ''];
  const cols = replay.policies;
  lines.push(`| | ${cols.map((c) => `\`${c.policy}\``).join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`);
  const row = (name: string, f: (c: (typeof cols)[number]) => string | number) => lines.push(`| ${name} | ${cols.map(f).join(' | ')} |`);
  row('served / orders', (c) => `${c.kpis.served} / ${c.kpis.orders}`);
  row('click-to-door mean / p90 (min)', (c) => `${c.kpis.clickToDoorMin.mean} / ${c.kpis.clickToDoorMin.p90}`);
  row('on time (%)', (c) => c.kpis.onTimePct);
  row('courier km', (c) => c.kpis.courierKm);
  row('pickups started before the goods were ready', (c) => c.targets.pickupsBeforeReady);
  row('pickups where the courier waited for the goods', (c) => c.targets.pickupsWaitedForGoods);
  row('orders not delivered', (c) => c.targets.notDelivered);
  row(`most orders on one route (cap ${DISPATCH_DEFAULTS.maxOrdersPerRoute})`, (c) => c.targets.peakRouteOrders);
  row('orders over twice their promise', (c) => c.targets.overTwicePromise);
  row('replayed-day targets', (c) => (c.targets.met ? 'met' : '**missed**'));
  row('wall time (s)', (c) => c.wallS.toFixed(1));
  if (marketDay) {
    lines.push('', `## A ${marketDay.orders}-order market day (${marketDay.scenario}, jejaring)`, '',
      `| drawing the day (CPU s) | simulating (CPU s) | simulating (wall s) | budget | met |`, '|---|---|---|---|---|',
      `| ${marketDay.worldCpuS} | ${marketDay.simulateCpuS} | ${marketDay.simulateWallS} | ${marketDay.budgetS} s | ${marketDay.met ? 'yes' : '**no**'} |`, '',
      'The budget is judged on CPU time of the simulation (the solver runs on the main thread); wall time on the shared machine is shown beside it.');
  }
  lines.push('', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

