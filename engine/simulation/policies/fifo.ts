// Baseline "first-in-first-out batching": orders wait for a fixed window, then go out in arrival order in bags of
// `fifoBagSize` to the next free courier; within a bag all stalls in order, then the homes in order. No optimisation.
import type { DispatchOrder } from '../../dispatch/dispatch-types.js';
import type { PlannedRoute } from '../../model/problem-input.js';
import type { ResolvedPolicy } from '../scenario.js';
import { applyBaseline, baselineBatch, mayTake, ordered, pickupsThenDeliveries, sequencedRoute } from './baseline-plan.js';
import { BASELINE_TIMING, commonConfig } from './common-config.js';
import type { DispatchPolicy } from './policy.js';

export const FIFO_DEFAULT_WINDOW_S = 600;

export function fifoPolicy(policy: ResolvedPolicy, batchWindowS = FIFO_DEFAULT_WINDOW_S): DispatchPolicy {
  return {
    name: batchWindowS === FIFO_DEFAULT_WINDOW_S ? 'fifo' : `fifo-${batchWindowS}s`,
    dispatchConfig: { ...commonConfig(policy), batchWindowMs: Math.round(batchWindowS * 1000), batchMaxOrders: 100_000, ...BASELINE_TIMING },
    latencyMs: () => 0,
    async execute(dispatcher, request, context) {
      const batch = await baselineBatch(request, dispatcher.config, context.routing);
      const queue = ordered(batch.free, context.pangkalanFirst, (c) => context.freeSinceMs(c.courier.id));
      const routes: PlannedRoute[] = [];
      let next = 0; // first order not yet bagged, in arrival order
      for (const courier of queue) {
        if (next >= batch.pending.length) break;
        const bag: DispatchOrder[] = [];
        while (next < batch.pending.length && bag.length < policy.fifoBagSize && mayTake(batch, courier, [...bag, batch.pending[next]])) {
          bag.push(batch.pending[next++]);
        }
        if (bag.length > 0) routes.push(sequencedRoute(batch, courier.courier.id, pickupsThenDeliveries(bag)));
      }
      return applyBaseline(dispatcher, batch, routes, 'no_courier');
    },
  };
}
