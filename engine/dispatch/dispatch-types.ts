// Values the dispatch core speaks in: orders and couriers as the API hands them over, the commands it is fed,
// and the events it returns. Times are epoch milliseconds (`…Ms`), places WGS84 lon/lat.
import type { FleetKind } from '../model/problem-input.js';

export interface DispatchPickup {
  /** Stop id, unique across the market (e.g. the order item group id of one stall). */
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  readonly serviceS: number;
  readonly weightKg: number;
  /** Goods value the courier advances at the stall, rupiah. */
  readonly valueRp: number;
  /** Goods ready from this time (ms); absent: ready now. */
  readonly readyAtMs?: number;
}

export interface DispatchDelivery {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  readonly serviceS: number;
  readonly codRp: number;
  readonly windowStartMs?: number;
  readonly windowEndMs?: number;
}

export interface DispatchOrder {
  readonly id: string;
  readonly pickups: readonly DispatchPickup[];
  readonly delivery: DispatchDelivery;
  readonly maxInBagS?: number;
  readonly skills?: readonly string[];
  /**
   * When the customer placed it (ms); an exchange keeps its parent's, so the customer's whole wait counts. The
   * click-to-door objective counts from here. Absent: when the dispatcher got it.
   */
  readonly placedAtMs?: number;
  /**
   * The courier holding its goods (an exchange: the one whose customer refused them): the order goes to it while it
   * works in the market, to any courier once it has gone.
   */
  readonly heldByCourierId?: string;
}

export interface DispatchCourier {
  readonly id: string;
  readonly fleet: FleetKind;
  /** Box capacity, kg. */
  readonly capacityKg: number;
  /** Cash the courier can advance at stalls, rupiah. */
  readonly cashFloatRp: number;
  readonly skills?: readonly string[];
  readonly speedFactor?: number;
  /** End of shift (ms); absent: open-ended. */
  readonly shiftEndMs?: number;
  /** Pangkalan base the courier returns to; absent: the route ends at its last stop. */
  readonly base?: { readonly lon: number; readonly lat: number };
  /** true when the courier belongs to this market's pangkalan. */
  readonly homeMarket?: boolean;
}

export interface CourierPosition {
  readonly lon: number;
  readonly lat: number;
  readonly atMs: number;
}

/** One stop of a courier's route as it is offered, accepted and streamed. */
export interface RouteStop {
  readonly stopId: string;
  readonly orderId: string;
  readonly kind: 'pickup' | 'delivery';
  readonly lon: number;
  readonly lat: number;
  /** Planned arrival (ms), refreshed from positions. */
  readonly etaMs: number;
}

/**
 * An order a plan puts on a courier's route but keeps back: `commit_horizon`, the courier is busy and reaches the order's
 * first stop only after the commit horizon; `goods_not_ready`, the goods are ready only later (booked ahead).
 */
export interface HeldForLater {
  readonly orderId: string;
  readonly courierId: string;
  readonly reason: 'commit_horizon' | 'goods_not_ready';
  /** When the plan has the courier start at the order's first stop (ms): its arrival, or the goods' ready time when later. */
  readonly firstStopEtaMs: number;
}

/** An order a courier holds on its accepted route (`courierResumed`). */
export interface HeldOrder {
  readonly order: DispatchOrder;
  readonly feeRp: number;
  /** The hour its customer was last told (ms), when known: at the courier's acceptance, or a later update's. */
  readonly toldEtaMs?: number;
  /** Its pickup stops already served (core stop ids). */
  readonly donePickupIds: readonly string[];
}

export type DispatchCommand =
  | { readonly type: 'orderAdded'; readonly order: DispatchOrder }
  | { readonly type: 'orderCancelled'; readonly orderId: string }
  /**
   * `earnedRp`: fees it earned today as whoever enrols it counts them (the store after a restart or on a new day, the
   * market that lends it); it replaces the dispatcher's own count, so the earnings balance follows the courier.
   */
  | { readonly type: 'courierAvailable'; readonly courier: DispatchCourier; readonly position: CourierPosition; readonly distanceM?: number; readonly earnedRp?: number }
  /**
   * A courier already on an accepted route, with the orders it holds, as the system of record knows them: a dispatcher
   * that starts (a restart, a market taken over) takes back busy couriers so they keep getting extensions and re-plans
   * keep the hours their customers were told.
   */
  | {
    readonly type: 'courierResumed'; readonly courier: DispatchCourier; readonly position: CourierPosition; readonly distanceM?: number; readonly earnedRp?: number;
    readonly paused?: boolean; readonly route: readonly RouteStop[]; readonly orders: readonly HeldOrder[];
  }
  /**
   * The customer of an order a courier holds was told a new hour (e.g. a WhatsApp update after its ETA moved): later
   * plans keep that hour instead of the one told at acceptance. Refused for an order no courier holds.
   */
  | { readonly type: 'toldEtaChanged'; readonly orderId: string; readonly toldEtaMs: number }
  | { readonly type: 'courierPosition'; readonly courierId: string; readonly position: CourierPosition }
  | { readonly type: 'courierPaused'; readonly courierId: string; readonly paused: boolean }
  | { readonly type: 'courierOffline'; readonly courierId: string }
  | { readonly type: 'offerAccepted'; readonly offerId: string; readonly courierId: string }
  | { readonly type: 'offerDeclined'; readonly offerId: string; readonly courierId: string }
  /** The system of record expired the offer (its clock is authoritative); same effect as the core's own expiry. */
  | { readonly type: 'offerExpired'; readonly offerId: string }
  /** The offer could not stand (e.g. the store refused it): its orders return to the pool, nobody is excluded. */
  | { readonly type: 'offerWithdrawn'; readonly offerId: string; readonly reason: string }
  | { readonly type: 'stopCompleted'; readonly courierId: string; readonly stopId: string; readonly outcome: 'done' | 'failed'; readonly codCollectedRp?: number }
  | { readonly type: 'forceAssign'; readonly orderId: string; readonly courierId: string }
  | { readonly type: 'unassign'; readonly orderId: string }
  | { readonly type: 'pin'; readonly orderId: string; readonly courierId: string | null }
  | { readonly type: 'replanNow' }
  | { readonly type: 'tick' };

export type PlanReason = 'window' | 'batch_full' | 'courier_idle' | 'courier_at_market' | 'slack' | 'manual' | 'replan';

interface EventBase {
  readonly marketId: string;
  readonly atMs: number;
}

export interface KpiValues {
  /** Orders waiting for a courier (not those booked for later). */
  readonly pendingOrders: number;
  /** Orders booked for a later hour, not yet planned (goods ready beyond the plan-ahead time). */
  readonly bookedOrders: number;
  readonly offeredOrders: number;
  readonly assignedOrders: number;
  readonly deliveredOrders: number;
  readonly failedOrders: number;
  readonly cancelledOrders: number;
  readonly activeCouriers: number;
  readonly idleCouriers: number;
  readonly openOffers: number;
  /** Longest wait of a pending order, seconds. */
  readonly oldestPendingS: number;
}

export type DispatchEvent = EventBase & (
  | { readonly type: 'order.pending'; readonly orderId: string }
  | { readonly type: 'order.cancelled'; readonly orderId: string }
  | { readonly type: 'order.assigned'; readonly orderId: string; readonly courierId: string; readonly feeRp: number; readonly forced: boolean }
  | { readonly type: 'order.unassigned'; readonly orderId: string; readonly courierId: string; readonly reason: string }
  | { readonly type: 'order.unplanned'; readonly orderId: string; readonly reason: string }
  | { readonly type: 'order.picked_up'; readonly orderId: string; readonly courierId: string; readonly stopId: string }
  | { readonly type: 'order.delivered'; readonly orderId: string; readonly courierId: string; readonly codCollectedRp: number }
  | { readonly type: 'order.failed'; readonly orderId: string; readonly courierId: string; readonly stopId: string }
  | { readonly type: 'order.pinned'; readonly orderId: string; readonly courierId: string | null }
  | { readonly type: 'plan.requested'; readonly planId: string; readonly reason: PlanReason; readonly orderCount: number; readonly courierCount: number }
  | {
    readonly type: 'plan.updated'; readonly planId: string; readonly routes: readonly { readonly courierId: string; readonly stops: readonly RouteStop[] }[];
    readonly unassignedOrderIds: readonly string[];
    /** Orders the plan gives a courier but does not offer yet (pending until a later plan): for whom, why, and when. */
    readonly heldOrders: readonly HeldForLater[];
  }
  | { readonly type: 'plan.failed'; readonly planId: string; readonly message: string }
  | { readonly type: 'offer.created'; readonly offerId: string; readonly courierId: string; readonly orderIds: readonly string[]; readonly stops: readonly RouteStop[]; readonly expiresAtMs: number; readonly feesRp: Readonly<Record<string, number>> }
  | { readonly type: 'offer.accepted'; readonly offerId: string; readonly courierId: string; readonly orderIds: readonly string[] }
  | { readonly type: 'offer.declined'; readonly offerId: string; readonly courierId: string; readonly orderIds: readonly string[] }
  | { readonly type: 'offer.expired'; readonly offerId: string; readonly courierId: string; readonly orderIds: readonly string[] }
  | { readonly type: 'offer.withdrawn'; readonly offerId: string; readonly courierId: string; readonly orderIds: readonly string[]; readonly reason: string }
  | { readonly type: 'route.updated'; readonly courierId: string; readonly stops: readonly RouteStop[]; readonly codDueRp: number }
  | { readonly type: 'eta.updated'; readonly courierId: string; readonly stops: readonly { readonly stopId: string; readonly etaMs: number }[] }
  | { readonly type: 'courier.position'; readonly courierId: string; readonly lon: number; readonly lat: number; readonly positionAtMs: number }
  | { readonly type: 'courier.stale'; readonly courierId: string; readonly positionAgeMs: number }
  | { readonly type: 'courier.idle'; readonly courierId: string }
  /** An idle courier far from the market is asked to wait near it (at `lon`, `lat`): orders are expected soon. */
  | { readonly type: 'courier.staging'; readonly courierId: string; readonly lon: number; readonly lat: number }
  | { readonly type: 'kpi'; readonly kpi: KpiValues }
);

export type DispatchEventType = DispatchEvent['type'];

/** What the caller plans: the market as it stood when the batch closed. Plain data (crosses worker threads). */
export interface PlanSnapshot {
  readonly planId: string;
  readonly marketId: string;
  readonly nowMs: number;
  readonly reason: PlanReason;
  readonly orders: readonly SnapshotOrder[];
  readonly couriers: readonly SnapshotCourier[];
  /** order id → courier id in the current plan (stability term). */
  readonly previousAssignment: Readonly<Record<string, string>>;
  /** order id → couriers that must not get it (declined or let the offer expire). */
  readonly exclusions: Readonly<Record<string, readonly string[]>>;
  /** The market, where a courier without a base rides back to after its last stop when plans price that ride. */
  readonly rideBackTo?: { readonly lon: number; readonly lat: number };
}

export interface SnapshotOrder {
  readonly order: DispatchOrder;
  /** When the customer ordered (ms): click-to-door counts from here. */
  readonly createdAtMs?: number;
  /** The hour the customer was told its courier reaches the door (ms), once a courier accepted it. */
  readonly toldEtaMs?: number;
  /** Courier the order must stay on: goods on board, accepted or pinned. */
  readonly lockedCourierId?: string;
  readonly donePickupIds: readonly string[];
}

export interface SnapshotCourier {
  readonly courier: DispatchCourier;
  readonly position: CourierPosition;
  readonly stale: boolean;
  /** Remaining stops of the accepted route, in order (warm start); the first is the one driven to now. */
  readonly routeStopIds: readonly string[];
  /** Waiting with no work since (ms): longest idle first at equal cost. */
  readonly idleSinceMs?: number;
  /** Fees earned today, rupiah: the earnings balance term. */
  readonly earnedRp?: number;
}

export interface PlanRequest {
  readonly planId: string;
  readonly snapshot: PlanSnapshot;
}

export interface DispatchResult {
  readonly events: DispatchEvent[];
  readonly planRequest?: PlanRequest;
}
