// Descent over the operator list: applies improving order moves until none is left or the clock runs out.
import { newMove, type OrderOperator } from '../operators/index.js';
import type { SearchContext } from '../search-context.js';
import type { SolutionState } from '../solution-state.js';
import { isImprovement } from '../cost/tolerance.js';
import { statsFor, type OperatorStats } from './stats.js';

/** Runs each operator over every movable order (random order) until a full pass finds nothing; returns moves applied. */
export function localSearch(ctx: SearchContext, s: SolutionState, operators: readonly OrderOperator[], stats: Record<string, OperatorStats>, deadlineMs: number, now: () => number): number {
  const move = newMove();
  const order = Int32Array.from(ctx.movable);
  let applied = 0;
  let improved = true;
  while (improved && now() < deadlineMs) {
    improved = false;
    // A move must gain more than float noise on the plan's route costs (guards against cycling).
    const scale = s.routeCosts();
    for (const op of operators) {
      const st = statsFor(stats, op.name);
      ctx.rng.shuffle(order);
      for (let q = 0; q < order.length; q++) {
        const o = order[q];
        if (s.orderRoute[o] < 0) continue;
        st.attempts++;
        const delta = op.evaluate(ctx, s, o, move);
        if (isImprovement(delta, scale)) {
          op.apply(ctx, s, move);
          st.improvements++;
          st.accepted++;
          applied++;
          improved = true;
        }
        if ((q & 15) === 0 && now() >= deadlineMs) return applied;
      }
    }
  }
  return applied;
}
