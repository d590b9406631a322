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

/** A "nice" upper bound for an axis showing values up to `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

/** Y axis with 5 ticks for a plot box; returns the SVG pieces. */
export function yAxis(x: number, y: number, h: number, w: number, max: number, unit: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const yy = y + h - (h * i) / 4;
    out.push(`<line x1="${x}" y1="${yy.toFixed(1)}" x2="${x + w}" y2="${yy.toFixed(1)}" stroke="#e3e3e3"/>`);
    out.push(text(x - 4, yy + 4, `${formatNumber(v)}${unit}`, 'text-anchor="end" fill="#555"'));
  }
  out.push(`<line x1="${x}" y1="${y}" x2="${x}" y2="${y + h}" stroke="#888"/>`);
  return out;
}

export function formatNumber(v: number): string {
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (Math.abs(v) >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function legend(x: number, y: number, names: readonly string[]): string[] {
  return names.flatMap((name, i) => [
    `<rect x="${x}" y="${y + i * 16 - 9}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`,
    text(x + 14, y + i * 16, name),
  ]);
}
