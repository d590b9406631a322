// Other starts for the distance race: the fleet phase's removal redone from the plan before it, each a different plan
// with as many routes, so the race's lines anneal from different basins instead of one.
import type { SearchContext } from '../search-context.js';
import { SolutionState } from '../solution-state.js';
import { localSearch } from './local-search.js';
import { minimiseFleet, type FleetOptions } from './fleet-minimisation.js';
import { statsFor, type OperatorStats } from './stats.js';

export interface RemovalStartsOptions {
  /** Plans wanted. */
  readonly count: number;
  /** Route count each must reach (the fleet phase's). */
  readonly routes: number;
  /** The fleet phase's settings; its deadline and iteration bound are replaced by the caps below. */
  readonly fleet: FleetOptions;
  /** Most time (ms on `fleet.now`) and iterations one removal may take before it is given up. */
  readonly capMs: number;
  readonly capIterations: number;
  /** End of the whole solve's budget (ms on `fleet.now`) and iterations left in it. */
  readonly deadlineMs: number;
  readonly maxIterations: number;
}

/**
 * Removes routes from copies of `before` until each uses `routes` routes or fewer, and polishes each plan found by
 * local search. Returns the plans found (a removal that does not get there within its caps is dropped) and the
 * iterations spent.
 * Counts in `stats['race-starts']`: attempts the removals tried, accepted the plans found.
 */
export function removalStarts(ctx: SearchContext, before: SolutionState, opts: RemovalStartsOptions, stats: Record<string, OperatorStats>): { starts: SolutionState[]; iterations: number } {
  const counts = statsFor(stats, 'race-starts');
  const starts: SolutionState[] = [];
  // The removals' own operator counts stay apart from the fleet phase's.
  const removalStats: Record<string, OperatorStats> = {};
  let iterations = 0;
  for (let k = 0; k < opts.count; k++) {
    const nowMs = opts.fleet.now();
    const left = opts.maxIterations - iterations;
    if (nowMs >= opts.deadlineMs || left <= 0) break;
    const plan = new SolutionState(ctx.p);
    plan.copyFrom(before);
    counts.attempts++;
    iterations += minimiseFleet(ctx, plan, {
      // The route count ends each removal: more than one may have to go (a recreate may empty a route or not).
      ...opts.fleet, targetRoutes: opts.routes, triesAfterSuccess: Infinity, afterSuccessMs: Infinity, afterSuccessIterations: Infinity,
      deadlineMs: Math.min(opts.deadlineMs, nowMs + opts.capMs), maxIterations: Math.min(left, opts.capIterations),
    }, removalStats);
    if (plan.usedRoutes() > opts.routes) continue;
    localSearch(ctx, plan, ctx.operators, stats, opts.deadlineMs, opts.fleet.now);
    counts.accepted++;
    starts.push(plan);
  }
  return { starts, iterations };
}
