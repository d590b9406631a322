// Runs one PlanRequest end to end: one travel table for the batch from the RoutingProvider, the frozen-stop
// problem, a solve (in a worker when given one), and the answer fed back to the dispatcher. Failures become planFailed.
import type { RoutingProvider } from '../routing/routing-provider.js';
import type { ProblemInput } from '../model/problem-input.js';
import type { SolveOptions, SolveResult } from '../solver/index.js';
import { buildProblem, planLocations } from './build-problem.js';
import type { DispatchResult, PlanRequest } from './dispatch-types.js';
import type { MarketDispatcher } from './market-dispatcher.js';

export type SolveFunction = (problem: ProblemInput, options: SolveOptions) => Promise<SolveResult> | SolveResult;

export interface PlanExecution {
  readonly result: DispatchResult;
  /** Wall-clock milliseconds of each phase. */
  readonly tableMs: number;
  readonly solveMs: number;
  readonly applyMs: number;
  readonly locationCount: number;
  readonly error?: Error;
}

export async function executePlan(dispatcher: MarketDispatcher, request: PlanRequest, routing: RoutingProvider, solve: SolveFunction): Promise<PlanExecution> {
  const t0 = performance.now();
  let tableMs = 0;
  let solveMs = 0;
  const locations = planLocations(request.snapshot);
  try {
    const table = await routing.table({ sources: locations.points });
    tableMs = performance.now() - t0;
    const built = buildProblem(request.snapshot, table, dispatcher.config);
    const t1 = performance.now();
    const { solution } = await solve(built.problem, { timeLimitMs: dispatcher.config.solveTimeLimitMs, seed: 1, initial: built.initial });
    solveMs = performance.now() - t1;
    const t2 = performance.now();
    const result = dispatcher.planReady(request.planId, solution, built.deliveryLegM);
    return { result, tableMs, solveMs, applyMs: performance.now() - t2, locationCount: locations.points.length };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const result = dispatcher.planFailed(request.planId, e.message);
    return { result, tableMs, solveMs, applyMs: 0, locationCount: locations.points.length, error: e };
  }
}
