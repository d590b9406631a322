// The three planner charts as SVG text: KPI bars per policy, click-to-door distribution, utilisation over the day.
import type { PolicyRun } from '../run-scenario.js';
import { document, formatNumber, legend, niceMax, PALETTE, text, yAxis } from './svg.js';

interface Panel { readonly title: string; readonly unit: string; readonly value: (r: PolicyRun) => number }

const PANELS: readonly Panel[] = [
  { title: 'Click-to-door, mean (min)', unit: '', value: (r) => r.kpis.clickToDoorMin.mean },
  { title: 'Click-to-door, p90 (min)', unit: '', value: (r) => r.kpis.clickToDoorMin.p90 },
  { title: 'On time (%)', unit: '', value: (r) => r.kpis.onTimePct },
  { title: 'Orders served', unit: '', value: (r) => r.kpis.served },
  { title: 'Courier km', unit: '', value: (r) => r.kpis.courierKm },
  { title: 'Utilisation (%)', unit: '', value: (r) => r.kpis.utilisationPct },
  { title: 'Orders per courier-hour', unit: '', value: (r) => r.kpis.ordersPerCourierHour },
  { title: 'Cost per order (Rp)', unit: '', value: (r) => r.kpis.costPerOrderRp },
  { title: 'Time in bag, p95 (min)', unit: '', value: (r) => r.kpis.timeInBagP95Min },
];

/** Small-multiple bar charts, one panel per KPI, one bar per policy. */
export function kpiBarsSvg(runs: readonly PolicyRun[], title: string): string {
  const cols = 3;
  const pw = 300;
  const ph = 190;
  const rows = Math.ceil(PANELS.length / cols);
  const body: string[] = [];
  PANELS.forEach((panel, k) => {
    const ox = 20 + (k % cols) * pw;
    const oy = 40 + Math.floor(k / cols) * ph;
    const x = ox + 50;
    const y = oy + 24;
    const w = pw - 70;
    const h = ph - 60;
    const values = runs.map(panel.value);
    const max = niceMax(Math.max(...values, 0));
    body.push(text(ox + pw / 2, oy + 12, panel.title, 'text-anchor="middle" font-weight="bold"'), ...yAxis(x, y, h, w, max, panel.unit));
    const bw = w / Math.max(1, runs.length);
    values.forEach((v, i) => {
      const bh = (h * Math.max(0, v)) / max;
      const bx = x + i * bw + bw * 0.15;
      body.push(`<rect x="${bx.toFixed(1)}" y="${(y + h - bh).toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${bh.toFixed(1)}" fill="${PALETTE[i % PALETTE.length]}"><title>${runs[i].kpis.policy}: ${v}</title></rect>`);
      body.push(text(bx + bw * 0.35, y + h - bh - 3, formatNumber(v), 'text-anchor="middle" font-size="9"'));
    });
  });
  const width = 20 + cols * pw + 150;
  body.push(...legend(width - 140, 60, runs.map((r) => r.kpis.policy)));
  return document(width, 40 + rows * ph + 10, title, body);
}

/** Share of served orders per 5-minute click-to-door bin, one line per policy. */
export function clickToDoorSvg(runs: readonly PolicyRun[], title: string): string {
  const binMin = 5;
  const maxMin = niceMax(Math.max(30, ...runs.map((r) => Math.max(0, ...r.clickToDoorMin))));
  const bins = Math.ceil(maxMin / binMin);
  const shares = runs.map((r) => {
    const counts = new Array<number>(bins).fill(0);
    for (const m of r.clickToDoorMin) counts[Math.min(bins - 1, Math.floor(m / binMin))]++;
    return counts.map((c) => (100 * c) / Math.max(1, r.clickToDoorMin.length));
  });
  const x = 60, y = 40, w = 640, h = 300;
  const ymax = niceMax(Math.max(1, ...shares.flat()));
  const body = [...yAxis(x, y, h, w, ymax, '%')];
  for (let b = 0; b <= bins; b += Math.max(1, Math.round(bins / 12))) {
    body.push(text(x + (w * b) / bins, y + h + 14, `${b * binMin}`, 'text-anchor="middle" fill="#555"'));
  }
  body.push(text(x + w / 2, y + h + 30, 'minutes from order to door (5-minute bins)', 'text-anchor="middle"'));
  shares.forEach((s, i) => {
    const pts = s.map((v, b) => `${(x + (w * (b + 0.5)) / bins).toFixed(1)},${(y + h - (h * v) / ymax).toFixed(1)}`).join(' ');
    body.push(`<polyline points="${pts}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"/>`);
  });
  body.push(...legend(x + w + 20, y + 10, runs.map((r) => r.kpis.policy)));
  return document(x + w + 170, y + h + 45, title, body);
}

/** Busy share of on-shift courier time per local hour, one line per policy. */
export function utilisationSvg(runs: readonly PolicyRun[], title: string): string {
  const hours = Array.from({ length: 24 }, (_, hr) => hr).filter((hr) => runs.some((r) => r.kpis.utilisationByHourPct[hr] !== null));
  const first = hours[0] ?? 0;
  const last = hours[hours.length - 1] ?? 23;
  const x = 60, y = 40, w = 640, h = 300;
  const span = Math.max(1, last - first + 1);
  const body = [...yAxis(x, y, h, w, 100, '%')];
  for (let hr = first; hr <= last + 1; hr++) body.push(text(x + (w * (hr - first)) / span, y + h + 14, `${String(hr).padStart(2, '0')}`, 'text-anchor="middle" fill="#555"'));
  body.push(text(x + w / 2, y + h + 30, 'local hour (WIB)', 'text-anchor="middle"'));
  runs.forEach((r, i) => {
    const pts = hours
      .filter((hr) => r.kpis.utilisationByHourPct[hr] !== null)
      .map((hr) => `${(x + (w * (hr - first + 0.5)) / span).toFixed(1)},${(y + h - (h * r.kpis.utilisationByHourPct[hr]!) / 100).toFixed(1)}`)
      .join(' ');
    body.push(`<polyline points="${pts}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"/>`);
  });
  body.push(...legend(x + w + 20, y + 10, runs.map((r) => r.kpis.policy)));
  return document(x + w + 170, y + h + 45, title, body);
}
