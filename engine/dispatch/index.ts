// Public surface of engine/dispatch (re-exported by engine/index.ts).
export { MarketDispatcher, type MarketDispatcherOptions } from './market-dispatcher.js';
export { OfferAnswerTimes } from './offer-ttl.js';
export { DISPATCH_DEFAULTS, DEFAULT_TARIFF, resolveDispatchConfig } from './dispatch-config.js';
export { STALL_WALKING, stallMarket, type StallWalking } from './stall-walking.js';
export type { DispatchConfig, DispatchConfigInput, CourierPoolPolicy, Tariff } from './dispatch-config.js';
export type * from './dispatch-types.js';
export type { DispatchOrderState, DispatchCourierState, OfferState, OrderStatus, CourierStatus } from './dispatch-state.js';
export { selectCourierPool, type PoolCandidate, type PoolMember, type CourierPool, type PoolDropReason } from './courier-pool.js';
export { planLocations, buildProblem, type PlanLocations, type PlanMatrix, type BuiltProblem } from './build-problem.js';
export { orderFeeRp } from './tariff.js';
export { LENDING_DEFAULTS, lendIdleCouriers, marketLoad, marketToWorkFor, type LendingHost, type LendingPolicy, type MarketLoad } from './courier-lending.js';
export { MOVED_REASON } from './apply-plan.js';
export { refreshEtas, estimateRideS } from './eta.js';
export { haversineM } from '../geo.js';
export type { CodTotals } from './market-kpi.js';
export { HaversineProvider, type HaversineProviderOptions } from './haversine-provider.js';
export { SyntheticMarket, type SyntheticMarketOptions } from './synthetic-market.js';
export { executePlan, preparePlan, applyPrepared, adaptiveSolveBudgetMs, type PlanExecution, type PreparedPlan, type SolveFunction } from './execute-plan.js';
