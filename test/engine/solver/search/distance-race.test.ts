// Distance races after a vehicle removal: one line when a line would get too few rounds, the schedule fits the budget,
// the cheapest line goes on, and iteration-bounded solves stay reproducible.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../../../engine/checker/index.js';
import { parseLilim } from '../../../../engine/instances/index.js';
import { compileProblem } from '../../../../engine/model/compile.js';
import { anneal } from '../../../../engine/solver/search/annealing.js';
import { planRace, raceDistance, type RaceParams } from '../../../../engine/solver/search/distance-race.js';
import { SEARCH_DEFAULTS, type SearchParams } from '../../../../engine/solver/search/search-params.js';
import type { OperatorStats } from '../../../../engine/solver/search/stats.js';
import { SolutionState } from '../../../../engine/solver/solution-state.js';
import { solve } from '../../../../engine/solver/solve.js';
import { randomProblem } from '../random-problem.js';
import { expectCheckerAccepts, regretPlan } from '../spec-helpers.js';

const RACE: RaceParams = { raceLines: 3, raceShare: 0.35, raceMinRounds: 4000 };

describe('planRace', () => {
  it('races only when each line is expected to get raceMinRounds rounds', () => {
    // 3,000 ms left at 10 rounds/ms: the schedule spans 3,000 / 1.7 ms, a line 35 % of it, about 6,176 rounds.
    const plan = planRace(3000, 1e12, 10, RACE);
    expect(plan?.lines).toBe(3);
    expect(plan?.lineRounds).toBeCloseTo((0.35 * 3000 * 10) / 1.7, 6);
    // Three lines' starts and the winner's rest fill the budget left exactly.
    expect(3 * 0.35 * plan!.scheduleMs + 0.65 * plan!.scheduleMs).toBeCloseTo(3000, 6);
    // Slower rounds (long routes): under 4,000 rounds a line, the phase stays one line.
    expect(planRace(3000, 1e12, 6, RACE)).toBeNull();
    expect(planRace(3000, 1e12, 6, { ...RACE, raceMinRounds: 3000 })).not.toBeNull();
    // The iterations left bound the estimate too; without a time limit only they count, whatever the rate.
    expect(planRace(3000, 15_000, 10, RACE)).toBeNull();
    expect(planRace(Infinity, 30_000, 0, RACE)?.scheduleIterations).toBe(Math.floor(30_000 / 1.7));
    expect(planRace(Infinity, 15_000, 1e6, RACE)).toBeNull();
    expect(planRace(3000, 1e12, 10, { ...RACE, raceLines: 1 })).toBeNull();
  });
});

describe('raceDistance', () => {
  it('runs every line from the same plan, continues the cheapest where its schedule stopped, and keeps the plan valid', () => {
    const p = compileProblem(randomProblem(3, { orders: 16, couriers: 6, fixedCost: 1_000_000, windowS: 1800 }));
    const { ctx, s: current } = regretPlan(p, 3);
    const startRoutes = Array.from(current.orderRoute);
    const best = new SolutionState(p);
    const stats: Record<string, OperatorStats> = {};
    const calls: { from: number[]; iterationsBefore: number; totalIterations: number; maxIterations: number; bestCost: number }[] = [];
    const plan = planRace(Infinity, 2000, 0, { ...RACE, raceMinRounds: 100 })!;
    const run = raceDistance(p, current, best, plan, () => 0, Infinity, 2000, (from, into, schedule, deadlineMs, maxIterations) => {
      const entry = { from: Array.from(from.orderRoute), iterationsBefore: schedule.iterationsBefore, totalIterations: schedule.totalIterations, maxIterations, bestCost: 0 };
      const result = anneal(ctx, from, into, {
        deadlineMs, maxIterations, now: () => 0, blinkRate: SEARCH_DEFAULTS.blinkRate, startTemperature: 3, endTemperature: 0.1,
        eliminationRate: 0.02, sisr: SEARCH_DEFAULTS, schedule, relaxPenalty: 10,
      }, stats, 0);
      entry.bestCost = into.totalCost();
      calls.push(entry);
      return result;
    }, stats);
    expect(calls).toHaveLength(4);
    for (const line of calls.slice(0, 3)) {
      expect(line.from).toEqual(startRoutes);
      expect(line.iterationsBefore).toBe(0);
      expect(line.maxIterations).toBe(Math.ceil(0.35 * plan.scheduleIterations));
    }
    // The rest starts from the cheapest line's best at 35 % of its schedule and spends the iterations left.
    const cheapest = Math.min(...calls.slice(0, 3).map((c) => c.bestCost));
    const rest = calls[3];
    expect(rest.iterationsBefore / rest.totalIterations).toBeCloseTo(0.35, 9);
    expect(rest.maxIterations).toBe(2000 - 3 * Math.ceil(0.35 * plan.scheduleIterations));
    expect(run.iterations).toBeLessThanOrEqual(2000);
    expect(best.totalCost()).toBeLessThanOrEqual(cheapest + 1e-9);
    expect(best.totalCost()).toBe(Math.min(cheapest, rest.bestCost));
    expect(stats['distance-race']).toMatchObject({ attempts: 3, accepted: 1 });
    expectCheckerAccepts(ctx, best);
  });
});

describe('raceDistance from several starts', () => {
  it('starts line k from the k-th other plan given, and the first and any further lines from the current plan', () => {
    const p = compileProblem(randomProblem(5, { orders: 16, couriers: 6, fixedCost: 1_000_000, windowS: 1800 }));
    const { ctx, s: current } = regretPlan(p, 5);
    const other = new SolutionState(p);
    other.copyFrom(current);
    anneal(ctx, other, new SolutionState(p), {
      deadlineMs: Infinity, maxIterations: 300, now: () => 0, blinkRate: 0.01, startTemperature: 50, endTemperature: 10,
      eliminationRate: 0, sisr: SEARCH_DEFAULTS, schedule: { startMs: 0, totalMs: Infinity, totalIterations: 300, iterationsBefore: 0 },
    }, {}, 0);
    const currentRoutes = Array.from(current.orderRoute);
    const otherRoutes = Array.from(other.orderRoute);
    expect(otherRoutes).not.toEqual(currentRoutes);
    const froms: number[][] = [];
    const plan = planRace(Infinity, 2000, 0, { ...RACE, raceMinRounds: 100 })!;
    raceDistance(p, current, new SolutionState(p), plan, () => 0, Infinity, 2000, (from, into) => {
      froms.push(Array.from(from.orderRoute));
      into.copyFrom(from);
      return { iterations: 1, bestAtMs: 0 };
    }, {}, [other]);
    expect(froms.slice(0, 3)).toEqual([currentRoutes, otherRoutes, currentRoutes]);
  });
});

describe('solve with a distance race', () => {
  const input = parseLilim(readFileSync(new URL('../../../../fixtures/lilim/pdp_100/lr109.txt', import.meta.url), 'utf8'));
  const run = (search: Partial<SearchParams>) => solve(input, { maxIterations: 6000, seed: 1, search });

  it('races after a removal when lines get enough rounds, reproducibly, and stays one line below the threshold', () => {
    const raced = run({ raceMinRounds: 0, raceStartShare: 0.2 });
    expect(raced.stats.operators['distance-race']?.attempts).toBe(3);
    // Lines after the first start from the removal redone from the plan before it.
    expect(raced.stats.operators['race-starts']?.accepted).toBeGreaterThan(0);
    expect(JSON.stringify(run({ raceMinRounds: 0, raceStartShare: 0.2 }).solution)).toBe(JSON.stringify(raced.solution));
    expect(checkSolution(input, raced.solution).violations).toEqual([]);
    // 6,000 iterations leave a line far fewer than the default threshold's rounds: the single line, unchanged.
    const fallback = run({});
    expect(fallback.stats.operators['distance-race']).toBeUndefined();
    expect(JSON.stringify(fallback.solution)).toBe(JSON.stringify(run({ raceLines: 1 }).solution));
    // Lines and rest together spend the same iterations as the one line.
    expect(raced.stats.iterations).toBe(fallback.stats.iterations);
  });
});
