// The distance race's other starts: the vehicle removal redone from the plan before it gives other complete, valid
// plans with as many routes, and a removal that cannot get there within its cap is dropped.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLilim } from '../../../../engine/instances/index.js';
import { compileProblem } from '../../../../engine/model/compile.js';
import { placeLockedOrders, regretInsertion } from '../../../../engine/solver/construct/regret-insertion.js';
import { minimiseFleet, type FleetOptions } from '../../../../engine/solver/search/fleet-minimisation.js';
import { removalStarts } from '../../../../engine/solver/search/removal-starts.js';
import { SEARCH_DEFAULTS } from '../../../../engine/solver/search/search-params.js';
import type { OperatorStats } from '../../../../engine/solver/search/stats.js';
import { SearchContext } from '../../../../engine/solver/search-context.js';
import { SolutionState } from '../../../../engine/solver/solution-state.js';
import { expectCheckerAccepts } from '../spec-helpers.js';

const FLEET: FleetOptions = { deadlineMs: Infinity, maxIterations: 200_000, now: () => 0, blinkRate: 0.01, sisr: SEARCH_DEFAULTS, triesAfterSuccess: 0, removeByDistance: true };

/** Li & Lim lr109: a regret-insertion plan and the plan one removal makes of it. */
function removedOnce(): { ctx: SearchContext; before: SolutionState; after: SolutionState } {
  const p = compileProblem(parseLilim(readFileSync(new URL('../../../../fixtures/lilim/pdp_100/lr109.txt', import.meta.url), 'utf8')));
  const ctx = new SearchContext(p, 1);
  const before = new SolutionState(p);
  placeLockedOrders(ctx, before);
  regretInsertion(ctx, before);
  const after = new SolutionState(p);
  after.copyFrom(before);
  minimiseFleet(ctx, after, FLEET, {});
  return { ctx, before, after };
}

describe('removalStarts', () => {
  it('redoes the removal into other complete plans with as many routes', () => {
    const { ctx, before, after } = removedOnce();
    const routes = after.usedRoutes();
    expect(routes).toBeLessThan(before.usedRoutes());
    const stats: Record<string, OperatorStats> = {};
    const { starts, iterations } = removalStarts(ctx, before, { count: 2, routes, fleet: FLEET, capMs: Infinity, capIterations: 50_000, deadlineMs: Infinity, maxIterations: 1e9 }, stats);
    expect(starts).toHaveLength(2);
    expect(iterations).toBeGreaterThan(0);
    expect(stats['race-starts']).toMatchObject({ attempts: 2, accepted: 2 });
    // The removals' own rounds are not counted as the fleet phase's.
    expect(stats['fleet-sisr']).toBeUndefined();
    const plans = [after, ...starts].map((s) => Array.from(s.orderRoute).join());
    for (const s of starts) {
      expect(s.usedRoutes()).toBeLessThanOrEqual(routes);
      expect(s.unassignedCount()).toBe(0);
      expectCheckerAccepts(ctx, s);
    }
    // Other basins: no two of the three plans put every order on the same route.
    expect(new Set(plans).size).toBe(3);
  });

  it('drops a removal that does not reach the route count within its cap, and stops at the budget', () => {
    const { ctx, before, after } = removedOnce();
    const stats: Record<string, OperatorStats> = {};
    const short = removalStarts(ctx, before, { count: 2, routes: after.usedRoutes(), fleet: FLEET, capMs: Infinity, capIterations: 1, deadlineMs: Infinity, maxIterations: 1e9 }, stats);
    expect(short.starts).toHaveLength(0);
    expect(short.iterations).toBeLessThanOrEqual(2);
    expect(stats['race-starts']).toMatchObject({ attempts: 2, accepted: 0 });
    const none = removalStarts(ctx, before, { count: 2, routes: after.usedRoutes(), fleet: FLEET, capMs: Infinity, capIterations: 50_000, deadlineMs: Infinity, maxIterations: 0 }, {});
    expect(none).toEqual({ starts: [], iterations: 0 });
  });
});
