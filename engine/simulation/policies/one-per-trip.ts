// Baseline "coordinator with a phone": the oldest order goes to the courier who has waited longest in the queue
// (pangkalan first), one order per trip, stalls in the order's own order; each assignment costs a phone call.
import type { PlannedRoute } from '../../model/problem-input.js';
import type { ResolvedPolicy } from '../scenario.js';
import { applyBaseline, baselineBatch, mayTake, ordered, pickupsThenDeliveries, sequencedRoute } from './baseline-plan.js';
import { commonConfig, RETRY_WINDOW_MS } from './common-config.js';
import type { DispatchPolicy } from './policy.js';

export function onePerTripPolicy(policy: ResolvedPolicy): DispatchPolicy {
  return {
    name: 'one-per-trip',
    dispatchConfig: { ...commonConfig(policy), batchWindowMs: RETRY_WINDOW_MS, batchMaxOrders: 1, offerToBusyCouriers: false },
    latencyMs: (request) => {
      const pending = request.snapshot.orders.filter((o) => o.lockedCourierId === undefined).length;
      const free = request.snapshot.couriers.filter((c) => c.routeStopIds.length === 0).length;
      return Math.round(policy.coordinatorCallS * 1000 * Math.max(1, Math.min(pending, free)));
    },
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
      }
      return applyBaseline(dispatcher, batch, routes, 'no_courier');
    },
  };
}
