// The ejection step places a left-out order by ejecting at most two orders left out less often, and keeps the plan valid.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLilim } from '../../../../engine/instances/index.js';
import { compileProblem } from '../../../../engine/model/compile.js';
import { EjectionScratch, ejectionStep } from '../../../../engine/solver/search/ejection.js';
import { minimiseFleet } from '../../../../engine/solver/search/fleet-minimisation.js';
import { SEARCH_DEFAULTS } from '../../../../engine/solver/search/search-params.js';
import type { OperatorStats } from '../../../../engine/solver/search/stats.js';
import { SearchContext } from '../../../../engine/solver/search-context.js';
import { SolutionState } from '../../../../engine/solver/solution-state.js';
import { expectCheckerAccepts, recomputedTotal, regretPlan, snapshot } from '../spec-helpers.js';

/** A Li & Lim pdp_100 instance with a regret-insertion plan. */
function lilimPlan(instance: string, seed: number) {
  const p = compileProblem(parseLilim(readFileSync(new URL(`../../../../fixtures/lilim/pdp_100/${instance}.txt`, import.meta.url), 'utf8')));
  const { ctx, s } = regretPlan(p, seed);
  return { p, ctx, s };
}

/** Empties the shortest used route of `s`, leaving its orders unassigned; returns how many. */
function emptyShortestRoute(ctx: SearchContext, s: SolutionState): number {
  const p = ctx.p;
  let c = -1;
  for (const r of s.routes) if (r.len > 0 && (c < 0 || r.len < s.routes[c].len)) c = r.courier;
  const orders: number[] = [];
  for (let k = 0; k < s.routes[c].len; k++) {
    const st = s.routes[c].stops[k];
    if (st === p.orderFirstStop[p.stopOrder[st]]) orders.push(p.stopOrder[st]);
  }
  s.removeOrders(orders, orders.length, ctx.mark);
  return orders.length;
}

describe('ejectionStep', () => {
  it('lowers the absence sum of the left-out orders, opens no route and keeps every route valid', () => {
    const { p, ctx, s } = lilimPlan('lr101', 1);
    const used = s.usedRoutes() - 1;
    const left = emptyShortestRoute(ctx, s);
    const absence = new Float64Array(p.orderCount);
    const sc = new EjectionScratch(p.stopCount, p.orderCount, p.dims);
    let changed = 0;
    for (let step = 0; step < 300; step++) {
      // As in fleet minimisation: every left-out order counts once more after each step.
      const sumBefore = absenceSum(s, absence);
      const unassignedBefore = s.unassignedCount();
      const before = snapshot(s);
      if (ejectionStep(ctx, s, absence, sc)) {
        changed++;
        expect(snapshot(s)).not.toBe(before);
        // Either an order went in without ejecting any, or the ejected ones were left out less often.
        expect(s.unassignedCount() < unassignedBefore || absenceSum(s, absence) < sumBefore).toBe(true);
      } else {
        expect(snapshot(s)).toBe(before);
      }
      expect(s.usedRoutes()).toBeLessThanOrEqual(used);
      expect(s.routesFeasible()).toBe(true);
      expect(s.totalCost()).toBeCloseTo(recomputedTotal(p, s), 6);
      for (let o = 0; o < p.orderCount; o++) if (s.orderRoute[o] < 0) absence[o]++;
    }
    expect(changed).toBeGreaterThan(0);
    expect(left).toBeGreaterThan(0);
    expectCheckerAccepts(ctx, s);
  });

  it('leaves fleet minimisation reproducible for a seed and its plans complete and valid', () => {
    const run = () => {
      const { p, ctx, s } = lilimPlan('lr109', 3);
      const before = s.usedRoutes();
      const stats: Record<string, OperatorStats> = {};
      minimiseFleet(ctx, s, { deadlineMs: Infinity, maxIterations: 1500, now: () => performance.now(), blinkRate: 0.01, sisr: SEARCH_DEFAULTS, triesAfterSuccess: Infinity, ejectionRate: 0.5 }, stats);
      expect(s.usedRoutes()).toBeLessThan(before);
      expect(s.unassignedCount()).toBe(0);
      expect(s.totalCost()).toBeCloseTo(recomputedTotal(p, s), 6);
      expect(stats['fleet-ejection'].attempts).toBeGreaterThan(0);
      expectCheckerAccepts(ctx, s);
      return snapshot(s);
    };
    expect(run()).toBe(run());
  });
});

function absenceSum(s: SolutionState, absence: Float64Array): number {
  let a = 0;
  for (let o = 0; o < s.orderRoute.length; o++) if (s.orderRoute[o] < 0) a += absence[o];
  return a;
}
