// Fleet minimisation empties routes of a complete plan and keeps it complete and valid.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLilim } from '../../../../engine/instances/index.js';
import { compileProblem, type CompiledProblem } from '../../../../engine/model/compile.js';
import { regretInsertion } from '../../../../engine/solver/construct/regret-insertion.js';
import { fleetIsHierarchical, minimiseFleet } from '../../../../engine/solver/search/fleet-minimisation.js';
import { SEARCH_DEFAULTS } from '../../../../engine/solver/search/search-params.js';
import { SearchContext } from '../../../../engine/solver/search-context.js';
import { SolutionState } from '../../../../engine/solver/solution-state.js';
import { randomProblem } from '../random-problem.js';
import { expectCheckerAccepts, recomputedTotal, regretPlan } from '../spec-helpers.js';

/** Li & Lim lr109 with a regret-insertion plan (seed 1). */
function lr109RegretPlan(): { p: CompiledProblem; ctx: SearchContext; s: SolutionState } {
  const p = compileProblem(parseLilim(readFileSync(new URL('../../../../fixtures/lilim/pdp_100/lr109.txt', import.meta.url), 'utf8')));
  const { ctx, s } = regretPlan(p, 1);
  return { p, ctx, s };
}

describe('minimiseFleet', () => {
  it('removes routes from a regret-insertion plan of Li & Lim lr109 and keeps every order', () => {
    const { p, ctx, s } = lr109RegretPlan();
    expect(fleetIsHierarchical(ctx, s)).toBe(true);
    const before = s.usedRoutes();
    const stats = {};
    minimiseFleet(ctx, s, { deadlineMs: Infinity, maxIterations: 1500, now: () => performance.now(), blinkRate: 0.01, sisr: SEARCH_DEFAULTS, triesAfterSuccess: Infinity }, stats);
    expect(s.usedRoutes()).toBeLessThan(before);
    expect(s.unassignedCount()).toBe(0);
    expect(s.totalCost()).toBeCloseTo(recomputedTotal(p, s), 6);
    expectCheckerAccepts(ctx, s);
  });

  it('removes routes chosen by the distance cost of re-inserting their orders, and keeps every order', () => {
    const { p, ctx, s } = lr109RegretPlan();
    const before = s.usedRoutes();
    minimiseFleet(ctx, s, { deadlineMs: Infinity, maxIterations: 1500, now: () => performance.now(), blinkRate: 0.01, sisr: SEARCH_DEFAULTS, triesAfterSuccess: Infinity, removeByDistance: true }, {});
    expect(s.usedRoutes()).toBeLessThan(before);
    expect(s.unassignedCount()).toBe(0);
    expect(s.totalCost()).toBeCloseTo(recomputedTotal(p, s), 6);
    expectCheckerAccepts(ctx, s);
  });

  it('stops once the plan uses the target number of routes', () => {
    const { ctx, s } = lr109RegretPlan();
    const before = s.usedRoutes();
    const iterations = minimiseFleet(ctx, s, { deadlineMs: Infinity, maxIterations: 200_000, now: () => performance.now(), blinkRate: 0.01, sisr: SEARCH_DEFAULTS, triesAfterSuccess: Infinity, targetRoutes: before - 1 }, {});
    // No bound on failed tries: only the target ends the phase before the iteration bound.
    expect(s.usedRoutes()).toBe(before - 1);
    expect(iterations).toBeLessThan(200_000);
    expect(s.unassignedCount()).toBe(0);
    expectCheckerAccepts(ctx, s);
  });

  it('hands its budget back after a vehicle has gone and the next attempts fail', () => {
    const { ctx, s } = lr109RegretPlan();
    const before = s.usedRoutes();
    const iterations = minimiseFleet(ctx, s, { deadlineMs: Infinity, maxIterations: 200_000, now: () => performance.now(), blinkRate: 0.01, sisr: SEARCH_DEFAULTS, triesAfterSuccess: 0 }, {});
    // One success, then the first failed attempt ends the phase long before the iteration bound.
    expect(s.usedRoutes()).toBeLessThan(before);
    expect(iterations).toBeLessThan(200_000);
    expectCheckerAccepts(ctx, s);
  });

  it('hands its budget back once the iterations allowed after a vehicle has gone are spent', () => {
    const { ctx, s } = lr109RegretPlan();
    const before = s.usedRoutes();
    const iterations = minimiseFleet(ctx, s, { deadlineMs: Infinity, maxIterations: 200_000, now: () => performance.now(), blinkRate: 0.01, sisr: SEARCH_DEFAULTS, triesAfterSuccess: Infinity, afterSuccessIterations: 50 }, {});
    expect(s.usedRoutes()).toBeLessThan(before);
    // With no bound on failed tries, only the 50 iterations after the last success end it before the iteration bound.
    expect(iterations).toBeLessThan(200_000);
    expectCheckerAccepts(ctx, s);
  });

  it('stays out of the way when vehicles do not dominate the objective', () => {
    const p = compileProblem(randomProblem(1, { orders: 8, couriers: 3 }));
    const ctx = new SearchContext(p, 1);
    const s = new SolutionState(p);
    regretInsertion(ctx, s);
    expect(fleetIsHierarchical(ctx, s)).toBe(false);
  });
});
