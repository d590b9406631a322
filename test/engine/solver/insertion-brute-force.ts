// Test helper: every order of a constructed plan taken out and re-priced into every route by bestInsertion and by brute force.
import { expect } from 'vitest';
import type { CompiledProblem } from '../../../engine/model/compile.js';
import { placeLockedOrders, regretInsertion } from '../../../engine/solver/construct/regret-insertion.js';
import { bestInsertion, exactInsertionDelta, minInsertPosition, newInsertion } from '../../../engine/solver/insertion.js';
import type { SearchContext } from '../../../engine/solver/search-context.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';

/**
 * Builds a plan by regret insertion, then removes each order in turn and checks that bestInsertion's delta for every
 * route equals the cheapest of all position pairs evaluated exactly (and that its chosen pair prices to that delta).
 * Returns how many finite deltas were compared.
 */
export function compareInsertionWithBruteForce(p: CompiledProblem, ctx: SearchContext): number {
  let compared = 0;
  const s = new SolutionState(p);
  placeLockedOrders(ctx, s);
  regretInsertion(ctx, s);
  for (let o = 0; o < p.orderCount; o++) {
    if (s.orderRoute[o] < 0) continue;
    const home = s.orderRoute[o];
    const homeStops = s.routes[home].stops.slice(0, s.routes[home].len);
    s.removeOrder(o);
    for (const r of s.routes) {
      const fast = newInsertion();
      bestInsertion(p, r, o, fast, ctx.scratch, null, 0);
      let brute = Infinity;
      for (let i = minInsertPosition(p, r); i <= r.len; i++) {
        for (let j = i; j <= r.len; j++) brute = Math.min(brute, exactInsertionDelta(p, r, o, i, j, ctx.scratch));
      }
      if (brute === Infinity) expect(fast.delta).toBe(Infinity);
      else {
        expect(fast.delta).toBeCloseTo(brute, 6);
        expect(exactInsertionDelta(p, r, o, fast.i, fast.j, ctx.scratch)).toBeCloseTo(fast.delta, 6);
        compared++;
      }
    }
    s.setRoute(home, homeStops, homeStops.length); // the plan as it was, whatever the scan found for the order
  }
  return compared;
}
