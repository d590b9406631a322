// Minimal SVG writing helpers for the planner charts: escaping, a colour per policy, axes with ticks.

export const PALETTE = ['#1b7f5a', '#d9822b', '#3b6fb6', '#a23b72', '#6b6b6b', '#c8b400', '#2a9d8f', '#e76f51'];

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const text = (x: number, y: number, s: string, attrs = ''): string =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(s)}</text>`;

export function document(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(width / 2, 18, title, 'text-anchor="middle" font-size="14" font-weight="bold"'),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** A value axis from 0: a tick step of 1, 2 or 5 × 10^k giving 3 to 5 intervals, and the top tick at or above `max`. */
export function niceScale(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  let step = 10 ** Math.floor(Math.log10(max / 4));
  for (const m of [1, 2, 5, 10]) {
    if (Math.ceil(max / (m * step) - 1e-9) <= 5) { step = Number((step * m).toPrecision(12)); break; }
  }
  const top = Math.max(step * 3, Math.ceil(max / step - 1e-9) * step);
  return { max: Number(top.toPrecision(12)), step };
}

/** The top tick of `niceScale` (kept for callers that only need the bound). */
export function niceMax(max: number): number {
  return niceScale(max).max;
}

/** Y axis of a plot box with ticks every `scale.step` up to `scale.max`; returns the SVG pieces. */
export function yAxis(x: number, y: number, h: number, w: number, scale: { max: number; step: number }, unit: string, locale = 'en-US'): string[] {
  const out: string[] = [];
  const ticks = Math.round(scale.max / scale.step);
  for (let i = 0; i <= ticks; i++) {
    const v = Number((scale.step * i).toPrecision(12));
    const yy = y + h - (h * v) / scale.max;
    out.push(`<line x1="${x}" y1="${yy.toFixed(1)}" x2="${x + w}" y2="${yy.toFixed(1)}" stroke="#e3e3e3"/>`);
    out.push(text(x - 4, yy + 4, `${formatNumber(v, locale)}${unit}`, 'text-anchor="end" fill="#555"'));
  }
  out.push(`<line x1="${x}" y1="${y}" x2="${x}" y2="${y + h}" stroke="#888"/>`);
  return out;
}

/** A short number for a chart: 1.2M / 35k / 12 / 12.5, with the locale's decimal mark (12,5 in Indonesian). */
export function formatNumber(v: number, locale = 'en-US'): string {
  const decimal = (n: number, digits: number) => n.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
  if (Math.abs(v) >= 1e6) return `${decimal(v / 1e6, 1)}M`;
  if (Math.abs(v) >= 1e4) return `${decimal(v / 1e3, 0)}k`;
  return Number.isInteger(v) ? String(v) : decimal(v, 1);
}

/** A clip path named `id` for the plot box, so no line can leave its plot. */
export function plotClip(id: string, x: number, y: number, w: number, h: number): string {
  return `<clipPath id="${id}"><rect x="${x}" y="${y - 1}" width="${w}" height="${h + 2}"/></clipPath>`;
}

export function legend(x: number, y: number, names: readonly string[]): string[] {
  return names.flatMap((name, i) => [
    `<rect x="${x}" y="${y + i * 16 - 9}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`,
    text(x + 14, y + i * 16, name),
  ]);
}
