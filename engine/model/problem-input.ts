// The solver's friendly input model (string ids, plain objects) and its solution format: the contract between
// the builder, the solver, the independent checker and every caller.

/** [earliestS, latestS] in seconds on the problem's clock (e.g. seconds since midnight). */
export interface TimeWindow {
  readonly earliestS: number;
  readonly latestS: number;
}

export interface LocationInput {
  readonly id: string;
  /** Optional coordinates, only for output and display. */
  readonly lon?: number;
  readonly lat?: number;
}

/** Square matrices over `locations` in their given order, row-major: entry i * n + j is from i to j. */
export interface MatrixInput {
  readonly durationS: ArrayLike<number>;
  readonly distanceM: ArrayLike<number>;
}

/** A stall pickup: goods bought at one pedagang. */
export interface PickupInput {
  readonly id: string;
  readonly locationId: string;
  /** The stall's own service time (choosing, weighing, paying). */
  readonly serviceS: number;
  /** Ready time and latest pickup; service cannot start before `earliestS`. */
  readonly window?: TimeWindow;
  /** Load vector, one entry per `ProblemInput.loadDimensions` (e.g. [weightKg, goodsValueRp]). */
  readonly load: readonly number[];
}

/** The one home delivery that closes an order. Its load is minus the sum of the order's pickups. */
export interface DeliveryInput {
  readonly id: string;
  readonly locationId: string;
  readonly serviceS: number;
  readonly window?: TimeWindow;
  /** Cash on delivery collected from the customer, rupiah. */
  readonly codRp: number;
}

export interface OrderInput {
  readonly id: string;
  /** One or more pickups; all precede the delivery, all on the same courier. */
  readonly pickups: readonly PickupInput[];
  readonly delivery: DeliveryInput;
  /** Bound on delivery service start minus the earliest pickup service start (goods freshness). */
  readonly maxInBagS?: number;
  /** Cost of leaving this order unassigned; defaults to the objective's `unassignedCost`. */
  readonly unassignedCost?: number;
  /** Skills the courier must have, e.g. 'cold_box'. */
  readonly skills?: readonly string[];
  /** Re-planning: pickups already done by the courier named in `onBoardCourierId` (their goods ride on the bike). */
  readonly donePickupIds?: readonly string[];
  /** Re-planning: the courier carrying this order's goods; the order must stay on that courier. */
  readonly onBoardCourierId?: string;
  /** When the customer ordered, on the problem clock (negative: before it starts); the click-to-door term counts from here. */
  readonly createdS?: number;
  /** The hour the customer was told its courier reaches the door, on the problem clock; the told-hour term counts from here. */
  readonly toldArrivalS?: number;
}

export type FleetKind = 'ojol' | 'pangkalan';

export interface CourierInput {
  readonly id: string;
  readonly fleet: FleetKind;
  /** Where the courier is now (live position) and from when it is free. */
  readonly startLocationId: string;
  readonly startS: number;
  /** Optional end (a pangkalan courier returns to the market base); absent: the route ends at its last stop. */
  readonly endLocationId?: string;
  readonly shift: TimeWindow;
  /** Capacity vector, one entry per `ProblemInput.loadDimensions` (e.g. [boxKg, cashFloatRp]). */
  readonly capacity: readonly number[];
  readonly maxStops?: number;
  readonly skills?: readonly string[];
  /** Speed multiplier: travel time = matrix duration / speedFactor (default 1). */
  readonly speedFactor?: number;
  readonly fixedCost?: number;
  readonly costPerHour?: number;
  readonly costPerKm?: number;
  /** Re-planning: the stop (pickup or delivery id) the courier is driving to now; it stays first. */
  readonly nextStopId?: string;
}

/** Lexicographic by weights: unassigned ≫ lateness ≫ fixed cost + duration + distance, plus stability. */
export interface ObjectiveInput {
  /** Default cost of one unassigned order. */
  readonly unassignedCost?: number;
  /** false: time windows are hard (no lateness allowed); true: lateness is allowed and priced. */
  readonly softTimeWindows?: boolean;
  /** Cost per second of lateness when windows are soft. */
  readonly latenessCostPerS?: number;
  /** Re-planning: order id → courier id of the previous plan; moving an order costs `stabilityCost`. */
  readonly previousAssignment?: Readonly<Record<string, string>>;
  readonly stabilityCost?: number;
  /** Service term: each delivery's click-to-door time (from its order's `createdS`, default 0, to the door) is priced. */
  readonly clickToDoor?: ClickToDoorInput;
  /** Service term: a delivery later than the hour its customer was told (`toldArrivalS`) by more than a slack is priced. */
  readonly toldHour?: ToldHourInput;
}

/** Cost of breaking the hour a customer was told: `costPerS` for every second the door comes past `toldArrivalS + slackS`. */
export interface ToldHourInput {
  readonly slackS: number;
  readonly costPerS: number;
}

/** Cost of a customer's wait: `costPerS` for every second from order to door, plus `overTargetCostPerS` past `targetS`. */
export interface ClickToDoorInput {
  readonly costPerS: number;
  readonly targetS: number;
  readonly overTargetCostPerS: number;
}

/**
 * A market whose stalls a courier walks between: the motorbike is parked once on entering, legs between two of its
 * locations are walked (great-circle metres from their coordinates at `walkingSpeedMps`, no distance ridden, no
 * setup), and `parkingS` replaces `setupS` on arriving from outside. Leaving is riding from the stall as usual.
 */
export interface MarketInput {
  readonly id: string;
  /** Its locations: stalls, and e.g. the pangkalan base; each needs coordinates and belongs to one market. */
  readonly locationIds: readonly string[];
  /** Walking speed in the aisles, m/s. */
  readonly walkingSpeedMps: number;
  /** Parking the motorbike and walking in, paid once per entry into the market, s. */
  readonly parkingS: number;
}

export interface ProblemInput {
  /** Names of the load dimensions, e.g. ['weightKg', 'cashRp']. */
  readonly loadDimensions: readonly string[];
  readonly locations: readonly LocationInput[];
  readonly matrix: MatrixInput;
  /** Paid once per arrival at a location different from the previous one (parking), except inside a market. */
  readonly setupS?: number;
  /** Markets with walking legs between their stalls (optional). */
  readonly markets?: readonly MarketInput[];
  readonly orders: readonly OrderInput[];
  readonly couriers: readonly CourierInput[];
  readonly objective?: ObjectiveInput;
}

export type UnassignedReason =
  | 'capacity'
  | 'time_window'
  | 'max_in_bag'
  | 'skills'
  | 'shift'
  | 'no_courier'
  | 'not_inserted';

export interface PlannedStop {
  /** A pickup id or a delivery id from the input. */
  readonly stopId: string;
  readonly orderId: string;
  readonly kind: 'pickup' | 'delivery';
  readonly locationId: string;
  /** Arrival on foot at a market stall reached from inside the market. */
  readonly arrivalS: number;
  /** Service start: max(arrival + setup (or the market's parking) when the location changes, window earliest). */
  readonly serviceStartS: number;
  readonly departureS: number;
  readonly lateS: number;
  /** Load vector after this stop. */
  readonly loadAfter: readonly number[];
}

export interface PlannedRoute {
  readonly courierId: string;
  readonly stops: readonly PlannedStop[];
  readonly startS: number;
  /** Arrival at the end location, or departure from the last stop when there is no end. */
  readonly endS: number;
  readonly durationS: number;
  readonly distanceM: number;
}

export interface CostBreakdown {
  readonly unassigned: number;
  readonly lateness: number;
  readonly fixed: number;
  readonly duration: number;
  readonly distance: number;
  readonly stability: number;
  /** Service terms (click-to-door, the told hour), when the objective asks for them. */
  readonly service?: number;
  readonly total: number;
}

export interface Solution {
  /** Only couriers with at least one stop. */
  readonly routes: readonly PlannedRoute[];
  readonly unassigned: readonly { readonly orderId: string; readonly reason: UnassignedReason }[];
  readonly cost: CostBreakdown;
}
