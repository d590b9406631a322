// Merged insertion: an order's pickup joins the stall visit another order's pickup already makes, priced exactly.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { newInsertion } from '../../../engine/solver/insertion.js';
import { evaluateRoute, RouteEvalScratch } from '../../../engine/solver/route-eval.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { bestMergedInsertion, mergeableOrders, writeMergedSequence } from '../../../engine/solver/stall-merge.js';
import { randomProblem } from './random-problem.js';
import { expectCheckerAccepts, recomputedTotal, regretPlan } from './spec-helpers.js';

/**
 * A market with stalls X (100 m east of the entrance M) and Y (100 m west), homes H1 and H2 3 km north.
 * Order 1 picks up at Y then X; order 2 at X then Y (the order the solver keeps its group in). Walking 1 m/s,
 * parking 120 s, riding 10 m/s: whole groups walk 500 m through the market, joined visits 300 m.
 */
function twoStallMarket(): ProblemInput {
  const at: Record<string, [number, number]> = { M: [0, 0], X: [100, 0], Y: [-100, 0], H1: [0, 3000], H2: [200, 3000] };
  const ids = Object.keys(at);
  const distanceM = ids.flatMap((a) => ids.map((b) => Math.hypot(at[a][0] - at[b][0], at[a][1] - at[b][1])));
  return {
    loadDimensions: ['weightKg'],
    locations: ids.map((id) => ({ id, lon: 106.84 + at[id][0] / 110_000, lat: -6.17 + at[id][1] / 110_000 })),
    matrix: { distanceM, durationS: distanceM.map((d) => d / 10) },
    setupS: 60,
    markets: [{ id: 'pasar', locationIds: ['M', 'X', 'Y'], walkingSpeedMps: 1, parkingS: 120 }],
    orders: [
      {
        id: 'o1', pickups: [{ id: 'o1y', locationId: 'Y', serviceS: 60, load: [1] }, { id: 'o1x', locationId: 'X', serviceS: 60, load: [2] }],
        delivery: { id: 'o1d', locationId: 'H1', serviceS: 60, codRp: 0 },
      },
      {
        id: 'o2', pickups: [{ id: 'o2x', locationId: 'X', serviceS: 60, load: [1] }, { id: 'o2y', locationId: 'Y', serviceS: 60, load: [2] }],
        delivery: { id: 'o2d', locationId: 'H2', serviceS: 60, codRp: 0 },
      },
    ],
    couriers: [{ id: 'a', fleet: 'pangkalan', startLocationId: 'M', endLocationId: 'M', startS: 0, shift: { earliestS: 0, latestS: 36000 }, capacity: [10], costPerHour: 36 }],
  };
}

describe('merged stall insertion', () => {
  it('marks orders that pick up at a market stall another order also uses', () => {
    const p = compileProblem(twoStallMarket());
    expect(Array.from(mergeableOrders(p))).toEqual([1, 1]);
  });

  it('joins an order\'s pickup to the visit the route already makes, at the exact price', () => {
    const p = compileProblem({ ...twoStallMarket(), objective: { softTimeWindows: false } });
    const ctx = new SearchContext(p, 1);
    const s = new SolutionState(p);
    s.insertOrder(0, 0, 0, 0);
    const out = newInsertion();
    ctx.insertionDelta(s, 1, 0, out, 0);
    expect(out.merge).toBe(true);
    const before = recomputedTotal(p, s);
    s.insertOrder(1, 0, out.i, out.j, out.merge);
    expect(recomputedTotal(p, s)).toBeCloseTo(before - p.orderUnassignedCost[1] + out.delta, 6);
    // Each stall is visited once for both orders: order 2's group is split between order 1's two visits.
    const stops = Array.from(s.routes[0].stops.subarray(0, s.routes[0].len), (st) => p.stopIds[st]);
    expect(stops.slice(0, 4)).toEqual(['o1y', 'o2y', 'o1x', 'o2x']);
    expectCheckerAccepts(ctx, s);
  });

  it('is not tried when the solver keeps pickup groups whole', () => {
    const p = compileProblem(twoStallMarket());
    const ctx = new SearchContext(p, 1, false);
    const s = new SolutionState(p);
    s.insertOrder(0, 0, 0, 0);
    const out = newInsertion();
    ctx.insertionDelta(s, 1, 0, out, 0);
    expect(out.merge).toBe(false);
  });

  it('prices each merged insertion as a full re-evaluation of the merged route does, to the bit', () => {
    let priced = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const p = compileProblem(randomProblem(seed, { orders: 14, couriers: 2, market: true, serviceTerms: true, softTimeWindows: true, maxInBagS: 3000 }));
      const { ctx, s } = regretPlan(p, seed);
      const scratch = new RouteEvalScratch(p);
      const evaluation = { feasible: true, cost: 0, distanceM: 0, endS: 0, lateS: 0 };
      const seq = new Int32Array(p.stopCount + 1);
      const attach = new Int32Array(p.stopCount + 1);
      for (let o = 0; o < p.orderCount; o++) {
        const home = s.orderRoute[o];
        if (home < 0) continue;
        const homeStops = s.routes[home].stops.slice(0, s.routes[home].len);
        s.removeOrder(o);
        for (const r of s.routes) {
          const best = newInsertion();
          bestMergedInsertion(p, r, o, best, ctx.scratch);
          if (!best.merge) continue;
          const w = writeMergedSequence(p, r.stops, r.len, o, best.i, best.j, attach, seq);
          const full = evaluateRoute(p, r.courier, seq, w, scratch, evaluation);
          expect(best.delta).toBe(full.cost - r.cost);
          priced++;
        }
        s.setRoute(home, homeStops, homeStops.length);
      }
    }
    expect(priced).toBeGreaterThan(10);
  });
});
