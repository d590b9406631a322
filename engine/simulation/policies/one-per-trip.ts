// Baseline "coordinator with a phone": one call at a time; each call gives the oldest order to the courier who has
// waited longest in the queue (pangkalan first), one order per trip, stalls in the order's own order.
import type { PlannedRoute } from '../../model/problem-input.js';
import type { ResolvedPolicy } from '../scenario.js';
import { applyBaseline, baselineBatch, mayTake, ordered, pickupsThenDeliveries, sequencedRoute } from './baseline-plan.js';
import { BASELINE_TIMING, commonConfig, RETRY_WINDOW_MS } from './common-config.js';
import type { DispatchPolicy } from './policy.js';

export function onePerTripPolicy(policy: ResolvedPolicy): DispatchPolicy {
  return {
    name: 'one-per-trip',
    dispatchConfig: { ...commonConfig(policy), batchWindowMs: RETRY_WINDOW_MS, batchMaxOrders: 1, ...BASELINE_TIMING },
    latencyMs: () => Math.round(policy.coordinatorCallS * 1000),
    async execute(dispatcher, request, context) {
      const batch = await baselineBatch(request, dispatcher.config, context.routing);
      const queue = ordered(batch.free, context.pangkalanFirst, (c) => context.freeSinceMs(c.courier.id));
      const taken = new Set<string>();
      const routes: PlannedRoute[] = [];
      for (const order of batch.pending) {
        const courier = queue.find((c) => !taken.has(c.courier.id) && mayTake(batch, c, [order]));
        if (!courier) continue;
        taken.add(courier.courier.id);
        routes.push(sequencedRoute(batch, courier.courier.id, pickupsThenDeliveries([order])));
        break; // one call, one assignment
      }
      return applyBaseline(dispatcher, batch, routes, 'no_courier');
    },
  };
}
