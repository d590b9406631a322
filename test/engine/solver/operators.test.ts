// One spec for every operator in the list: evaluate() leaves the state alone, and its predicted change equals the
// change recomputed from scratch after apply(), on tiny hand-built routes and on random small instances.
import { afterAll, describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { newMove, OPERATORS, type OrderOperator } from '../../../engine/solver/operators/index.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { randomProblem, type RandomProblemOptions } from './random-problem.js';
import { expectCheckerAccepts, recomputedTotal, regretPlan, snapshot } from './spec-helpers.js';

/** Five places on a line, 1 km apart: market M at 0, homes at 1..4 km. 100 s per km. */
function lineProblem(): ProblemInput {
  const xs = [0, 1000, 2000, 3000, 4000];
  const n = xs.length;
  const distanceM = xs.flatMap((a) => xs.map((b) => Math.abs(a - b)));
  return {
    loadDimensions: ['weightKg'],
    locations: xs.map((_, i) => ({ id: i === 0 ? 'M' : `H${i}` })),
    matrix: { distanceM, durationS: distanceM.map((d) => d / 10) },
    setupS: 60,
    orders: [1, 2, 3, 4].map((h) => ({
      id: `o${h}`, pickups: [{ id: `o${h}p`, locationId: 'M', serviceS: 30, load: [2] }],
      delivery: { id: `o${h}d`, locationId: `H${h}`, serviceS: 60, codRp: 0 },
    })),
    couriers: ['a', 'b'].map((id) => ({ id, fleet: 'pangkalan' as const, startLocationId: 'M', endLocationId: 'M', startS: 0, shift: { earliestS: 0, latestS: 36000 }, capacity: [10], fixedCost: 1000 })),
  };
  void n;
}

/** Applies every improving-or-not finite move the operator proposes, checking the spec at each step. */
function runSpec(op: OrderOperator, ctx: SearchContext, s: SolutionState, rounds: number): number {
  const move = newMove();
  let checked = 0;
  for (let round = 0; round < rounds; round++) {
    for (let o = 0; o < ctx.p.orderCount; o++) {
      const before = s.totalCost();
      expect(recomputedTotal(ctx.p, s)).toBeCloseTo(before, 6);
      const snap = snapshot(s);
      const delta = op.evaluate(ctx, s, o, move);
      expect(snapshot(s)).toBe(snap);
      if (!Number.isFinite(delta)) continue;
      op.apply(ctx, s, move);
      checked++;
      const after = recomputedTotal(ctx.p, s);
      expect(after).toBeCloseTo(before + delta, 6);
      expect(s.totalCost()).toBeCloseTo(after, 6);
      expectCheckerAccepts(ctx, s);
    }
  }
  return checked;
}

const VARIANTS: [string, RandomProblemOptions][] = [
  ['loose windows', {}],
  ['tight windows', { windowS: 900 }],
  ['time in bag', { maxInBagS: 2400 }],
  ['soft windows', { windowS: 600, softTimeWindows: true }],
  ['fixed costs', { fixedCost: 5000, couriers: 4 }],
  ['market, shared stalls', { market: true, maxPickups: 3 }],
  ['click-to-door and told hours', { serviceTerms: true, softTimeWindows: true, windowS: 1800 }],
];

describe.each(OPERATORS.map((op) => [op.name, op] as const))('operator %s', (_name, op) => {
  let applied = 0;
  afterAll(() => {
    // Every operator must have been exercised by the random instances (not only predicted Infinity).
    expect(applied).toBeGreaterThan(0);
  });

  it('prices moves exactly on a hand-built line market', () => {
    const p = compileProblem(lineProblem());
    const ctx = new SearchContext(p, 1);
    const s = new SolutionState(p);
    // Route a: o1, o3 (far apart); route b: o2, o4, each group in a poor order.
    s.insertOrder(0, 0, 0, 0);
    s.insertOrder(2, 0, 0, 0);
    s.insertOrder(1, 1, 0, 0);
    s.insertOrder(3, 1, 2, 2);
    expectCheckerAccepts(ctx, s);
    runSpec(op, ctx, s, 2);
  });

  it.each(VARIANTS)('prices moves exactly on random instances (%s)', (_label, opts) => {
    for (let seed = 1; seed <= 6; seed++) {
      const p = compileProblem(randomProblem(seed, { orders: 9, couriers: 3, ...opts }));
      const { ctx, s } = regretPlan(p, seed);
      expectCheckerAccepts(ctx, s);
      applied += runSpec(op, ctx, s, 1);
    }
  });
});

describe('operators on the line market', () => {
  it('resequence finds the better order of a route and its predicted gain is the real one', () => {
    const p = compileProblem(lineProblem());
    const ctx = new SearchContext(p, 1);
    const s = new SolutionState(p);
    // M → H1 → back to M for o4's goods → H4 → M (10 km); fetching both at once, M → H1 → H4 → M, rides 8 km.
    s.insertOrder(0, 0, 0, 0);
    s.insertOrder(3, 0, 2, 2);
    const op = OPERATORS.find((o) => o.name === 'resequence')!;
    const move = newMove();
    const before = recomputedTotal(p, s);
    const delta = op.evaluate(ctx, s, 3, move);
    expect(delta).toBeLessThan(0);
    op.apply(ctx, s, move);
    expect(recomputedTotal(p, s)).toBeCloseTo(before + delta, 6);
    expectCheckerAccepts(ctx, s);
  });

  it('route elimination empties a route when the other one can take its orders', () => {
    const p = compileProblem(lineProblem());
    const ctx = new SearchContext(p, 1);
    const s = new SolutionState(p);
    s.insertOrder(0, 0, 0, 0);
    s.insertOrder(1, 1, 0, 0);
    const op = OPERATORS.find((o) => o.name === 'route-elimination')!;
    const move = newMove();
    const delta = op.evaluate(ctx, s, 1, move);
    expect(delta).toBeLessThan(0);
    op.apply(ctx, s, move);
    expect(s.usedRoutes()).toBe(1);
    expectCheckerAccepts(ctx, s);
  });
});

describe('segment and tail moves on the line market', () => {
  it('or-opt moves a delivery to where the route passes anyway', () => {
    const p = compileProblem(lineProblem());
    const ctx = new SearchContext(p, 1);
    const s = new SolutionState(p);
    // o1 out to H1 and back to M for o4's pickup, then out to H4 (10 km); picking o4 up first saves 2 km.
    s.setRoute(0, Int32Array.from([0, 1, 6, 7]), 4);
    const op = OPERATORS.find((o) => o.name === 'or-opt')!;
    const move = newMove();
    const before = s.totalCost();
    const delta = op.evaluate(ctx, s, 3, move);
    expect(delta).toBeLessThan(0);
    op.apply(ctx, s, move);
    expect(s.totalCost()).toBeCloseTo(before + delta, 9);
    expect(s.routes[0].distanceM).toBe(8000);
    expectCheckerAccepts(ctx, s);
  });

  it('2-opt* exchanges route tails so each courier serves one side', () => {
    const p = compileProblem(lineProblem());
    const ctx = new SearchContext(p, 1);
    const s = new SolutionState(p);
    // a: o1 then o4; b: o2 then o3. Swapping the tails after o1 and o2 gives a: o1, o3 and b: o2, o4 or better.
    s.setRoute(0, Int32Array.from([0, 1, 6, 7]), 4);
    s.setRoute(1, Int32Array.from([2, 3, 4, 5]), 4);
    const op = OPERATORS.find((o) => o.name === '2-opt*')!;
    const move = newMove();
    const before = s.totalCost();
    let best = Infinity;
    for (let o = 0; o < 4 && best === Infinity; o++) {
      const delta = op.evaluate(ctx, s, o, move);
      if (delta < 0) best = delta;
    }
    expect(best).toBeLessThan(0);
    op.apply(ctx, s, move);
    expect(s.totalCost()).toBeCloseTo(before + best, 9);
    expectCheckerAccepts(ctx, s);
  });

  it('route elimination applies the re-insertions kept in its move, whatever ran in between', () => {
    const p = compileProblem(lineProblem());
    const ctx = new SearchContext(p, 1);
    const s = new SolutionState(p);
    s.insertOrder(0, 0, 0, 0);
    s.insertOrder(1, 1, 0, 0);
    s.insertOrder(2, 1, 2, 2);
    const op = OPERATORS.find((o) => o.name === 'route-elimination')!;
    const move = newMove();
    const before = s.totalCost();
    const delta = op.evaluate(ctx, s, 0, move);
    expect(delta).toBeLessThan(0);
    // Another evaluation overwrites the operator's scratch plan; the move alone must drive apply().
    op.evaluate(ctx, s, 1, newMove());
    op.apply(ctx, s, move);
    expect(s.usedRoutes()).toBe(1);
    expect(s.totalCost()).toBeCloseTo(before + delta, 9);
    expectCheckerAccepts(ctx, s);
  });
});
