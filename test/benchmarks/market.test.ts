// The market harness: measures a stand-in plan through the checker, reports unassigned reasons, JSON line and files.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SolveFn } from '../../benchmarks/lilim.js';
import { measureBatch, run } from '../../benchmarks/market.js';
import { checkSolution } from '../../engine/checker/index.js';
import { generateMarketBatch } from '../../engine/instances/index.js';
import type { Solution } from '../../engine/model/problem-input.js';

/** Stand-in: order-01 alone on the first pangkalan courier, every other order unassigned as `no_courier`. */
const firstOrderOnly: SolveFn = (input) => {
  const order = input.orders[0];
  const stops = [...order.pickups.map((p) => ({ ...p, kind: 'pickup' as const })), { ...order.delivery, kind: 'delivery' as const }];
  const draft: Solution = {
    routes: [{ courierId: input.couriers[0].id, stops: stops.map((s) => ({ stopId: s.id, orderId: order.id, kind: s.kind, locationId: s.locationId, arrivalS: 0, serviceStartS: 0, departureS: 0, lateS: 0, loadAfter: [0, 0] })), startS: 0, endS: 0, durationS: 0, distanceM: 0 }],
    unassigned: input.orders.slice(1).map((o) => ({ orderId: o.id, reason: 'no_courier' as const })),
    cost: { unassigned: 0, lateness: 0, fixed: 0, duration: 0, distance: 0, stability: 0, total: 0 },
  };
  const check = checkSolution(input, draft);
  return { solution: { ...draft, routes: check.recomputedRoutes, cost: check.cost } };
};

describe('bench market', () => {
  afterEach(() => vi.restoreAllMocks());

  it('measures couriers, reasons, duration and time in bag from the checked plan', () => {
    const batch = generateMarketBatch({ seed: 1 });
    const row = measureBatch('haversine', 'sequenced', batch, firstOrderOnly, { timeMs: 10 });
    const route = checkSolution(batch.problem, firstOrderOnly(batch.problem, { timeLimitMs: 10, seed: 1 }).solution).recomputedRoutes[0];
    const stops = route.stops;
    expect(row).toMatchObject({ orders: 40, couriersUsed: 1, pangkalanUsed: 1, ojolUsed: 0, unassigned: { no_courier: 39 }, stops: stops.length, feasible: true });
    expect(row.totalDurationS).toBe(route.endS - route.startS);
    expect(row.meanInBagS).toBe(stops[stops.length - 1].serviceStartS - stops[0].serviceStartS);
  });

  it('times a plan made without the markets under the real rules: walked stalls, one parking', () => {
    const batch = generateMarketBatch({ seed: 1 });
    expect(batch.problem.orders[0].pickups.length).toBeGreaterThan(1);
    const row = measureBatch('haversine', 'fixed-groups', batch, firstOrderOnly, { timeMs: 10 });
    const { markets: _markets, ...ridden } = batch.problem;
    const plan = firstOrderOnly(ridden, { timeLimitMs: 10, seed: 1 }).solution;
    const real = checkSolution(batch.problem, plan).recomputedRoutes[0];
    const planned = checkSolution(ridden, plan).recomputedRoutes[0];
    // The stalls are timed differently (the route's end may not be: the delivery window can absorb it).
    const k = batch.problem.orders[0].pickups.length;
    expect(real.stops[k - 1].departureS).not.toBe(planned.stops[k - 1].departureS);
    expect(row.totalDurationS).toBe(real.durationS);
    expect(row.minutesPerOrder).toBeCloseTo(real.durationS / 60, 9);
    expect(row.plannedMinutesPerOrder).toBeCloseTo(planned.durationS / 60, 9);
    // A pangkalan courier starts at the market's base, in the market: from there through the order's stalls every
    // leg is walked, the ride to the home is not.
    const stops = real.stops;
    expect(batch.problem.couriers[0].startLocationId).toBe('market');
    let walkedS = stops[0].arrivalS - real.startS;
    for (let q = 1; q < k; q++) if (stops[q].locationId !== stops[q - 1].locationId) walkedS += stops[q].arrivalS - stops[q - 1].departureS;
    expect(walkedS).toBeGreaterThan(0);
    expect(row.walkingMinutesPerOrder).toBeCloseTo(walkedS / 60, 9);
    expect(row.feasible).toBe(true);
    expect(row.lateStops).toBe(stops.filter((s) => s.lateS > 0).length);
  });

  it('passes an iteration budget alone to the solver (reproducible runs)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'market-'));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const seen: unknown[] = [];
    const code = await run(['--seeds', '1', '--no-roads', '--out', dir, '--iterations', '50'], (input, options) => (seen.push([options.maxIterations, options.cpuTimeLimitMs, options.timeLimitMs]), firstOrderOnly(input, options)));
    expect(code).toBe(0);
    expect(seen).toEqual([[50, undefined, undefined], [50, undefined, undefined], [50, undefined, undefined]]);
    expect(readFileSync(join(dir, 'market.md'), 'utf8')).toContain('# Pasar batches, 50 iterations per batch and variant');
    expect(await run(['--iterations', '0', '--no-roads', '--out', dir], firstOrderOnly)).toBe(2);
  });

  it('prints a JSON summary line and writes market.json and market.md', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'market-'));
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const seen: unknown[] = [];
    const code = await run(['--seeds', '1,2', '--no-roads', '--json', '--out', dir, '--cpu-ms', '10'], (input, options) => (seen.push([Boolean(input.markets), options.search, options.cpuTimeLimitMs]), firstOrderOnly(input, options)));
    vi.restoreAllMocks();
    expect(code).toBe(0);
    // Side by side per batch: ridden stalls in fixed groups, walked stalls in fixed groups, walked and sequenced.
    expect(seen.slice(0, 3)).toEqual([[false, { stallSequencing: false }, 10], [true, { stallSequencing: false }, 10], [true, { stallSequencing: true }, 10]]);
    const lines = out.join('').trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]);
    expect(summary).toMatchObject({ batches: 6, feasible: 6, orders: 240, ordersServed: 6, roads: false });
    expect(Object.keys(summary.plannedMinutesPerOrder)).toEqual(['fixed-groups', 'walking', 'sequenced']);
    expect(summary.brokenInReality).toMatchObject({ walking: 0, sequenced: 0 });
    const md = readFileSync(join(dir, 'market.md'), 'utf8');
    for (const variant of ['fixed-groups', 'walking', 'sequenced']) expect(md).toContain(`| haversine | 2 | ${variant} | 40 |`);
    expect(JSON.parse(readFileSync(join(dir, 'market.json'), 'utf8')).rows).toHaveLength(6);
  });
});
