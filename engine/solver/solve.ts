// solve(): compile, construct (frozen orders, warm start, regret insertion), local search, then SISR annealing.
import { compileProblem } from '../model/compile.js';
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { ProblemInput, Solution } from '../model/problem-input.js';
import { placeLockedOrders, regretInsertion } from './construct/regret-insertion.js';
import { loadSolution } from './from-solution.js';
import { anneal } from './search/annealing.js';
import { planRace, raceDistance } from './search/distance-race.js';
import { BudgetClock, ThreadCpuClock } from './search/budget-clock.js';
import { fleetIsHierarchical, minimiseFleet, type FleetOptions } from './search/fleet-minimisation.js';
import { localSearch } from './search/local-search.js';
import { removalStarts } from './search/removal-starts.js';
import { poolApplies, RoutePool } from './search/route-pool.js';
import { SEARCH_DEFAULTS, type SearchParams } from './search/search-params.js';
import type { OperatorStats, SolveStats } from './search/stats.js';
import { SearchContext } from './search-context.js';
import { SolutionState } from './solution-state.js';
import { withStallSequence } from './stall-sequence.js';
import { toSolution } from './to-solution.js';

export interface SolveOptions {
  /** Wall-clock budget, ms (default 1000 when neither cpuTimeLimitMs nor maxIterations is given). */
  readonly timeLimitMs?: number;
  /**
   * CPU-time budget of the solving thread, ms: results do not depend on how busy the machine is. With timeLimitMs
   * too, the solve stops when either runs out.
   */
  readonly cpuTimeLimitMs?: number;
  /** Bound on annealing iterations; with no time limit the run is fully deterministic for a seed. */
  readonly maxIterations?: number;
  /** PRNG seed (default 1). */
  readonly seed?: number;
  /** Warm start: a previous plan whose still-valid routes are kept as the starting point. */
  readonly initial?: Solution;
  /** Search parameters (experiments and benchmarks); defaults in SEARCH_DEFAULTS. */
  readonly search?: Partial<SearchParams>;
}

export interface SolveResult {
  readonly solution: Solution;
  readonly stats: SolveStats;
}

/** Plans `input`: validates and compiles it (InputError on bad input), then searches within the budget. */
export function solve(input: ProblemInput, options: SolveOptions = {}): SolveResult {
  return solveCompiled(compileProblem(input), options);
}

/** As solve(), on an already compiled problem. */
export function solveCompiled(p: CompiledProblem, options: SolveOptions = {}): SolveResult {
  const noBounds = options.timeLimitMs === undefined && options.cpuTimeLimitMs === undefined && options.maxIterations === undefined;
  const clock = new BudgetClock({ timeLimitMs: options.timeLimitMs ?? (noBounds ? 1000 : undefined), cpuTimeLimitMs: options.cpuTimeLimitMs });
  const cpu = new ThreadCpuClock();
  try {
    return search(p, options, clock, cpu);
  } finally {
    clock.close();
    cpu.close();
  }
}

function search(compiled: CompiledProblem, options: SolveOptions, clock: BudgetClock, cpu: ThreadCpuClock): SolveResult {
  const wallStartMs = performance.now();
  const cpuStartMs = cpu.nowMs();
  const now = clock.now;
  const startMs = now();
  const seed = options.seed ?? 1;
  const maxIterations = options.maxIterations ?? Number.MAX_SAFE_INTEGER;
  const deadlineMs = startMs + clock.limitMs;
  const params: SearchParams = { ...SEARCH_DEFAULTS, ...options.search };
  const p = params.stallSequencing ? withStallSequence(compiled) : compiled;
  const ctx = new SearchContext(p, seed, params.stallSequencing);
  const current = new SolutionState(p);
  if (options.initial) loadSolution(ctx, current, options.initial);
  placeLockedOrders(ctx, current);
  regretInsertion(ctx, current);
  const operators: Record<string, OperatorStats> = {};
  localSearch(ctx, current, ctx.operators, operators, deadlineMs, now);
  const initialCost = current.totalCost();
  // Phases as shares of the budget (time and iterations alike): annealing, then (when vehicles dominate the
  // objective) fleet minimisation from the best plan, then annealing again from there.
  const budgetMs = deadlineMs - startMs;
  const budgetIterations = Math.min(maxIterations, 1e12);
  const best = new SolutionState(p);
  best.copyFrom(current);
  let iterations = 0;
  let bestAtMs = now() - startMs;
  // Rounds per ms of the first annealing phase: how many rounds a line of a distance race would get.
  let roundsPerMs = 0;
  // The intensification phase's settings: a fresh schedule's start temperature, relaxed once a vehicle has gone.
  // The distance phase also pools the routes of its accepted plans and recombines them (route-pool.ts).
  let pool: RoutePool | null = null;
  const freshSettings = (startTemperature: number) => ({
    startTemperature, eliminationRate: params.intensifyEliminationRate, relaxPenalty: reduced ? params.relaxPenalty : 0, relaxUntil: params.relaxUntil,
    pool, recombineAt: params.recombineAt, recombineNodes: params.recombineNodes,
  });
  // `fresh`: the intensification phase, a new cooling schedule over the rest of the budget from a lower temperature.
  const annealUntil = (share: number, fresh = false, freshTemperature = params.intensifyTemperature): void => {
    const phaseStartMs = now();
    const schedule = fresh
      ? { startMs: phaseStartMs, totalMs: Math.max(1, deadlineMs - phaseStartMs), totalIterations: Math.max(1, budgetIterations - iterations), iterationsBefore: 0 }
      : { startMs, totalMs: Math.max(1, budgetMs), totalIterations: Math.max(1, budgetIterations), iterationsBefore: iterations };
    const run = anneal(ctx, current, best, {
      deadlineMs: share >= 1 ? deadlineMs : startMs + share * budgetMs, maxIterations: Math.floor(share * budgetIterations) - iterations,
      now, ...params, sisr: params, schedule,
      ...(fresh ? freshSettings(freshTemperature) : { relaxPenalty: 0 }),
    }, operators, startMs);
    iterations += run.iterations;
    bestAtMs = run.bestAtMs;
    current.copyFrom(best);
    if (roundsPerMs === 0) roundsPerMs = run.iterations / Math.max(1e-3, now() - phaseStartMs);
  };
  let settled = false;
  let reduced = false;
  // The plan fleet minimisation started from and its settings (the race's other starts redo the removal from it).
  let beforeFleet: SolutionState | null = null;
  let fleet: FleetOptions | null = null;
  if (fleetIsHierarchical(ctx, current) && params.fleetShare > 0) {
    settled = params.intensifyTemperature > 0;
    annealUntil(params.fleetStart);
    const fleetEnd = params.fleetStart + params.fleetShare;
    const before = current.usedRoutes();
    beforeFleet = new SolutionState(p);
    beforeFleet.copyFrom(current);
    fleet = {
      deadlineMs: startMs + fleetEnd * budgetMs, maxIterations: Math.floor(fleetEnd * budgetIterations) - iterations,
      now, blinkRate: params.blinkRate, sisr: params, triesAfterSuccess: params.fleetTriesAfterSuccess,
      afterSuccessMs: params.fleetAfterSuccessShare * budgetMs, afterSuccessIterations: Math.floor(params.fleetAfterSuccessShare * budgetIterations), ejectionRate: params.fleetEjectionRate, patience: params.fleetPatience,
      removeByDistance: params.fleetRemoveByDistance,
    };
    iterations += minimiseFleet(ctx, current, fleet, operators);
    reduced = current.usedRoutes() < before;
    // The fleet search ignores distance: polish its plan before the annealing starts from it.
    if (reduced) localSearch(ctx, current, ctx.operators, operators, deadlineMs, now);
  }
  if (settled && params.recombineAt.length > 0 && poolApplies(p)) pool = new RoutePool(p);
  const lastBestCost = best.totalCost();
  const lastBestAt = bestAtMs;
  // Once fleet minimisation has settled the vehicle count, the rest of the budget intensifies on distance.
  // A plan that just lost a vehicle is far from good on distance: it is annealed from a warmer start.
  // After a removal, lines race from its plan when each gets enough rounds; the cheapest goes on.
  let race = settled && reduced ? planRace(deadlineMs - now(), budgetIterations - iterations, roundsPerMs, params) : null;
  // Its lines after the first start from the removal redone, each a plan with as many routes from another basin.
  let starts: SolutionState[] = [];
  if (race && params.raceStartShare > 0 && beforeFleet && fleet) {
    const found = removalStarts(ctx, beforeFleet, {
      count: race.lines - 1, routes: current.usedRoutes(), fleet, deadlineMs, maxIterations: budgetIterations - iterations,
      capMs: params.raceStartShare * budgetMs, capIterations: Math.floor(params.raceStartShare * budgetIterations),
    }, operators);
    starts = found.starts;
    iterations += found.iterations;
    race = planRace(deadlineMs - now(), budgetIterations - iterations, roundsPerMs, params);
    // Too little budget left to race: the one line starts from the cheapest plan found.
    if (!race) for (const s of starts) if (s.totalCost() < current.totalCost()) current.copyFrom(s);
  }
  if (race) {
    const run = raceDistance(p, current, best, race, now, deadlineMs, budgetIterations - iterations, (from, into, schedule, lineDeadlineMs, lineIterations) =>
      anneal(ctx, from, into, {
        deadlineMs: lineDeadlineMs, maxIterations: lineIterations, now, ...params, sisr: params, schedule, ...freshSettings(params.reheatTemperature),
      }, operators, startMs), operators, starts);
    iterations += run.iterations;
    bestAtMs = run.bestAtMs;
  } else annealUntil(1, settled, reduced ? params.reheatTemperature : params.intensifyTemperature);
  if (best.totalCost() >= lastBestCost) bestAtMs = lastBestAt;
  const solution = toSolution(p, best, ctx.feasibility.reason);
  const stats: SolveStats = {
    iterations, operators, initialCost, bestCost: solution.cost.total,
    timeToBestMs: bestAtMs, elapsedMs: performance.now() - wallStartMs, cpuMs: cpu.nowMs() - cpuStartMs, seed,
  };
  return { solution, stats };
}
