// The compiled, immutable, index-based problem the solver runs on: struct-of-arrays over stops, orders and couriers.
import type { ProblemInput } from './problem-input.js';

/**
 * Stops are numbered densely, order by order: an order's remaining pickups first (input order), then its delivery,
 * so order o owns stops orderFirstStop[o] … orderFirstStop[o] + orderStopCount[o] − 1 and its delivery is the last.
 * Times are seconds on the problem clock, distances metres, loads in the input's dimensions.
 */
export interface CompiledProblem {
  readonly input: ProblemInput;
  /** Number of load dimensions (D). */
  readonly dims: number;
  readonly locationCount: number;
  readonly locationIds: readonly string[];
  /** Row-major location matrix, index from · n + to, seconds (before the courier's speed factor). */
  readonly durationS: Float64Array;
  /** Row-major location matrix, index from · n + to, metres. */
  readonly distanceM: Float64Array;
  /** Paid once per arrival at a location different from the previous position, outside markets. */
  readonly setupS: number;
  /** location → market index, −1 outside every market. */
  readonly locationMarket: Int32Array;
  /**
   * Row-major location matrix, s: time a leg takes beyond riding (which scales with a courier's speed): walking
   * between two locations of one market, the market's parking when entering it, `setupS` on any other change of
   * location, 0 when staying. Legs inside a market hold 0 in `durationS` and `distanceM`.
   */
  readonly legExtraS: Float64Array;

  readonly stopCount: number;
  readonly stopIds: readonly string[];
  /** stop → location index. */
  readonly stopLocation: Int32Array;
  /** stop → service time, s. */
  readonly stopServiceS: Float64Array;
  /** stop → window earliest service start, s (−Infinity when open). */
  readonly stopEarliestS: Float64Array;
  /** stop → window latest service start, s (+Infinity when open). */
  readonly stopLatestS: Float64Array;
  /** stop · D + d → load change at the stop (pickup +load, delivery −everything its order carries). */
  readonly stopLoad: Float64Array;
  /** stop → order index. */
  readonly stopOrder: Int32Array;
  /** stop → 1 for a delivery, 0 for a pickup. */
  readonly stopIsDelivery: Uint8Array;

  readonly orderCount: number;
  readonly orderIds: readonly string[];
  /** order → its first stop index. */
  readonly orderFirstStop: Int32Array;
  /** order → number of stops still to plan (remaining pickups + 1 delivery). */
  readonly orderStopCount: Int32Array;
  /** order · D + d → goods picked up by the remaining pickups. */
  readonly orderLoad: Float64Array;
  /** order → max time in bag, s (+Infinity when unbounded). */
  readonly orderMaxInBagS: Float64Array;
  /** order → cost of leaving it unassigned. */
  readonly orderUnassignedCost: Float64Array;
  /** order → 1 when some pickups are done (goods on board since the courier's start). */
  readonly orderHasDonePickups: Uint8Array;
  /** order → courier it must stay on (on board, or owner of a courier's next stop), −1 when free. */
  readonly orderPinnedCourier: Int32Array;
  /** order → 1 when it holds a courier's frozen next stop (never moved by the search). */
  readonly orderLocked: Uint8Array;
  /** order → courier index of the previous plan, −1 when none. */
  readonly orderPreviousCourier: Int32Array;
  /** order · C + c → 1 when courier c has every skill the order needs. */
  readonly orderSkillsOk: Uint8Array;

  readonly courierCount: number;
  readonly courierIds: readonly string[];
  /** courier → start location index. */
  readonly courierStartLocation: Int32Array;
  /** courier → start time max(startS, shift.earliestS), s. */
  readonly courierStartS: Float64Array;
  /** courier → end location index, −1 when the route ends at its last stop. */
  readonly courierEndLocation: Int32Array;
  /** courier → shift end: latest route end, s. */
  readonly courierLatestEndS: Float64Array;
  /** courier · D + d → capacity. */
  readonly courierCapacity: Float64Array;
  /** courier · D + d → load on board at the start (done pickups of on-board orders). */
  readonly courierInitialLoad: Float64Array;
  /** courier → max stops on its route. */
  readonly courierMaxStops: Int32Array;
  /** courier → 1 / speedFactor. */
  readonly courierInvSpeed: Float64Array;
  readonly courierFixedCost: Float64Array;
  readonly courierCostPerHour: Float64Array;
  readonly courierCostPerKm: Float64Array;
  /** courier → frozen next stop index, −1 when none. */
  readonly courierNextStop: Int32Array;

  /** order → creation time on the problem clock, s (click-to-door counts from here). */
  readonly orderCreatedS: Float64Array;
  /** The click-to-door service term, null when the objective does not price it. */
  readonly clickToDoor: { readonly costPerS: number; readonly targetS: number; readonly overTargetCostPerS: number } | null;
  /** order → the hour its customer was told on the problem clock, s (Infinity: told none). */
  readonly orderToldArrivalS: Float64Array;
  /** The told-hour service term, null when the objective does not price it. */
  readonly toldHour: { readonly slackS: number; readonly costPerS: number } | null;
  readonly softTimeWindows: boolean;
  readonly latenessCostPerS: number;
  readonly stabilityCost: number;
  /** True when some order bounds its time in bag (exact linear checks are then needed). */
  readonly anyMaxInBag: boolean;
}
