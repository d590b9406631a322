// Racing distance annealings after a vehicle removal: lines over the start of one stretched schedule, the cheapest continued.
import type { CompiledProblem } from '../../model/compiled-problem.js';
import { SolutionState } from '../solution-state.js';
import type { AnnealOptions, AnnealResult } from './annealing.js';
import { statsFor, type OperatorStats } from './stats.js';

export interface RaceParams {
  /** Lines annealed from the plan after a removal (below 2: no race). */
  readonly raceLines: number;
  /** Share of the stretched cooling schedule each line runs before the cheapest is continued. */
  readonly raceShare: number;
  /** Estimated rounds a line must get for the race to run; fewer and the phase stays one line. */
  readonly raceMinRounds: number;
}

/** A race over the budget left: a cooling schedule of `scheduleMs` / `scheduleIterations`, `lines` lines over its start. */
export interface RacePlan {
  readonly lines: number;
  /** Share of the schedule each line runs before the cheapest goes on. */
  readonly share: number;
  readonly scheduleMs: number;
  readonly scheduleIterations: number;
  /** Rounds a line is expected to get. */
  readonly lineRounds: number;
}

/**
 * The race that fits in `remainingMs` / `remainingIterations`: the schedule is stretched to remaining / (1 + (lines
 * − 1) · share) so every line's start and the winner's rest fit. Null (one line) when a line would get fewer than
 * raceMinRounds rounds at `roundsPerMs` or within the iterations left; without a time limit only iterations count,
 * so iteration-bounded runs decide alike on every machine.
 */
export function planRace(remainingMs: number, remainingIterations: number, roundsPerMs: number, params: RaceParams): RacePlan | null {
  if (params.raceLines < 2) return null;
  const stretch = 1 + (params.raceLines - 1) * params.raceShare;
  const scheduleMs = remainingMs / stretch;
  const scheduleIterations = Math.floor(remainingIterations / stretch);
  const roundsByTime = Number.isFinite(scheduleMs) ? roundsPerMs * scheduleMs : Infinity;
  const lineRounds = params.raceShare * Math.min(scheduleIterations, roundsByTime);
  if (!(lineRounds >= params.raceMinRounds) || scheduleIterations < 1) return null;
  return { lines: params.raceLines, share: params.raceShare, scheduleMs, scheduleIterations, lineRounds };
}

/** One annealing line: from `current`, best into `best`, over `schedule` until `deadlineMs` or `maxIterations`. */
export type RaceLine = (current: SolutionState, best: SolutionState, schedule: AnnealOptions['schedule'], deadlineMs: number, maxIterations: number) => AnnealResult;

/**
 * Runs `plan.lines` lines, each over the first `plan.share` of the plan's schedule, then continues the one with the
 * cheapest best plan from there to the end of the budget (its schedule resumed at that share). The first line starts
 * from `current`, line k from `starts[k − 1]` when given (another plan with as many routes), else from `current` too.
 * Leaves the best plan in `best` and `current`; returns the iterations spent and when the best was found. Counts in
 * `stats['distance-race']`: attempts the lines run, accepted the races, improvements the rests that improved on their line.
 */
export function raceDistance(p: CompiledProblem, current: SolutionState, best: SolutionState, plan: RacePlan, now: () => number,
  deadlineMs: number, maxIterations: number, runLine: RaceLine, stats: Record<string, OperatorStats>, starts: readonly SolutionState[] = []): AnnealResult {
  const { share } = plan;
  const counts = statsFor(stats, 'distance-race');
  counts.accepted++;
  const start = new SolutionState(p);
  start.copyFrom(current);
  const lineBest = new SolutionState(p);
  let iterations = 0, bestCost = Infinity, bestAtMs = 0;
  for (let k = 0; k < plan.lines; k++) {
    current.copyFrom(k > 0 && k <= starts.length ? starts[k - 1] : start);
    const lineStartMs = now();
    const schedule = { startMs: lineStartMs, totalMs: Math.max(1, plan.scheduleMs), totalIterations: plan.scheduleIterations, iterationsBefore: 0 };
    const run = runLine(current, lineBest, schedule, Math.min(deadlineMs, lineStartMs + share * plan.scheduleMs), Math.min(maxIterations - iterations, Math.ceil(share * plan.scheduleIterations)));
    iterations += run.iterations;
    counts.attempts++;
    const cost = lineBest.totalCost();
    if (cost < bestCost) {
      bestCost = cost;
      bestAtMs = run.bestAtMs;
      best.copyFrom(lineBest);
    }
  }
  // The winner resumes at `share` of a schedule that ends with the budget (in time and in iterations).
  current.copyFrom(best);
  const restStartMs = now();
  const restIterations = maxIterations - iterations;
  const totalMs = Number.isFinite(deadlineMs) ? Math.max(1, deadlineMs - restStartMs) / (1 - share) : Infinity;
  const totalIterations = Math.max(1, restIterations / (1 - share));
  const schedule = { startMs: Number.isFinite(totalMs) ? restStartMs - share * totalMs : restStartMs, totalMs, totalIterations, iterationsBefore: share * totalIterations };
  const rest = runLine(current, lineBest, schedule, deadlineMs, restIterations);
  iterations += rest.iterations;
  if (lineBest.totalCost() < bestCost) {
    counts.improvements++;
    bestAtMs = rest.bestAtMs;
    best.copyFrom(lineBest);
  }
  current.copyFrom(best);
  return { iterations, bestAtMs };
}
