// jejaring's own policy: the production batch loop (executePlan: travel table, frozen-stop problem, solver) with
// the solver bounded by iterations so a simulation is deterministic for its seed; the answer lands after the budget.
import { executePlan } from '../../dispatch/execute-plan.js';
import { solve } from '../../solver/solve.js';
import type { ResolvedPolicy } from '../scenario.js';
import type { DispatchPolicy } from './policy.js';
import { commonConfig } from './common-config.js';
import { LENDING_DEFAULTS } from '../../dispatch/courier-lending.js';

export function jejaringPolicy(policy: ResolvedPolicy, batchWindowS = policy.batchWindowS): DispatchPolicy {
  return {
    name: batchWindowS === policy.batchWindowS ? 'jejaring' : `jejaring-${batchWindowS}s`,
    dispatchConfig: {
      ...commonConfig(policy),
      batchWindowMs: Math.round(batchWindowS * 1000),
      batchMaxOrders: policy.batchMaxOrders,
      solveTimeLimitMs: policy.solveBudgetMs,
      priceRideBack: policy.priceRideBack,
      ...(policy.toldHour !== undefined ? { toldHour: policy.toldHour && { slackMs: policy.toldHour.slackMin * 60_000, costPerS: policy.toldHour.costPerS } } : {}),
      // Everything else (offers to busy couriers, triggers, objective, bag cap, shift grace) is production's default.
    },
    lending: LENDING_DEFAULTS,
    latencyMs: () => policy.solveBudgetMs,
    async execute(dispatcher, request, context) {
      const run = await executePlan(dispatcher, request, context.routing, (problem, options) =>
        solve(problem, { seed: options.seed, initial: options.initial, maxIterations: policy.solverIterations }));
      return run.result;
    },
  };
}
