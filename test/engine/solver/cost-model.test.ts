// The cost evaluator: one price for a plan, agreeing with the independent checker; delivery terms priced on service start.
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../../engine/checker/index.js';
import { compileProblem } from '../../../engine/model/compile.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { CostModel, costModelOf } from '../../../engine/solver/cost/cost-model.js';
import { RouteEvalScratch } from '../../../engine/solver/route-eval.js';
import { newTotals, simulateRoute } from '../../../engine/solver/route-timeline.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { toSolution } from '../../../engine/solver/to-solution.js';

/** Market M at 0 m, homes at 1 and 2 km on a line, 10 m/s; courier a costs 1 per second and 2 per km plus 100 fixed. */
function line(soft: boolean): ProblemInput {
  const xs = [0, 1000, 2000];
  const distanceM = xs.flatMap((a) => xs.map((b) => Math.abs(a - b)));
  return {
    loadDimensions: ['kg'],
    locations: [{ id: 'M' }, { id: 'H1' }, { id: 'H2' }],
    matrix: { distanceM, durationS: distanceM.map((d) => d / 10) },
    setupS: 30,
    orders: [1, 2].map((h) => ({
      id: `o${h}`, pickups: [{ id: `o${h}p`, locationId: 'M', serviceS: 60, load: [1] }],
      delivery: { id: `o${h}d`, locationId: `H${h}`, serviceS: 60, window: { earliestS: 0, latestS: 200 }, codRp: 0 },
    })),
    couriers: [{ id: 'a', fleet: 'pangkalan', startLocationId: 'M', startS: 0, shift: { earliestS: 0, latestS: 10_000 }, capacity: [5], fixedCost: 100, costPerHour: 3600, costPerKm: 2 }],
    objective: { softTimeWindows: soft, latenessCostPerS: 5, previousAssignment: { o2: 'a' }, stabilityCost: 7, unassignedCost: 1000 },
  };
}

describe('CostModel', () => {
  it('prices a hand-built plan as the checker does, lateness, stability and unassigned included', () => {
    const p = compileProblem(line(true));
    const s = new SolutionState(p);
    s.insertOrder(0, 0, 0, 0);
    // o1: pickup at M 0–60, ride 100 s to H1, delivery 160 + 30 setup = 190–250 (on time); end 250, 1000 m.
    const r = s.routes[0];
    expect(r.endS).toBe(250);
    expect(r.cost).toBe(100 + 250 + 2);
    // o2 unassigned (1000) and moved away from a (stability 7).
    expect(s.totalCost()).toBe(352 + 1000 + 7);
    s.insertOrder(1, 0, 2, 2);
    // o2: H1 → M 100 s + 30 setup: 380–440, H2 200 s + 30: 670 start, 470 s late at 5 per s.
    expect(r.lateS).toBe(470);
    const solution = toSolution(p, s, []);
    const check = checkSolution(p.input, solution);
    expect(check.violations).toEqual([]);
    expect(solution.cost).toEqual(check.cost);
    expect(solution.cost.lateness).toBe(470 * 5);
    expect(s.totalCost()).toBeCloseTo(check.cost.total, 9);
  });

  it('prices stability changes between couriers and unassigned', () => {
    const p = compileProblem(line(false));
    const cost = costModelOf(p);
    expect(cost.stabilityChange(1, 0, -1)).toBe(7);
    expect(cost.stabilityChange(1, -1, 0)).toBe(-7);
    expect(cost.stabilityChange(0, -1, 0)).toBe(0);
    expect(cost.assignmentCost(0, -1)).toBe(1000);
    expect(cost.timeDependent).toBe(false);
  });

  it('adds every delivery term at its delivery service start and marks the objective time-dependent', () => {
    const p = compileProblem(line(true));
    const seen: [number, number][] = [];
    const cost = new CostModel(p, [{ name: 'click-to-door', cost: (o, t) => { seen.push([o, t]); return 0.5 * t; }, slope: () => 0.5 }]);
    expect(cost.timeDependent).toBe(true);
    const scratch = new RouteEvalScratch(p);
    const stops = Int32Array.from([0, 1]);
    const totals = simulateRoute(p, cost, 0, stops, 2, scratch, scratch.bag, newTotals());
    expect(seen).toEqual([[0, 190]]);
    expect(totals.termCost).toBe(95);
    expect(totals.cost).toBe(100 + 250 + 2 + 95);
  });
});
