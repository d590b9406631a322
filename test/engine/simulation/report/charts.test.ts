// Planner report: value axes ticked at 1, 2 or 5 × 10^k, utilisation clamped to its plot (and listed), the report and
// its glossary in Bahasa Indonesia and English.
import { describe, expect, it } from 'vitest';
import { clickToDoorSvg, utilisationSvg } from '../../../../engine/simulation/report/charts.js';
import { reportMarkdown } from '../../../../engine/simulation/report/markdown.js';
import { niceScale } from '../../../../engine/simulation/report/svg.js';
import type { PolicyRun, ScenarioRun } from '../../../../engine/simulation/run-scenario.js';

/** A policy run with only what the charts and the table read. */
function policyRun(policy: string, clickToDoorMin: number[], utilisationByHourPct: (number | null)[]): PolicyRun {
  const kpis = {
    policy, orders: 10, served: 9, unserved: 1, cancelled: 0, openAtEnd: 0, exchanges: 1, clickToDoorMin: { mean: 31.5, p50: 30, p90: 44 },
    onTimePct: 80, toldEta: { orders: 9, lateMin: { mean: 1.5, p50: 0.5, p90: 8.2 }, keptPct: 88.9 }, courierKm: 42.5, courierShiftHours: 8, courierBusyHours: 5, ordersPerCourierHour: 1.13, utilisationPct: 62.5,
    timeInBagP95Min: 21, feeRevenueRp: 90_000, earnings: { ojol: { couriers: 2, perHourRp: 15_000, perCourierRp: 60_000 }, pangkalan: { couriers: 2, perHourRp: 12_000, perCourierRp: 48_000 } },
    earningsRatio: 1.25, earningsCvPct: 18.4, earningsCvByFleetPct: { ojol: 22.5, pangkalan: 14.0 }, costPerOrderRp: 11_000, plans: 4, offers: 5, declines: 1, utilisationByHourPct,
  };
  return { kpis, clickToDoorMin, wallMs: 1500, result: { unplanned: {} } } as unknown as PolicyRun;
}

const hourly = (values: Record<number, number>): (number | null)[] => Array.from({ length: 24 }, (_, h) => values[h] ?? null);
const ticks = (svg: string): string[] => [...svg.matchAll(/text-anchor="end" fill="#555">([^<]*)</g)].map((m) => m[1]);

describe('planner charts', () => {
  it('niceScale ticks at 1, 2 or 5 × 10^k with 3 to 5 intervals', () => {
    expect(niceScale(25)).toEqual({ max: 25, step: 5 });
    expect(niceScale(18.8)).toEqual({ max: 20, step: 5 });
    expect(niceScale(100)).toEqual({ max: 100, step: 20 });
    expect(niceScale(0.7)).toEqual({ max: 0.8, step: 0.2 });
    expect(niceScale(3)).toEqual({ max: 3, step: 1 });
    for (let max = 0.3; max < 5000; max *= 1.37) {
      const { max: top, step } = niceScale(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(top / step).toBeGreaterThanOrEqual(3 - 1e-9);
      expect(top / step).toBeLessThanOrEqual(5 + 1e-9);
      expect([1, 2, 5]).toContain(Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6)));
    }
  });

  it('the click-to-door axis has round ticks (no 6.3 / 12.5 / 18.8 %)', () => {
    // 8 orders, 2 in one 5-minute bin = 25 % share: the old axis ticked at 6.25 steps.
    const svg = clickToDoorSvg([policyRun('jejaring', [12, 14, 22, 24, 31, 33, 38, 42], hourly({}))], 'uji', 'en');
    expect(ticks(svg)).toEqual(['0 %', '5 %', '10 %', '15 %', '20 %', '25 %']);
    expect(svg).toContain('clip-path="url(#plot)"');
  });

  it('utilisation above 100 % is drawn at the top of the plot and listed under it', () => {
    const svg = utilisationSvg([policyRun('jejaring', [], hourly({ 6: 40, 7: 80 })), policyRun('fifo', [], hourly({ 6: 95, 7: 130 }))], 'uji', 'id');
    const plotTop = 40;
    const ys = [...svg.matchAll(/<polyline points="([^"]*)"/g)].flatMap((m) => m[1].split(' ').map((p) => Number(p.split(',')[1])));
    expect(ys).toHaveLength(4);
    for (const y of ys) expect(y).toBeGreaterThanOrEqual(plotTop);
    expect(Math.min(...ys)).toBe(plotTop);
    expect(svg).toContain('di atas 100 % digambar pada 100 %: fifo 07:00 130 %');
    expect(ticks(svg)).toEqual(['0 %', '25 %', '50 %', '75 %', '100 %']);
  });

  it('the report reads in Bahasa Indonesia with a glossary, and in English', () => {
    const run = {
      scenario: { name: 'Pasar uji', description: '', seed: 1, markets: [{}], day: { startHour: 6, endHour: 12 }, drainHours: 1,
        demand: { windowMin: 60 }, policy: { coordinatorCallS: 45, fifoBagSize: 3 } },
      orders: 10, couriers: 4, routing: 'haversine', wallMs: 1500, runs: [policyRun('jejaring', [30], hourly({}))],
    } as unknown as ScenarioRun;
    const files = { kpis: 'k.svg', clickToDoor: 'c.svg', utilisation: 'u.svg' };
    const id = reportMarkdown(run, files, 'id');
    expect(id).toContain('| Ukuran | `jejaring` |');
    expect(id).toContain('| tepat waktu (%) | 80 |');
    expect(id).toContain('| jam tiba yang diberitahukan: terlambat rata-rata / p90 (menit), ditepati, paling lambat 10 menit sesudahnya (%) | 1,5 / 8,2, 88,9 |');
    expect(id).toContain('| rasio penghasilan (armada), CV (kurir) | 1,25 / 18,4 % |');
    expect(id).toContain('| biaya kurir per pesanan | Rp 11.000 |');
    expect(id).toMatch(/## Istilah[\s\S]*\*\*rata-rata, p50, p90\*\*[\s\S]*\*\*rasio penghasilan\*\*[\s\S]*\*\*CV \(koefisien variasi\)\*\*/);
    const en = reportMarkdown(run, files, 'en');
    expect(en).toContain('| earnings ratio (fleets), CV (couriers) | 1.25 / 18.4 % |');
    expect(en).toContain('| hour told at acceptance: late mean / p90 (min), kept within 10 min (%) | 1.5 / 8.2, 88.9 |');
    expect(en).toMatch(/## Glossary[\s\S]*\*\*mean, p50, p90\*\*[\s\S]*\*\*earnings ratio\*\*[\s\S]*\*\*CV \(coefficient of variation\)\*\*/);
    expect(en).not.toMatch(/pesanan|menit/);
  });
});
