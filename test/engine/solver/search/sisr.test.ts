// SISR ruin and recreate: strings remove whole free orders near a seed; recreate puts every order back when it fits.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../../engine/model/compile.js';
import { regretInsertion } from '../../../../engine/solver/construct/regret-insertion.js';
import { RecreateScratch, sisrRecreate } from '../../../../engine/solver/search/sisr-recreate.js';
import { RuinScratch, sisrRuin } from '../../../../engine/solver/search/sisr-ruin.js';
import { SEARCH_DEFAULTS } from '../../../../engine/solver/search/search-params.js';
import { SearchContext } from '../../../../engine/solver/search-context.js';
import { SolutionState } from '../../../../engine/solver/solution-state.js';
import { randomProblem } from '../random-problem.js';
import { expectCheckerAccepts, regretPlan } from '../spec-helpers.js';

describe('SISR ruin and recreate', () => {
  it('removes distinct, assigned, unlocked orders and recreates a valid plan', () => {
    const input = randomProblem(4, { orders: 16, couriers: 4 });
    // Freeze one courier's next stop: its order must never be ruined.
    const frozenStop = input.orders[0].pickups[0].id;
    const couriers = input.couriers.map((c, i) => (i === 0 ? { ...c, nextStopId: frozenStop } : c));
    const p = compileProblem({ ...input, couriers });
    const { ctx, s } = regretPlan(p, 9);
    const ruin = new RuinScratch(p.orderCount, p.courierCount);
    const recreate = new RecreateScratch(p.orderCount);
    let removedTotal = 0;
    for (let round = 0; round < 30; round++) {
      const assignedBefore = p.orderCount - s.unassignedCount();
      sisrRuin(ctx, s, ctx.neighbours, SEARCH_DEFAULTS, ruin);
      const removed = Array.from(ruin.removed.subarray(0, ruin.count));
      expect(new Set(removed).size).toBe(removed.length);
      for (const o of removed) {
        expect(s.orderRoute[o]).toBeGreaterThanOrEqual(0);
        expect(p.orderLocked[o]).toBe(0);
      }
      removedTotal += removed.length;
      s.removeOrders(ruin.removed, ruin.count, ctx.mark);
      expect(p.orderCount - s.unassignedCount()).toBe(assignedBefore - removed.length);
      expect(Array.from(ctx.mark).every((m) => m === 0)).toBe(true);
      sisrRecreate(ctx, s, ruin.removed, ruin.count, 0.01, recreate);
      expect(s.routes[0].stops[0]).toBe(p.courierNextStop[0]);
      expectCheckerAccepts(ctx, s);
    }
    expect(removedTotal).toBeGreaterThan(30);
  });

  it('stops the recreate with −1 when an order would open a route beyond the cap, and never opens one', () => {
    const p = compileProblem(randomProblem(5, { orders: 12, couriers: 4 }));
    const ctx = new SearchContext(p, 3);
    const s = new SolutionState(p);
    regretInsertion(ctx, s);
    const used = s.usedRoutes();
    const all = Int32Array.from(ctx.movable.filter((o) => s.orderRoute[o] >= 0));
    s.removeOrders(all, all.length, ctx.mark);
    const recreate = new RecreateScratch(p.orderCount);
    // Every route is empty now: the first order would open one.
    expect(sisrRecreate(ctx, s, all, all.length, 0, recreate, null, 0)).toBe(-1);
    expect(s.usedRoutes()).toBe(0);
    // Under a cap no lower than what it needs, the recreate runs to the end and keeps to the cap.
    s.removeOrders(all, all.length, ctx.mark);
    expect(sisrRecreate(ctx, s, all, all.length, 0, recreate, null, p.courierCount)).toBeGreaterThanOrEqual(0);
    expect(s.usedRoutes()).toBeGreaterThan(0);
    expect(s.usedRoutes()).toBeLessThanOrEqual(Math.max(used, p.courierCount));
    expectCheckerAccepts(ctx, s);
  });

  it('leaves out the orders that would open a route beyond the cap when asked to (relaxed search)', () => {
    const p = compileProblem(randomProblem(5, { orders: 12, couriers: 4, windowS: 900 }));
    const ctx = new SearchContext(p, 3);
    const s = new SolutionState(p);
    regretInsertion(ctx, s);
    const all = Int32Array.from(ctx.movable.filter((o) => s.orderRoute[o] >= 0));
    s.removeOrders(all, all.length, ctx.mark);
    const recreate = new RecreateScratch(p.orderCount);
    const left = sisrRecreate(ctx, s, all, all.length, 0, recreate, null, 1, true);
    // One route at most: what it cannot take stays out, and the recreate still runs to the end.
    expect(s.usedRoutes()).toBe(1);
    expect(left).toBe(ctx.movable.filter((o) => s.orderRoute[o] < 0).length);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(all.length);
    expectCheckerAccepts(ctx, s);
  });
});
