// Runs one PlanRequest end to end: one travel table for the batch from the RoutingProvider, the frozen-stop
// problem, a solve (in a worker when given one), and the answer fed back to the dispatcher. Failures become planFailed.
// `preparePlan` does the slow part only, for callers that feed the answer back in their own order of events.
import type { RoutingProvider } from '../routing/routing-provider.js';
import type { ProblemInput, Solution } from '../model/problem-input.js';
import type { SolveOptions, SolveResult } from '../solver/index.js';
import type { DispatchConfig } from './dispatch-config.js';
import { buildProblem, planLocations } from './build-problem.js';
import type { DispatchResult, PlanRequest } from './dispatch-types.js';
import type { MarketDispatcher } from './market-dispatcher.js';

export type SolveFunction = (problem: ProblemInput, options: SolveOptions) => Promise<SolveResult> | SolveResult;

export interface PreparedPlan {
  readonly planId: string;
  /** The solution, or absent when the table or the solve failed (`error`). */
  readonly solution?: Solution;
  readonly deliveryLegM: Readonly<Record<string, number>>;
  readonly error?: Error;
  /** Wall-clock milliseconds of each phase. */
  readonly tableMs: number;
  readonly solveMs: number;
  readonly locationCount: number;
}

export interface PlanExecution extends PreparedPlan {
  readonly result: DispatchResult;
  readonly applyMs: number;
}

/**
 * Solve budget under load: the configured budget while the solver keeps up, shrinking as plans queue up (each
 * queued plan would otherwise wait for every earlier budget), never below a fifth of it.
 */
export function adaptiveSolveBudgetMs(budgetMs: number, queuedPlans: number): number {
  return Math.max(Math.round(budgetMs / 5), Math.round(budgetMs / (1 + Math.max(0, queuedPlans) / 4)));
}

/** Table, problem and solve for `request`; never throws (errors are returned). `timeLimitMs` overrides the config. */
export async function preparePlan(request: PlanRequest, config: DispatchConfig, routing: RoutingProvider, solve: SolveFunction, timeLimitMs = config.solveTimeLimitMs): Promise<PreparedPlan> {
  const t0 = performance.now();
  let tableMs = 0;
  const locations = planLocations(request.snapshot);
  try {
    const table = await routing.table({ sources: locations.points });
    tableMs = performance.now() - t0;
    const built = buildProblem(request.snapshot, table, config);
    const t1 = performance.now();
    const { solution } = await solve(built.problem, { timeLimitMs, seed: 1, initial: built.initial });
    return { planId: request.planId, solution, deliveryLegM: built.deliveryLegM, tableMs, solveMs: performance.now() - t1, locationCount: locations.points.length };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { planId: request.planId, deliveryLegM: {}, error: e, tableMs, solveMs: 0, locationCount: locations.points.length };
  }
}

/** Feeds a prepared plan back: planReady with the solution, or planFailed with the error. */
export function applyPrepared(dispatcher: MarketDispatcher, prepared: PreparedPlan): DispatchResult {
  return prepared.solution
    ? dispatcher.planReady(prepared.planId, prepared.solution, prepared.deliveryLegM)
    : dispatcher.planFailed(prepared.planId, prepared.error?.message ?? 'plan failed');
}

export async function executePlan(dispatcher: MarketDispatcher, request: PlanRequest, routing: RoutingProvider, solve: SolveFunction, timeLimitMs?: number): Promise<PlanExecution> {
  const prepared = await preparePlan(request, dispatcher.config, routing, solve, timeLimitMs);
  const t2 = performance.now();
  const result = applyPrepared(dispatcher, prepared);
  return { ...prepared, result, applyMs: performance.now() - t2 };
}
