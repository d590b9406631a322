// The Li & Lim harness: rows and summary from a stand-in solver with hand-checkable distances, the CLI's JSON line
// and result files, and the engine's solver on two instances within 200 ms, every plan checked.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { benchLilim, run, type SolveFn } from '../../benchmarks/lilim.js';
import { checkSolution } from '../../engine/checker/index.js';
import type { ProblemInput, Solution } from '../../engine/model/problem-input.js';

/** Stand-in solver: the first orders each on their own vehicle (depot → pickup → delivery → depot), the rest unassigned. */
const onePerVehicle: SolveFn = (input) => {
  const count = Math.min(input.couriers.length, input.orders.length);
  const draft: Solution = {
    routes: input.orders.slice(0, count).map((order, k) => ({
      courierId: input.couriers[k].id,
      stops: [order.pickups[0], order.delivery].map((s, i) => ({ stopId: s.id, orderId: order.id, kind: i === 0 ? 'pickup' as const : 'delivery' as const, locationId: s.locationId, arrivalS: 0, serviceStartS: 0, departureS: 0, lateS: 0, loadAfter: [0] })),
      startS: 0, endS: 0, durationS: 0, distanceM: 0,
    })),
    unassigned: input.orders.slice(count).map((o) => ({ orderId: o.id, reason: 'no_courier' as const })),
    cost: { unassigned: 0, lateness: 0, fixed: 0, duration: 0, distance: 0, stability: 0, total: 0 },
  };
  const check = checkSolution(input, draft);
  return { solution: { ...draft, routes: check.recomputedRoutes, cost: check.cost }, stats: { operators: { relocate: { attempts: 3, improvements: 1 } } } };
};

function directDistance(input: ProblemInput, k: number): number {
  const n = input.locations.length;
  const index = (id: string) => input.locations.findIndex((l) => l.id === id);
  const p = index(input.orders[k].pickups[0].locationId);
  const d = index(input.orders[k].delivery.locationId);
  const m = input.matrix.distanceM;
  return m[0 * n + p] + m[p * n + d] + m[d * n + 0];
}

describe('benchLilim', () => {
  it('reports vehicles, distance and gaps from the checker, and sums operator stats', async () => {
    const { parseLilim } = await import('../../engine/instances/index.js');
    const input = parseLilim(readFileSync(new URL('../../fixtures/lilim/pdp_100/lc101.txt', import.meta.url), 'utf8'));
    const { rows, summary } = benchLilim({ set: 'pdp_100', instances: ['LC101', 'lc102'], timeMs: 50, seed: 1 }, onePerVehicle);
    expect(rows.map((r) => r.instance)).toEqual(['lc101', 'lc102']);
    const expected = Array.from({ length: 25 }, (_, k) => directDistance(input, k)).reduce((a, b) => a + b, 0);
    expect(rows[0]).toMatchObject({ orders: 53, vehicles: 25, bksVehicles: 10, bksDistance: 828.94, unassigned: 28, feasible: true });
    expect(rows[0].distance).toBeCloseTo(expected, 9);
    expect(rows[0].gapPct).toBeCloseTo((100 * (expected - 828.94)) / 828.94, 9);
    // Unassigned orders: not a solution of the instance, so neither feasible nor matched.
    expect(summary).toMatchObject({ instances: 2, feasible: 0, vehiclesMatched: 0, meanGapPct: null });
    expect(summary.operators).toEqual({ relocate: { attempts: 6, improvements: 2 } });
  });

  it('rejects an unknown instance name', () => {
    expect(() => benchLilim({ set: 'pdp_100', instances: ['nope'], timeMs: 50, seed: 1 }, onePerVehicle)).toThrow(/unknown instance/);
  });
});

describe('jejaring bench lilim', () => {
  afterEach(() => vi.restoreAllMocks());

  async function runCaptured(args: string[], solve?: SolveFn): Promise<{ code: number; lines: string[] }> {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    const code = await run(args, solve);
    vi.restoreAllMocks();
    return { code, lines: out.join('').trim().split('\n') };
  }

  it('prints the JSON summary as the last line and writes JSON and Markdown results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lilim-'));
    const { code, lines } = await runCaptured(['--instances', 'lc101', '--time-ms', '50', '--json', '--out', dir], onePerVehicle);
    expect(code).toBe(1);
    const summary = JSON.parse(lines[lines.length - 1]);
    expect(Object.keys(summary).slice(0, 5)).toEqual(['instances', 'feasible', 'vehiclesMatched', 'meanGapPct', 'medianTimeMs']);
    expect(summary.instances).toBe(1);
    expect(existsSync(join(dir, 'lilim-50ms.json'))).toBe(true);
    expect(readFileSync(join(dir, 'lilim-50ms.md'), 'utf8')).toContain('| lc101 | 53 | 25 | 10 |');
  });

  it('rejects a bad set', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['--set', 'pdp_999'], onePerVehicle)).toBe(2);
  });
});

describe('bench lilim with the engine solver', () => {
  afterEach(() => vi.restoreAllMocks());

  it('solves lc101 and lr101 within 200 ms each, every plan feasible per the checker', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    const dir = mkdtempSync(join(tmpdir(), 'lilim-'));
    const code = await run(['--instances', 'lc101,lr101', '--time-ms', '200', '--json', '--out', dir]);
    vi.restoreAllMocks();
    const lines = out.join('').trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]);
    expect(code).toBe(0);
    expect(summary).toMatchObject({ instances: 2, feasible: 2 });
    expect(typeof summary.vehiclesMatched).toBe('number');
    expect(typeof summary.medianTimeMs).toBe('number');
    expect(summary.meanGapPct === null || typeof summary.meanGapPct === 'number').toBe(true);
    expect(Object.keys(summary.operators).length).toBeGreaterThan(0);
  });
});

describe('bench lilim when the solver throws', () => {
  it('reports the instance as infeasible with the error and goes on', () => {
    const failing: SolveFn = () => { throw new Error('boom'); };
    const { rows, summary } = benchLilim({ set: 'pdp_100', instances: ['lc101', 'lc102'], timeMs: 10, seed: 1 }, failing);
    expect(rows.map((r) => [r.feasible, r.violations[0]])).toEqual([[false, 'solver_error: boom'], [false, 'solver_error: boom']]);
    expect(summary.feasible).toBe(0);
  });
});

describe('bench lilim bounded by iterations', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes maxIterations without a time limit and names the results by iterations', async () => {
    const seen: unknown[] = [];
    const recording: SolveFn = (input, options) => (seen.push(options), onePerVehicle(input, options));
    const dir = mkdtempSync(join(tmpdir(), 'lilim-'));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await run(['--instances', 'lc101', '--iterations', '40', '--seed', '3', '--out', dir], recording);
    expect(seen).toEqual([{ timeLimitMs: undefined, maxIterations: 40, seed: 3 }]);
    expect(readFileSync(join(dir, 'lilim-40it.md'), 'utf8')).toMatch(/^# Li & Lim pdp_100, 40 iterations per instance, seed 3/);
  });

  it('passes a CPU budget (--cpu-ms) without a wall limit and names the results by it', async () => {
    const seen: unknown[] = [];
    const recording: SolveFn = (input, options) => (seen.push(options), onePerVehicle(input, options));
    const dir = mkdtempSync(join(tmpdir(), 'lilim-'));
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    await run(['--instances', 'lc101', '--cpu-ms', '70', '--json', '--out', dir], recording);
    expect(seen).toEqual([{ timeLimitMs: undefined, cpuTimeLimitMs: 70, maxIterations: undefined, seed: 1 }]);
    const summary = JSON.parse(out.join('').trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ instances: 1, cpuMs: 70, timeMs: null, iterations: null });
    for (const field of ['feasible', 'vehiclesMatched', 'meanGapPct']) expect(summary).toHaveProperty(field);
    expect(readFileSync(join(dir, 'lilim-70cpums.md'), 'utf8')).toMatch(/^# Li & Lim pdp_100, 70 ms CPU per instance, seed 1/);
  });

  it('gives the same plan twice with the engine solver for a seed', async () => {
    const { solve } = await import('../../engine/solver/index.js');
    const once = () => benchLilim({ set: 'pdp_100', instances: ['lr104'], iterations: 30, seed: 7 }, solve).rows[0];
    const [a, b] = [once(), once()];
    expect(a.feasible).toBe(true);
    expect([b.vehicles, b.distance]).toEqual([a.vehicles, a.distance]);
  });
});
