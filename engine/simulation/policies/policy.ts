// The one interface every dispatch policy of the simulator speaks: dispatcher settings plus how a closed batch
// (a PlanRequest of the production MarketDispatcher) is answered and how long that answer takes.
import type { DispatchConfigInput } from '../../dispatch/dispatch-config.js';
import type { LendingPolicy } from '../../dispatch/courier-lending.js';
import type { DispatchResult, PlanRequest } from '../../dispatch/dispatch-types.js';
import type { MarketDispatcher } from '../../dispatch/market-dispatcher.js';
import type { RoutingProvider } from '../../routing/routing-provider.js';

export interface PolicyContext {
  readonly routing: RoutingProvider;
  /** When the courier last turned free (simulated ms): the pangkalan queue order. */
  freeSinceMs(courierId: string): number;
  /** true when pangkalan couriers are asked before ojol couriers. */
  readonly pangkalanFirst: boolean;
}

export interface DispatchPolicy {
  readonly name: string;
  /** Settings of the production dispatcher under this policy (batching window, batch size, offer TTL, pool). */
  readonly dispatchConfig: DispatchConfigInput;
  /** Idle couriers of a quiet market lent to a nearby one whose orders wait (as production does); absent: never. */
  readonly lending?: LendingPolicy;
  /** Simulated milliseconds from the batch closing to the answer (solver budget, phone calls). */
  latencyMs(request: PlanRequest): number;
  /** Answers `request` on `dispatcher` at the current simulated time: planReady or planFailed. */
  execute(dispatcher: MarketDispatcher, request: PlanRequest, context: PolicyContext): Promise<DispatchResult>;
}
