// Id lookups over a ProblemInput for the checker: locations, stops, orders and couriers by their string ids.
import type { CourierInput, DeliveryInput, MarketInput, OrderInput, PickupInput, ProblemInput } from '../model/problem-input.js';

/** One stop of the input, as the checker sees it. */
export interface IndexedStop {
  readonly stopId: string;
  readonly order: OrderInput;
  readonly kind: 'pickup' | 'delivery';
  readonly input: PickupInput | DeliveryInput;
  /** Dense index of the stop's location in `ProblemInput.locations`. */
  readonly locationIndex: number;
  /** True for a pickup listed in its order's `donePickupIds`. */
  readonly done: boolean;
}

export interface ProblemIndex {
  readonly input: ProblemInput;
  /** Number of locations (matrix side). */
  readonly n: number;
  readonly locationIndex: ReadonlyMap<string, number>;
  /** Location index → the market it lies in (walking legs inside, parking on entry). */
  readonly marketOf: ReadonlyMap<number, MarketInput>;
  readonly stops: ReadonlyMap<string, IndexedStop>;
  readonly orders: ReadonlyMap<string, OrderInput>;
  readonly couriers: ReadonlyMap<string, CourierInput>;
  /** Stop ids an order still needs planned: its pickups not done, then its delivery. */
  readonly remainingStopIds: ReadonlyMap<string, readonly string[]>;
}

/** Builds the lookups; unknown location ids map to -1 (the solution checks report them, the index never throws). */
export function indexProblem(input: ProblemInput): ProblemIndex {
  const locationIndex = new Map<string, number>();
  input.locations.forEach((location, i) => locationIndex.set(location.id, i));
  const stops = new Map<string, IndexedStop>();
  const orders = new Map<string, OrderInput>();
  const remainingStopIds = new Map<string, string[]>();
  for (const order of input.orders) {
    orders.set(order.id, order);
    const done = new Set(order.donePickupIds ?? []);
    const remaining: string[] = [];
    for (const pickup of order.pickups) {
      const isDone = done.has(pickup.id);
      stops.set(pickup.id, { stopId: pickup.id, order, kind: 'pickup', input: pickup, locationIndex: locationIndex.get(pickup.locationId) ?? -1, done: isDone });
      if (!isDone) remaining.push(pickup.id);
    }
    const delivery = order.delivery;
    stops.set(delivery.id, { stopId: delivery.id, order, kind: 'delivery', input: delivery, locationIndex: locationIndex.get(delivery.locationId) ?? -1, done: false });
    remaining.push(delivery.id);
    remainingStopIds.set(order.id, remaining);
  }
  const couriers = new Map<string, CourierInput>();
  for (const courier of input.couriers) couriers.set(courier.id, courier);
  const marketOf = new Map<number, MarketInput>();
  for (const market of input.markets ?? []) {
    for (const id of market.locationIds) {
      const l = locationIndex.get(id);
      if (l !== undefined) marketOf.set(l, market);
    }
  }
  return { input, n: input.locations.length, locationIndex, marketOf, stops, orders, couriers, remainingStopIds };
}

/** The load an on-board order brings onto its courier at the start: the sum of its done pickups' loads. */
export function doneLoad(order: OrderInput, dimensions: number): number[] {
  const load = new Array<number>(dimensions).fill(0);
  const done = new Set(order.donePickupIds ?? []);
  for (const pickup of order.pickups) {
    if (!done.has(pickup.id)) continue;
    for (let d = 0; d < dimensions; d++) load[d] += pickup.load[d] ?? 0;
  }
  return load;
}

/** True when an order has goods on its courier at the start of the plan. */
export function isOnBoard(order: OrderInput): boolean {
  return order.onBoardCourierId !== undefined && (order.donePickupIds?.length ?? 0) > 0;
}
