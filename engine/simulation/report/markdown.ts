// The planner report as Markdown: scenario summary, one KPI table across policies, earnings fairness, chart links.
import type { ScenarioRun } from '../run-scenario.js';

const rp = (v: number): string => `Rp ${Math.round(v).toLocaleString('en-US')}`;

export function reportMarkdown(run: ScenarioRun, charts: { kpis: string; clickToDoor: string; utilisation: string }): string {
  const s = run.scenario;
  const head = ['KPI', ...run.runs.map((r) => `\`${r.kpis.policy}\``)];
  const row = (name: string, f: (k: ScenarioRun['runs'][number]) => string): string => `| ${name} | ${run.runs.map(f).join(' | ')} |`;
  const lines = [
    `# ${s.name}`,
    '',
    s.description ?? '',
    '',
    `Seed ${s.seed}; ${run.orders} orders, ${run.couriers} couriers, ${s.markets.length} market(s); roads: \`${run.routing}\`; ` +
      `day ${s.day.startHour}:00–${s.day.endHour}:00 + ${s.drainHours} h drain. Delivery promised within ${s.demand.windowMin} min.`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    row('click-to-door mean / p50 / p90 (min)', (r) => `${r.kpis.clickToDoorMin.mean} / ${r.kpis.clickToDoorMin.p50} / ${r.kpis.clickToDoorMin.p90}`),
    row('on time (%)', (r) => `${r.kpis.onTimePct}`),
    row('served / unserved', (r) => `${r.kpis.served} / ${r.kpis.unserved}`),
    row('cancelled by customers waiting', (r) => `${r.kpis.cancelled}`),
    row('exchanges (refused goods)', (r) => `${r.kpis.exchanges}`),
    row('courier km', (r) => `${r.kpis.courierKm}`),
    row('courier hours on shift / busy', (r) => `${r.kpis.courierShiftHours} / ${r.kpis.courierBusyHours}`),
    row('orders per courier-hour', (r) => `${r.kpis.ordersPerCourierHour}`),
    row('utilisation (%)', (r) => `${r.kpis.utilisationPct}`),
    row('time in bag p95 (min)', (r) => `${r.kpis.timeInBagP95Min}`),
    row('fee revenue', (r) => rp(r.kpis.feeRevenueRp)),
    row('earnings per hour: ojol / pangkalan', (r) => `${rp(r.kpis.earnings.ojol.perHourRp)} / ${rp(r.kpis.earnings.pangkalan.perHourRp)}`),
    row('earnings ratio (fleets), CV (couriers)', (r) => `${r.kpis.earningsRatio} / ${r.kpis.earningsCvPct} %`),
    row('courier cost per order', (r) => rp(r.kpis.costPerOrderRp)),
    row('plans / offers / declines', (r) => `${r.kpis.plans} / ${r.kpis.offers} / ${r.kpis.declines}`),
    row('wall time (s)', (r) => (r.wallMs / 1000).toFixed(1)),
    '',
    `![KPIs per policy](${charts.kpis})`,
    '',
    `![Click-to-door distribution](${charts.clickToDoor})`,
    '',
    `![Utilisation over the day](${charts.utilisation})`,
    '',
    'Policies: `jejaring[-Ns]` = production dispatcher and solver with an N-second batching window; `nearest` = each order at once to ' +
      'the nearest free courier; `one-per-trip` = a coordinator with a phone, longest-waiting courier first, one order per trip, ' +
      `${s.policy.coordinatorCallS} s per call; \`fifo[-Ns]\` = orders collected for N s (default 600) and handed out in arrival order, ` +
      `${s.policy.fifoBagSize} per bag, stalls then homes in order.`,
    '',
  ];
  return lines.join('\n');
}
