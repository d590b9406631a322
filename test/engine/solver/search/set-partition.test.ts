// Set partitioning over a route pool: the known optimum of hand-made pools, the column cap, the incumbent kept,
// agreement with brute force, and a recombined Li & Lim plan the checker accepts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLilim } from '../../../../engine/instances/index.js';
import { compileProblem } from '../../../../engine/model/compile.js';
import { Prng } from '../../../../engine/random/prng.js';
import { regretInsertion } from '../../../../engine/solver/construct/regret-insertion.js';
import { anneal } from '../../../../engine/solver/search/annealing.js';
import { coverPrices } from '../../../../engine/solver/search/cover-prices.js';
import { poolApplies, RoutePool } from '../../../../engine/solver/search/route-pool.js';
import { SEARCH_DEFAULTS } from '../../../../engine/solver/search/search-params.js';
import { solveSetPartition, type SetPartitionColumn } from '../../../../engine/solver/search/set-partition.js';
import type { OperatorStats } from '../../../../engine/solver/search/stats.js';
import { SearchContext } from '../../../../engine/solver/search-context.js';
import { SolutionState } from '../../../../engine/solver/solution-state.js';
import { randomProblem } from '../random-problem.js';
import { expectCheckerAccepts } from '../spec-helpers.js';

const col = (orders: number[], cost: number): SetPartitionColumn => ({ orders: Int32Array.from(orders), cost });
const all = (n: number) => new Uint8Array(n).fill(1);

// Six orders. The incumbent {0,1,2}+{3,4,5} costs 20; {0,1}+{2,3}+{4,5} costs 15 with three columns;
// {0,3}+{1,2,4,5} costs 18 with two.
const POOL = [col([0, 1, 2], 10), col([3, 4, 5], 10), col([0, 1], 5), col([2, 3], 5), col([4, 5], 5), col([0, 3], 9), col([1, 2, 4, 5], 9), col([0, 1, 2, 3], 30)];

describe('solveSetPartition', () => {
  it('finds the known optimum of a hand-made pool', () => {
    const r = solveSetPartition({ required: all(6), columns: POOL, maxColumns: 3, incumbent: [0, 1], nodeLimit: 1000 });
    expect(r.cost).toBe(15);
    expect([...r.columns].sort()).toEqual([2, 3, 4]);
    expect(r.complete).toBe(true);
    expect(r.lowerBound).toBeLessThanOrEqual(15 + 1e-9);
  });

  it('respects the column cap', () => {
    const r = solveSetPartition({ required: all(6), columns: POOL, maxColumns: 2, incumbent: [0, 1], nodeLimit: 1000 });
    expect(r.cost).toBe(18);
    expect([...r.columns].sort()).toEqual([5, 6]);
    expect(r.columns.length).toBeLessThanOrEqual(2);
  });

  it('returns the incumbent when nothing cheaper exists', () => {
    const pool = [col([0, 1, 2], 10), col([3, 4, 5], 10), col([0, 1], 8), col([2, 3], 8), col([4, 5], 8), col([0, 3], 12), col([1, 2, 4, 5], 12)];
    const r = solveSetPartition({ required: all(6), columns: pool, maxColumns: 3, incumbent: [0, 1], nodeLimit: 1000 });
    expect(r.cost).toBe(20);
    expect(r.columns).toEqual([0, 1]);
    expect(r.complete).toBe(true);
  });

  it('with a cost every column pays, looks for less of the rest within the cap', () => {
    const fixed = 100;
    const pool = POOL.map((c) => col(Array.from(c.orders), c.cost + fixed));
    // Within two columns: {0,3}+{1,2,4,5} (18 besides the fixed part, 20 for the incumbent).
    const r = solveSetPartition({ required: all(6), columns: pool, maxColumns: 2, incumbent: [0, 1], nodeLimit: 1000, perColumn: fixed });
    expect([...r.columns].sort()).toEqual([5, 6]);
    expect(r.cost).toBe(218);
  });

  it('agrees with brute force on random pools, and its LP bound is below the optimum', () => {
    const rng = new Prng(7);
    for (let trial = 0; trial < 40; trial++) {
      const n = 6 + rng.int(5);
      const columns: SetPartitionColumn[] = [];
      // An incumbent: singletons, expensive.
      for (let o = 0; o < n; o++) columns.push(col([o], 10 + rng.int(10)));
      for (let k = 0; k < 25; k++) {
        const orders = new Set<number>();
        const size = 2 + rng.int(3);
        while (orders.size < size) orders.add(rng.int(n));
        columns.push(col([...orders].sort((a, b) => a - b), 5 + rng.int(30)));
      }
      const maxColumns = n;
      const r = solveSetPartition({ required: all(n), columns, maxColumns, incumbent: columns.slice(0, n).map((_, i) => i), nodeLimit: 1e6 });
      const best = bruteForce(n, columns, maxColumns);
      expect(r.complete).toBe(true);
      expect(r.cost).toBeCloseTo(best, 9);
      expect(r.lowerBound).toBeLessThanOrEqual(best + 1e-6);
      // The chosen columns are a partition.
      const seen = new Uint8Array(n);
      for (const k of r.columns) for (const o of columns[k].orders) seen[o]++;
      expect(Array.from(seen)).toEqual(new Array(n).fill(1));
    }
  });

  it('prices a pool by its LP: the bound of the hand-made pool is the fractional optimum', () => {
    // {0,1,2}, {3,4,5} at 10 each and every pair {o, o+3} at 4: the LP may not go below 12 (three pairs).
    const pool = [col([0, 1, 2], 10), col([3, 4, 5], 10), col([0, 3], 4), col([1, 4], 4), col([2, 5], 4)];
    const lp = coverPrices({ required: all(6), ordersOf: pool.map((c) => c.orders), cost: Float64Array.from(pool, (c) => c.cost), start: [0, 1] }, 3, 100);
    expect(lp.optimal).toBe(true);
    expect(lp.bound).toBeCloseTo(12, 9);
  });
});

function bruteForce(n: number, columns: readonly SetPartitionColumn[], maxColumns: number): number {
  let best = Infinity;
  const covered = new Uint8Array(n);
  const go = (used: number, cost: number): void => {
    let o = 0;
    while (o < n && covered[o]) o++;
    if (o === n) {
      best = Math.min(best, cost);
      return;
    }
    if (used === maxColumns) return;
    for (let k = 0; k < columns.length; k++) {
      const orders = columns[k].orders;
      if (!orders.includes(o) || orders.some((q) => covered[q])) continue;
      for (const q of orders) covered[q] = 1;
      go(used + 1, cost + columns[k].cost);
      for (const q of orders) covered[q] = 0;
    }
  };
  go(0, 0);
  return best;
}

describe('RoutePool', () => {
  it('applies only where a route means the same on every courier', () => {
    expect(poolApplies(compileProblem(randomProblem(1, { couriers: 3 })))).toBe(false);
    const input = parseLilim(readFileSync(new URL('../../../../fixtures/lilim/pdp_100/lr109.txt', import.meta.url), 'utf8'));
    expect(poolApplies(compileProblem(input))).toBe(true);
  });

  it('recombines routes of two annealing runs into a plan no dearer than either, which the checker accepts', () => {
    const input = parseLilim(readFileSync(new URL('../../../../fixtures/lilim/pdp_100/lr109.txt', import.meta.url), 'utf8'));
    const p = compileProblem(input);
    const pool = new RoutePool(p);
    const ctx = new SearchContext(p, 3);
    const stats: Record<string, OperatorStats> = {};
    const bests: SolutionState[] = [];
    for (const seed of [1, 2]) {
      const current = new SolutionState(p);
      regretInsertion(ctx, current);
      const best = new SolutionState(p);
      anneal(new SearchContext(p, seed), current, best, {
        deadlineMs: Infinity, maxIterations: 1500, now: () => 0, blinkRate: SEARCH_DEFAULTS.blinkRate, startTemperature: 1, endTemperature: 0.01,
        eliminationRate: 0.02, sisr: SEARCH_DEFAULTS, schedule: { startMs: 0, totalMs: 1, totalIterations: 1500, iterationsBefore: 0 }, pool,
      }, stats, 0);
      bests.push(best);
    }
    expect(pool.routes.length).toBeGreaterThan(20);
    const [a, b] = bests[0].totalCost() <= bests[1].totalCost() ? bests : [bests[1], bests[0]];
    const into = new SolutionState(p);
    const run = pool.recombine(a, into, 100_000, () => false);
    const result = run.improved ? into : a;
    expect(result.totalCost()).toBeLessThanOrEqual(Math.min(a.totalCost(), b.totalCost()) + 1e-6);
    expect(result.usedRoutes()).toBeLessThanOrEqual(a.usedRoutes());
    expect(result.unassignedCount()).toBe(0);
    expectCheckerAccepts(ctx, result);
  });
});
