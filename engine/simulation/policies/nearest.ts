// Baseline "nearest free courier": each order, oldest first, goes at once to the nearest courier with no work
// (pangkalan first when the scenario says so), one order per trip.
import type { PlannedRoute } from '../../model/problem-input.js';
import type { ResolvedPolicy } from '../scenario.js';
import { applyBaseline, baselineBatch, mayTake, ordered, pickupsThenDeliveries, secondsToOrder, sequencedRoute } from './baseline-plan.js';
import { BASELINE_TIMING, commonConfig, RETRY_WINDOW_MS } from './common-config.js';
import type { DispatchPolicy } from './policy.js';

export function nearestPolicy(policy: ResolvedPolicy): DispatchPolicy {
  return {
    name: 'nearest',
    dispatchConfig: { ...commonConfig(policy), batchWindowMs: RETRY_WINDOW_MS, batchMaxOrders: 1, ...BASELINE_TIMING },
    latencyMs: () => 0,
    async execute(dispatcher, request, context) {
      const batch = await baselineBatch(request, dispatcher.config, context.routing);
      const taken = new Set<string>();
      const routes: PlannedRoute[] = [];
      for (const order of batch.pending) {
        const candidates = batch.free.filter((c) => !taken.has(c.courier.id) && mayTake(batch, c, [order]));
        const best = ordered(candidates, context.pangkalanFirst, (c) => secondsToOrder(batch, c, order))[0];
        if (!best) continue;
        taken.add(best.courier.id);
        routes.push(sequencedRoute(batch, best.courier.id, pickupsThenDeliveries([order])));
      }
      return applyBaseline(dispatcher, batch, routes, 'no_courier');
    },
  };
}

