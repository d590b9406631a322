// The planner report as Markdown in Bahasa Indonesia or English: scenario summary, one KPI table across policies,
// earnings fairness, chart links, the policies and a glossary of the terms for a city trade office.
import type { ScenarioRun } from '../run-scenario.js';
import { REPORT_WORDS, type ReportLanguage } from './report-language.js';
import { gapToHindsight } from '../kpis.js';

export interface ReportChartFiles { readonly kpis: string; readonly clickToDoor: string; readonly utilisation: string }

export function reportMarkdown(run: ScenarioRun, charts: ReportChartFiles, language: ReportLanguage = 'id'): string {
  const words = REPORT_WORDS[language];
  const number = (v: number, digits = 1): string => v.toLocaleString(words.locale, { maximumFractionDigits: digits });
  const rp = (v: number): string => `Rp ${Math.round(v).toLocaleString(words.locale)}`;
  const s = run.scenario;
  const columns = run.hindsight ? [...run.runs, run.hindsight] : run.runs;
  const head = [words.kpi, ...columns.map((r) => `\`${r.kpis.policy}\``)];
  const row = (name: string, f: (k: ScenarioRun['runs'][number]) => string): string => `| ${name} | ${columns.map(f).join(' | ')} |`;
  const w = words.rows;
  const h = run.hindsight?.kpis;
  const gap = (r: ScenarioRun['runs'][number]): string => {
    if (!h || r === run.hindsight) return '—';
    const g = gapToHindsight(r.kpis, h);
    return `${g.clickToDoorMeanPct > 0 ? '+' : ''}${number(g.clickToDoorMeanPct)} % / ${g.courierKmPct > 0 ? '+' : ''}${number(g.courierKmPct)} %`;
  };
  const id = language === 'id';
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
    row(id ? 'jam tiba yang diberitahukan: terlambat rata-rata / p90 (menit), ditepati, paling lambat 10 menit sesudahnya (%)' : 'hour told at acceptance: late mean / p90 (min), kept within 10 min (%)',
      (r) => (r.kpis.toldEta.orders > 0 ? `${number(r.kpis.toldEta.lateMin.mean)} / ${number(r.kpis.toldEta.lateMin.p90)}, ${number(r.kpis.toldEta.keptPct)}` : '—')),
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
    row(id ? 'KV pendapatan dalam satu armada: ojol / pangkalan (%)' : 'earnings CV within a fleet: ojol / pangkalan (%)',
      (r) => `${number(r.kpis.earningsCvByFleetPct.ojol)} / ${number(r.kpis.earningsCvByFleetPct.pangkalan)}`),
    ...(h ? [row(id ? 'selisih dari rencana hindsight: klik-sampai-pintu rata-rata / km kurir' : 'gap to hindsight: click-to-door mean / courier km', gap)] : []),
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
    ...(h ? [id
      ? '`hindsight` = seluruh hari diselesaikan sekaligus dengan semua pesanan diketahui di muka (solver dan tujuan yang sama, tiap pesanan ' +
        'dilepas pada waktu dibuat dan waktu siapnya, kecepatan jalan rata-rata, barang yang ditolak pelanggan beserta penukarannya ikut diketahui, ' +
        'tanpa tawaran yang ditolak kurir): batas, bukan rencana yang bisa dijalankan. ' +
        'Bila hindsight pun meleset dari target, armadanya terlalu kecil.'
      : '`hindsight` = the whole day solved at once with every order known in advance (same solver and objective, each order ' +
        'released at its creation and ready time, mean road speeds, refused goods and their exchanges known too, no declined offers): ' +
        'a bound, not a plan anyone could run. ' +
        'Where it misses a target too, the fleet is too small for it.', ''] : []),
    words.policies({ coordinatorCallS: s.policy.coordinatorCallS, fifoBagSize: s.policy.fifoBagSize }),
    '',
    `## ${words.glossaryTitle}`,
    '',
    ...words.glossary.map(([term, meaning]) => `- **${term}**: ${meaning}`),
    '',
  ];
  return lines.join('\n');
}
