// The planner report as Markdown in Bahasa Indonesia or English: scenario summary, one KPI table across policies,
// earnings fairness, chart links, the policies and a glossary of the terms for a city trade office.
import type { ScenarioRun } from '../run-scenario.js';
import { REPORT_WORDS, type ReportLanguage } from './report-language.js';

export interface ReportChartFiles { readonly kpis: string; readonly clickToDoor: string; readonly utilisation: string }

export function reportMarkdown(run: ScenarioRun, charts: ReportChartFiles, language: ReportLanguage = 'id'): string {
  const words = REPORT_WORDS[language];
  const number = (v: number, digits = 1): string => v.toLocaleString(words.locale, { maximumFractionDigits: digits });
  const rp = (v: number): string => `Rp ${Math.round(v).toLocaleString(words.locale)}`;
  const s = run.scenario;
  const head = [words.kpi, ...run.runs.map((r) => `\`${r.kpis.policy}\``)];
  const row = (name: string, f: (k: ScenarioRun['runs'][number]) => string): string => `| ${name} | ${run.runs.map(f).join(' | ')} |`;
  const w = words.rows;
  const lines = [
    `# ${s.name}`,
    '',
    words.otherLanguage,
    '',
    s.description ?? '',
    '',
    words.summary({ seed: s.seed, orders: run.orders, couriers: run.couriers, markets: s.markets.length, routing: run.routing,
      startHour: s.day.startHour, endHour: s.day.endHour, drainHours: s.drainHours, windowMin: s.demand.windowMin }),
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    row(w.clickToDoor, (r) => `${number(r.kpis.clickToDoorMin.mean)} / ${number(r.kpis.clickToDoorMin.p50)} / ${number(r.kpis.clickToDoorMin.p90)}`),
    row(w.onTime, (r) => number(r.kpis.onTimePct)),
    row(w.servedUnserved, (r) => `${r.kpis.served} / ${r.kpis.unserved}`),
    row(w.cancelled, (r) => `${r.kpis.cancelled}`),
    row(w.exchanges, (r) => `${r.kpis.exchanges}`),
    row(w.courierKm, (r) => number(r.kpis.courierKm)),
    row(w.courierHours, (r) => `${number(r.kpis.courierShiftHours)} / ${number(r.kpis.courierBusyHours)}`),
    row(w.ordersPerCourierHour, (r) => number(r.kpis.ordersPerCourierHour, 2)),
    row(w.utilisation, (r) => number(r.kpis.utilisationPct)),
    row(w.timeInBag, (r) => number(r.kpis.timeInBagP95Min)),
    row(w.feeRevenue, (r) => rp(r.kpis.feeRevenueRp)),
    row(w.earningsPerHour, (r) => `${rp(r.kpis.earnings.ojol.perHourRp)} / ${rp(r.kpis.earnings.pangkalan.perHourRp)}`),
    row(w.earningsRatioCv, (r) => `${number(r.kpis.earningsRatio, 2)} / ${number(r.kpis.earningsCvPct)} %`),
    row(w.costPerOrder, (r) => rp(r.kpis.costPerOrderRp)),
    row(w.plansOffersDeclines, (r) => `${r.kpis.plans} / ${r.kpis.offers} / ${r.kpis.declines}`),
    row(w.wallTime, (r) => number(r.wallMs / 1000)),
    '',
    `![${words.charts.kpisAlt}](${charts.kpis})`,
    '',
    `![${words.charts.clickToDoorAlt}](${charts.clickToDoor})`,
    '',
    `![${words.charts.utilisationAlt}](${charts.utilisation})`,
    '',
    words.policies({ coordinatorCallS: s.policy.coordinatorCallS, fifoBagSize: s.policy.fifoBagSize }),
    '',
    `## ${words.glossaryTitle}`,
    '',
    ...words.glossary.map(([term, meaning]) => `- **${term}**: ${meaning}`),
    '',
  ];
  return lines.join('\n');
}
