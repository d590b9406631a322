// Markets: stall-to-stall legs walked (no metres ridden, no setup), parking paid once on entering; the solver's
// timeline and the independent checker agree, and bad market input is rejected with the field named.
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../../engine/checker/index.js';
import { InputError } from '../../../engine/errors.js';
import { haversineM } from '../../../engine/geo.js';
import { compileProblem } from '../../../engine/model/compile.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';
import { SolutionState } from '../../../engine/solver/solution-state.js';
import { withStallSequence } from '../../../engine/solver/stall-sequence.js';
import { toSolution } from '../../../engine/solver/to-solution.js';
import { tinyProblem } from './tiny-market.js';

const A: [number, number] = [106.8442, -6.1737];
const S1: [number, number] = [106.8442, -6.1728];
const S2: [number, number] = [106.8451, -6.1728];

/** The tiny market with A, S1 and S2 inside one market (walking 1.25 m/s, parking 200 s); H stays outside. */
function walkingProblem(): ProblemInput {
  const base = tinyProblem();
  const coords: Record<string, [number, number]> = { A, S1, S2, H: [106.85, -6.18] };
  return {
    ...base,
    locations: base.locations.map((l) => ({ id: l.id, lon: coords[l.id][0], lat: coords[l.id][1] })),
    markets: [{ id: 'senen', locationIds: ['A', 'S1', 'S2'], walkingSpeedMps: 1.25, parkingS: 200 }],
  };
}

const walkS = (a: [number, number], b: [number, number]) => haversineM(a[0], a[1], b[0], b[1]) / 1.25;

describe('market walking legs', () => {
  it('walks between stalls, rides out with the setup at the home, and the checker agrees with the solver', () => {
    const input = walkingProblem();
    const p = compileProblem(input);
    const s = new SolutionState(p);
    s.insertOrder(0, 0, 0, 0);
    const solution = toSolution(p, s, []);
    const check = checkSolution(input, solution);
    expect(check.violations).toEqual([]);
    const [p1, p2, d1] = check.recomputedRoutes[0].stops;
    // A→S1 walked, no setup (the base is inside the market): service at once.
    expect(p1.arrivalS).toBeCloseTo(walkS(A, S1), 9);
    expect(p1.serviceStartS).toBeCloseTo(walkS(A, S1), 9);
    // S1→S2 walked after 120 s of service.
    expect(p2.serviceStartS).toBeCloseTo(walkS(A, S1) + 120 + walkS(S1, S2), 9);
    // S2→H ridden 550 s, setup 60, window opens at 1000.
    expect(d1.serviceStartS).toBeCloseTo(Math.max(1000, p2.departureS + 550 + 60), 9);
    // Only the ridden legs count as distance: S2→H 550 s and H→A 600 s at 5 m per second.
    expect(check.recomputedRoutes[0].distanceM).toBe((550 + 600) * 5);
    expect(solution.routes[0].distanceM).toBe((550 + 600) * 5);
  });

  it('pays the market parking, not the setup, when a courier rides in from outside', () => {
    const input = walkingProblem();
    const p = compileProblem(input);
    const s = new SolutionState(p);
    // c2 starts at S2 (inside): walks to S1 for o2's pickup, rides to H.
    s.insertOrder(1, 1, 0, 0);
    const route = toSolution(p, s, []).routes[0];
    expect(route.stops[0].serviceStartS).toBeCloseTo(walkS(S2, S1), 9);
    expect(checkSolution(input, toSolution(p, s, [])).violations).toEqual([]);
    // Entering from H: ride 500 s to S1 plus parking 200 s.
    const fromHome: ProblemInput = { ...input, couriers: input.couriers.map((c) => (c.id === 'c2' ? { ...c, startLocationId: 'H' } : c)) };
    const q = compileProblem(fromHome);
    const t = new SolutionState(q);
    t.insertOrder(1, 1, 0, 0);
    const solution = toSolution(q, t, []);
    expect(solution.routes[0].stops[0].arrivalS).toBe(500);
    expect(solution.routes[0].stops[0].serviceStartS).toBe(700);
    expect(checkSolution(fromHome, solution).violations).toEqual([]);
  });

  it('flags a plan whose reported times ride between stalls', () => {
    const input = walkingProblem();
    const { markets: _markets, ...ridden } = input;
    const p = compileProblem(ridden);
    const s = new SolutionState(p);
    s.insertOrder(0, 0, 0, 0);
    const codes = checkSolution(input, toSolution(p, s, [])).violations.map((v) => v.code);
    expect(codes).toContain('reported_mismatch');
  });

  it('rejects market locations without coordinates or in two markets', () => {
    const input = walkingProblem();
    const noCoords = { ...input, locations: input.locations.map((l) => (l.id === 'S2' ? { id: 'S2' } : l)) };
    expect(() => compileProblem(noCoords)).toThrow(InputError);
    expect(() => compileProblem(noCoords)).toThrow(/S2.*coordinates/);
    const twice = { ...input, markets: [...input.markets!, { id: 'other', locationIds: ['S1'], walkingSpeedMps: 1, parkingS: 0 }] };
    expect(() => compileProblem(twice)).toThrow(/two markets/);
    const slow = { ...input, markets: [{ ...input.markets![0], walkingSpeedMps: 0 }] };
    expect(() => compileProblem(slow)).toThrow(/walkingSpeedMps/);
  });
});

describe('stall sequencing', () => {
  it('visits an order\'s stalls in the order that ends nearest the delivery', () => {
    const p = compileProblem(walkingProblem());
    // o1 lists S1 then S2; S1→H (500 s) is shorter than S2→H (550 s): the solver visits S2 first.
    expect(p.stopIds.slice(0, 3)).toEqual(['p1', 'p2', 'd1']);
    const q = withStallSequence(p);
    expect(q.stopIds.slice(0, 3)).toEqual(['p2', 'p1', 'd1']);
    expect(Array.from(q.stopLocation.slice(0, 2))).toEqual([p.stopLocation[1], p.stopLocation[0]]);
    expect(Array.from(q.stopLoad.slice(0, 4))).toEqual(Array.from(p.stopLoad.slice(2, 4)).concat(Array.from(p.stopLoad.slice(0, 2))));
    const s = new SolutionState(q);
    s.insertOrder(0, 0, 0, 0);
    expect(checkSolution(q.input, toSolution(q, s, [])).violations).toEqual([]);
  });
});
