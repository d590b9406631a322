// Dispatcher settings every simulated policy shares: offer TTLs, courier pool and tariff come from the scenario.
import type { DispatchConfigInput } from '../../dispatch/dispatch-config.js';
import type { ResolvedPolicy } from '../scenario.js';

export function commonConfig(policy: ResolvedPolicy): DispatchConfigInput {
  return {
    offerTtlMs: Math.round(policy.offerTtlS * 1000),
    offerTtlMaxMs: Math.round(policy.offerTtlMaxS * 1000),
    pool: { ojolRadiusM: policy.ojolRadiusM, maxCouriers: policy.maxCouriersPerBatch, stalePositionMs: 15 * 60_000 },
    kpiIntervalMs: 3_600_000,
  };
}

/**
 * Baselines keep their own timing (no plan on an idle courier or a short slack, only their window or batch size), ask
 * no courier to wait at the market and price no ride back to it.
 */
export const BASELINE_TIMING: DispatchConfigInput = {
  planOnIdleCourier: false, slackTriggerMs: Number.NEGATIVE_INFINITY, offerToBusyCouriers: false, staging: null, priceRideBack: false,
};

/** Baselines that dispatch each order on arrival (a batch of one) look at the orders still waiting this often. */
export const RETRY_WINDOW_MS = 15_000;
