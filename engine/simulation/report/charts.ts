// The three planner charts as SVG text: KPI bars per policy, click-to-door distribution, utilisation over the day;
// in the report's language, every line clipped to its plot and value axes ticked at 1, 2 or 5 × 10^k.
import type { PolicyRun } from '../run-scenario.js';
import { REPORT_WORDS, type ReportLanguage } from './report-language.js';
import { document, formatNumber, legend, niceScale, PALETTE, plotClip, text, yAxis } from './svg.js';

const PANEL_VALUES: readonly ((r: PolicyRun) => number)[] = [
  (r) => r.kpis.clickToDoorMin.mean, (r) => r.kpis.clickToDoorMin.p90, (r) => r.kpis.onTimePct, (r) => r.kpis.served,
  (r) => r.kpis.courierKm, (r) => r.kpis.utilisationPct, (r) => r.kpis.ordersPerCourierHour, (r) => r.kpis.costPerOrderRp,
  (r) => r.kpis.timeInBagP95Min,
];

/** Small-multiple bar charts, one panel per KPI, one bar per policy. */
export function kpiBarsSvg(runs: readonly PolicyRun[], title: string, language: ReportLanguage = 'en'): string {
  const words = REPORT_WORDS[language];
  const cols = 3;
  const pw = 300;
  const ph = 190;
  const rows = Math.ceil(PANEL_VALUES.length / cols);
  const body: string[] = [];
  PANEL_VALUES.forEach((value, k) => {
    const ox = 20 + (k % cols) * pw;
    const oy = 40 + Math.floor(k / cols) * ph;
    const x = ox + 50;
    const y = oy + 24;
    const w = pw - 70;
    const h = ph - 60;
    const values = runs.map(value);
    const scale = niceScale(Math.max(...values, 0));
    body.push(text(ox + pw / 2, oy + 12, words.charts.panels[k], 'text-anchor="middle" font-weight="bold"'), ...yAxis(x, y, h, w, scale, '', words.locale));
    const bw = w / Math.max(1, runs.length);
    values.forEach((v, i) => {
      const bh = (h * Math.max(0, v)) / scale.max;
      const bx = x + i * bw + bw * 0.15;
      body.push(`<rect x="${bx.toFixed(1)}" y="${(y + h - bh).toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${bh.toFixed(1)}" fill="${PALETTE[i % PALETTE.length]}"><title>${runs[i].kpis.policy}: ${v}</title></rect>`);
      body.push(text(bx + bw * 0.35, y + h - bh - 3, formatNumber(v, words.locale), 'text-anchor="middle" font-size="9"'));
    });
  });
  const width = 20 + cols * pw + 150;
  body.push(...legend(width - 140, 60, runs.map((r) => r.kpis.policy)));
  return document(width, 40 + rows * ph + 10, title, body);
}

/** Share of served orders per 5-minute click-to-door bin, one line per policy. */
export function clickToDoorSvg(runs: readonly PolicyRun[], title: string, language: ReportLanguage = 'en'): string {
  const words = REPORT_WORDS[language];
  const binMin = 5;
  const maxMin = niceScale(Math.max(30, ...runs.map((r) => Math.max(0, ...r.clickToDoorMin)))).max;
  const bins = Math.ceil(maxMin / binMin);
  const shares = runs.map((r) => {
    const counts = new Array<number>(bins).fill(0);
    for (const m of r.clickToDoorMin) counts[Math.min(bins - 1, Math.floor(m / binMin))]++;
    return counts.map((c) => (100 * c) / Math.max(1, r.clickToDoorMin.length));
  });
  const x = 60, y = 40, w = 640, h = 300;
  const scale = niceScale(Math.max(1, ...shares.flat()));
  const body = [plotClip('plot', x, y, w, h), ...yAxis(x, y, h, w, scale, ' %', words.locale)];
  for (let b = 0; b <= bins; b += Math.max(1, Math.round(bins / 12))) {
    body.push(text(x + (w * b) / bins, y + h + 14, `${b * binMin}`, 'text-anchor="middle" fill="#555"'));
  }
  body.push(text(x + w / 2, y + h + 30, words.charts.clickToDoorAxis, 'text-anchor="middle"'));
  shares.forEach((s, i) => {
    const pts = s.map((v, b) => `${(x + (w * (b + 0.5)) / bins).toFixed(1)},${(y + h - (h * v) / scale.max).toFixed(1)}`).join(' ');
    body.push(`<polyline points="${pts}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2" clip-path="url(#plot)"/>`);
  });
  body.push(...legend(x + w + 20, y + 10, runs.map((r) => r.kpis.policy)));
  return document(x + w + 170, y + h + 45, title, body);
}

/**
 * Busy share of on-shift courier time per local hour, one line per policy, on a 0–100 % axis. A value above 100 %
 * (possible when shifts are counted per hour but a trip runs on past the shift's end) is drawn at 100 % and listed.
 */
export function utilisationSvg(runs: readonly PolicyRun[], title: string, language: ReportLanguage = 'en'): string {
  const words = REPORT_WORDS[language];
  const hours = Array.from({ length: 24 }, (_, hr) => hr).filter((hr) => runs.some((r) => r.kpis.utilisationByHourPct[hr] !== null));
  const first = hours[0] ?? 0;
  const last = hours[hours.length - 1] ?? 23;
  const x = 60, y = 40, w = 640, h = 300;
  const span = Math.max(1, last - first + 1);
  const body = [plotClip('plot', x, y, w, h), ...yAxis(x, y, h, w, { max: 100, step: 25 }, ' %', words.locale)];
  for (let hr = first; hr <= last + 1; hr++) body.push(text(x + (w * (hr - first)) / span, y + h + 14, `${String(hr).padStart(2, '0')}`, 'text-anchor="middle" fill="#555"'));
  body.push(text(x + w / 2, y + h + 30, words.charts.hourAxis, 'text-anchor="middle"'));
  const clamped: string[] = [];
  runs.forEach((r, i) => {
    const pts = hours
      .filter((hr) => r.kpis.utilisationByHourPct[hr] !== null)
      .map((hr) => {
        const pct = r.kpis.utilisationByHourPct[hr]!;
        if (pct > 100) clamped.push(`${r.kpis.policy} ${String(hr).padStart(2, '0')}:00 ${formatNumber(pct, words.locale)} %`);
        const shown = Math.min(100, Math.max(0, pct));
        return `${(x + (w * (hr - first + 0.5)) / span).toFixed(1)},${(y + h - (h * shown) / 100).toFixed(1)}`;
      })
      .join(' ');
    body.push(`<polyline points="${pts}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2" clip-path="url(#plot)"/>`);
  });
  body.push(...legend(x + w + 20, y + 10, runs.map((r) => r.kpis.policy)));
  const notes = clamped.length > 0 ? [text(x, y + h + 44, words.charts.clampedNote(clamped.slice(0, 4).join('; ') + (clamped.length > 4 ? '; …' : '')), 'fill="#555" font-size="10"')] : [];
  return document(x + w + 170, y + h + (notes.length ? 55 : 45), title, [...body, ...notes]);
}
