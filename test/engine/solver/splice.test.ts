// The splice evaluator (a window of a route replaced) agrees with a full re-evaluation of the spliced route: closely in
// O(1), to the bit where time terms or time in bag make it walk the route.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import { evaluateRoute, RouteEvalScratch } from '../../../engine/solver/route-eval.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { spliceNeedsExact, splicedCost, splicedDistanceM, SpliceScratch, writeSplice } from '../../../engine/solver/splice.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { randomProblem } from './random-problem.js';
import { regretPlan } from './spec-helpers.js';

describe('splicedCost', () => {
  it.each([
    ['hard windows', {}], ['tight windows', { windowS: 900 }], ['time in bag', { maxInBagS: 2400 }],
    ['service terms, soft windows, time in bag', { serviceTerms: true, softTimeWindows: true, windowS: 600, maxInBagS: 2400 }],
    ['a walked market, service terms', { market: true, serviceTerms: true, maxInBagS: 3000 }],
  ] as const)('equals the full evaluation of every reversed and rotated window (%s)', (_label, opts) => {
    let feasible = 0, infeasible = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const p = compileProblem(randomProblem(seed, { orders: 10, couriers: 2, ...opts }));
      const { ctx, s } = regretPlan(p, seed);
      const sc = new SpliceScratch(p);
      const scratch = new RouteEvalScratch(p);
      const out = { feasible: true, cost: 0, distanceM: 0, endS: 0, lateS: 0 };
      const win = new Int32Array(p.stopCount);
      const seq = new Int32Array(p.stopCount);
      for (const r of s.routes) {
        for (let from = 0; from < r.len; from++) {
          for (let to = from + 1; to <= Math.min(r.len, from + 6); to++) {
            // The window [from, to) reversed, then rotated at each stop (a segment moved later): same stops, so the
            // net load before `to` is unchanged.
            for (let rotate = -1; rotate < to - from; rotate++) {
              let w = 0;
              if (rotate < 0) for (let q = to - 1; q >= from; q--) win[w++] = r.stops[q];
              else for (let q = 0; q < to - from; q++) win[w++] = r.stops[from + ((q + rotate) % (to - from))];
              const k = writeSplice(r, from, to, win, w, seq);
              const full = evaluateRoute(p, r.courier, seq, k, scratch, out);
              const fast = splicedCost(p, r, from, to, win, w, sc);
              if (spliceNeedsExact(p)) expect(fast).toBe(full.cost);
              if (full.cost === Infinity) {
                expect(fast).toBe(Infinity);
                infeasible++;
              } else {
                expect(fast).toBeCloseTo(full.cost, 6);
                expect(splicedDistanceM(p, r, from, to, win, w)).toBeCloseTo(full.distanceM, 6);
                feasible++;
              }
            }
          }
        }
      }
    }
    expect(feasible).toBeGreaterThan(10);
    expect(infeasible + feasible).toBeGreaterThan(50);
  });

  it('counts an order\'s time in bag from its first pickup when that one lies before the window', () => {
    // On a line at 10 m/s, no setup: X picks up at 0 m and 1,200 m and delivers at 1,200 m; Y picks up at 1,800 m.
    // Route P1, Q, P2, D, E; the window [Q, P2] reversed brings D to 420 s, 420 s after P1 but 300 s after P2.
    const xM = [0, 1200, 1800, 2400];
    const metres = xM.flatMap((a) => xM.map((b) => Math.abs(a - b)));
    const input: ProblemInput = {
      loadDimensions: ['kg'],
      locations: xM.map((_, i) => ({ id: `L${i}` })),
      matrix: { distanceM: metres, durationS: metres.map((m) => m / 10) },
      setupS: 0,
      orders: [
        { id: 'X', pickups: [{ id: 'P1', locationId: 'L0', serviceS: 60, load: [1] }, { id: 'P2', locationId: 'L1', serviceS: 60, load: [1] }], delivery: { id: 'D', locationId: 'L1', serviceS: 60, codRp: 0 }, maxInBagS: 400 },
        { id: 'Y', pickups: [{ id: 'Q', locationId: 'L2', serviceS: 60, load: [1] }], delivery: { id: 'E', locationId: 'L3', serviceS: 60, codRp: 0 } },
      ],
      couriers: [{ id: 'c', fleet: 'ojol', startLocationId: 'L0', startS: 0, shift: { earliestS: 0, latestS: 36000 }, capacity: [10], costPerKm: 1 }],
    };
    const p = compileProblem(input);
    const stop = (id: string) => p.stopIds.indexOf(id);
    const s = new SolutionState(p);
    s.setRoute(0, Int32Array.from(['P1', 'Q', 'P2', 'D', 'E'].map(stop)), 5);
    const r = s.routes[0];
    const win = Int32Array.from([stop('P2'), stop('Q')]);
    const seq = new Int32Array(5);
    const k = writeSplice(r, 1, 3, win, 2, seq);
    const full = evaluateRoute(p, r.courier, seq, k, new RouteEvalScratch(p), { feasible: true, cost: 0, distanceM: 0, endS: 0, lateS: 0 });
    expect(full.feasible).toBe(false);
    expect(splicedCost(p, r, 1, 3, win, 2, new SpliceScratch(p))).toBe(Infinity);
  });
});
