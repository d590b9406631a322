// Re-planning with frozen stops: turns a market snapshot plus a travel table into the solver's ProblemInput.
// Finished stops are gone, goods on board and accepted orders stay on their courier, the stop a courier drives
// to stays first, the current routes are the warm start. The problem clock is seconds since the snapshot.
import type { LonLat } from '../routing/routing-provider.js';
import type { CourierInput, MatrixInput, OrderInput, PickupInput, PlannedStop, ProblemInput, Solution } from '../model/problem-input.js';
import { DISPATCH_DEFAULTS, type DispatchConfig } from './dispatch-config.js';
import { planObjective } from './plan-objective.js';
import { fairWorkCosts } from './fair-work.js';
import type { DispatchCourier, PlanSnapshot } from './dispatch-types.js';
import { stallMarket } from './stall-walking.js';
import { coordinateKey } from '../geo.js';

const DAY_S = 86_400;

/** The distinct points of a snapshot, in a stable order; `indexOf` maps a coordinate key to its index. */
export interface PlanLocations {
  readonly points: readonly LonLat[];
  readonly indexOf: ReadonlyMap<string, number>;
}

/** Square travel matrix over `PlanLocations.points`, row-major (i * n + j), seconds and metres: the solver's own matrix shape. */
export type PlanMatrix = MatrixInput;

export interface BuiltProblem {
  readonly problem: ProblemInput;
  /** Warm start for the solver: each courier's current remaining stops, in order (times left at zero). */
  readonly initial: Solution;
  /** Road distance (metres) from each order's first stall to its customer: the basis of its fee. */
  readonly deliveryLegM: Readonly<Record<string, number>>;
}


/** Collects courier positions, bases, stalls and customers, each distinct coordinate once. */
export function planLocations(snapshot: PlanSnapshot): PlanLocations {
  const points: LonLat[] = [];
  const indexOf = new Map<string, number>();
  const add = (lon: number, lat: number): void => {
    const key = coordinateKey(lon, lat);
    if (!indexOf.has(key)) {
      indexOf.set(key, points.length);
      points.push([lon, lat]);
    }
  };
  for (const c of snapshot.couriers) {
    add(c.position.lon, c.position.lat);
    if (c.courier.base) add(c.courier.base.lon, c.courier.base.lat);
  }
  for (const { order } of snapshot.orders) {
    for (const p of order.pickups) add(p.lon, p.lat);
    add(order.delivery.lon, order.delivery.lat);
  }
  if (snapshot.rideBackTo) add(snapshot.rideBackTo.lon, snapshot.rideBackTo.lat);
  return { points, indexOf };
}

/** A courier going off within this long (ms) is not priced a ride back to the market: it rides home. */
const RIDE_BACK_MIN_SHIFT_LEFT_MS = 3_600_000;

/** Whether a courier without a base is priced the ride back to the market after its last stop in this plan. */
function ridesBack(courier: DispatchCourier, snapshot: PlanSnapshot): boolean {
  return snapshot.rideBackTo !== undefined && (courier.shiftEndMs === undefined || courier.shiftEndMs - snapshot.nowMs > RIDE_BACK_MIN_SHIFT_LEFT_MS);
}

/** Builds the ProblemInput for `snapshot` over the matrix of `planLocations(snapshot)`. */
export function buildProblem(snapshot: PlanSnapshot, matrix: PlanMatrix, config: Pick<DispatchConfig, 'softTimeWindows' | 'stabilityCost' | 'pool'> & Partial<Pick<DispatchConfig, 'shiftGraceMs' | 'maxOrdersPerRoute' | 'latenessCostPerS' | 'clickToDoor' | 'toldHour' | 'idleQueueStepCost' | 'earningsBalanceCostPerRp' | 'stallWalking'>>): BuiltProblem {
  const locations = planLocations(snapshot);
  const n = locations.points.length;
  const loc = (lon: number, lat: number): string => `L${locations.indexOf.get(coordinateKey(lon, lat))}`;
  const toS = (ms: number): number => Math.max(0, Math.round((ms - snapshot.nowMs) / 1000));
  const courierIds = new Set(snapshot.couriers.map((c) => c.courier.id));
  const graceMs = config.shiftGraceMs ?? 0; // the trip in hand may end this long after the shift

  const allowSkills = new Map<string, string>(); // courier id excluded for some order → that order's allow-skill
  const orders: OrderInput[] = [];
  const deliveryLegM: Record<string, number> = {};
  for (const { order, lockedCourierId, donePickupIds, createdAtMs, toldEtaMs } of snapshot.orders) {
    const done = new Set(donePickupIds);
    const pickups: PickupInput[] = order.pickups.map((p) => ({
      id: p.id,
      locationId: loc(p.lon, p.lat),
      serviceS: p.serviceS,
      load: [p.weightKg, p.valueRp],
      ...(p.readyAtMs !== undefined && !done.has(p.id) ? { window: { earliestS: toS(p.readyAtMs), latestS: DAY_S } } : {}),
    }));
    const d = order.delivery;
    const earliestS = d.windowStartMs !== undefined ? toS(d.windowStartMs) : 0;
    const window = d.windowEndMs !== undefined || d.windowStartMs !== undefined
      ? { earliestS, latestS: Math.max(earliestS, d.windowEndMs !== undefined ? toS(d.windowEndMs) : DAY_S) }
      : undefined;
    const excluded = lockedCourierId === undefined ? (snapshot.exclusions[order.id] ?? []).filter((id) => courierIds.has(id)) : [];
    const skills = [...(order.skills ?? [])];
    if (excluded.length > 0) {
      const allow = `allow:${order.id}`;
      skills.push(allow);
      for (const c of snapshot.couriers) if (!excluded.includes(c.courier.id)) allowSkills.set(`${c.courier.id}\u0000${allow}`, allow);
    }
    orders.push({
      id: order.id,
      pickups,
      delivery: { id: d.id, locationId: loc(d.lon, d.lat), serviceS: d.serviceS, codRp: d.codRp, ...(window ? { window } : {}) },
      ...(order.maxInBagS !== undefined ? { maxInBagS: order.maxInBagS } : {}),
      ...(skills.length > 0 ? { skills } : {}),
      ...(lockedCourierId !== undefined ? { onBoardCourierId: lockedCourierId, donePickupIds: [...done] } : {}),
      ...(createdAtMs !== undefined ? { createdS: Math.round((createdAtMs - snapshot.nowMs) / 1000) } : {}),
      ...(toldEtaMs !== undefined ? { toldArrivalS: Math.round((toldEtaMs - snapshot.nowMs) / 1000) } : {}),
    });
    const first = order.pickups[0];
    const from = locations.indexOf.get(coordinateKey(first.lon, first.lat)) ?? 0;
    const to = locations.indexOf.get(coordinateKey(d.lon, d.lat)) ?? 0;
    deliveryLegM[order.id] = Number(matrix.distanceM[from * n + to]);
  }

  // The bag cap in stops, from this batch's mean stops per order (applyPlan enforces the cap in orders exactly).
  const stopsPerOrder = orders.reduce((n, o) => n + o.pickups.length + 1, 0) / Math.max(1, orders.length);
  const maxStops = config.maxOrdersPerRoute !== undefined ? Math.ceil(config.maxOrdersPerRoute * stopsPerOrder) : undefined;
  const fair = fairWorkCosts(snapshot.couriers, snapshot.nowMs, { idleQueueStepCost: 0, earningsBalanceCostPerRp: 0, ...config });
  const couriers: CourierInput[] = snapshot.couriers.map(({ courier, position, stale, routeStopIds }) => {
    const skills = [...(courier.skills ?? [])];
    for (const [key, allow] of allowSkills) if (key.startsWith(`${courier.id}\u0000`)) skills.push(allow);
    const penalise = stale && config.pool.stale === 'penalise';
    const end = courier.base ?? (ridesBack(courier, snapshot) ? snapshot.rideBackTo : undefined);
    return {
      id: courier.id,
      fleet: courier.fleet,
      startLocationId: loc(position.lon, position.lat),
      startS: 0,
      // A pangkalan courier's route ends at its base; an ojol courier's at the market when the ride back is priced.
      ...(end ? { endLocationId: loc(end.lon, end.lat) } : {}),
      shift: { earliestS: 0, latestS: courier.shiftEndMs !== undefined ? Math.max(0, toS(courier.shiftEndMs + graceMs)) : DAY_S },
      capacity: [courier.capacityKg, courier.cashFloatRp],
      ...(maxStops !== undefined ? { maxStops: Math.max(maxStops, routeStopIds.length) } : {}),
      ...(skills.length > 0 ? { skills } : {}),
      ...(courier.speedFactor !== undefined ? { speedFactor: courier.speedFactor } : {}),
      ...(penalise || fair.has(courier.id) ? { fixedCost: (penalise ? config.pool.staleFixedCost : 0) + (fair.get(courier.id) ?? 0) } : {}),
      ...(routeStopIds.length > 0 ? { nextStopId: routeStopIds[0] } : {}),
    };
  });

  const inProblem = new Set(orders.map((o) => o.id));
  const previousAssignment: Record<string, string> = {};
  for (const [orderId, courierId] of Object.entries(snapshot.previousAssignment)) {
    if (inProblem.has(orderId) && courierIds.has(courierId)) previousAssignment[orderId] = courierId;
  }
  const problem: ProblemInput = {
    loadDimensions: ['weightKg', 'cashRp'],
    locations: locations.points.map(([lon, lat], i) => ({ id: `L${i}`, lon, lat })),
    matrix: { durationS: matrix.durationS, distanceM: matrix.distanceM },
    // Every pickup is a stall of this market: the courier walks between them.
    ...(config.stallWalking ? { markets: [stallMarket(snapshot.marketId, orders.flatMap((o) => o.pickups.map((p) => p.locationId)), config.stallWalking)] } : {}),
    orders,
    couriers,
    objective: planObjective({ latenessCostPerS: DISPATCH_DEFAULTS.latenessCostPerS, clickToDoor: null, toldHour: null, ...config }, previousAssignment),
  };
  return { problem, initial: warmStart(snapshot, problem), deliveryLegM };
}

/** The couriers' accepted routes as a Solution the solver can load (only ids matter to it). */
function warmStart(snapshot: PlanSnapshot, problem: ProblemInput): Solution {
  const stopInfo = new Map<string, { orderId: string; kind: 'pickup' | 'delivery'; locationId: string }>();
  for (const o of problem.orders) {
    for (const p of o.pickups) stopInfo.set(p.id, { orderId: o.id, kind: 'pickup', locationId: p.locationId });
    stopInfo.set(o.delivery.id, { orderId: o.id, kind: 'delivery', locationId: o.delivery.locationId });
  }
  const routes = snapshot.couriers
    .filter((c) => c.routeStopIds.length > 0)
    .map((c) => {
      const stops: PlannedStop[] = c.routeStopIds.filter((id) => stopInfo.has(id)).map((stopId) => ({
        stopId, ...stopInfo.get(stopId)!, arrivalS: 0, serviceStartS: 0, departureS: 0, lateS: 0, loadAfter: [],
      }));
      return { courierId: c.courier.id, stops, startS: 0, endS: 0, durationS: 0, distanceM: 0 };
    });
  const cost = { unassigned: 0, lateness: 0, fixed: 0, duration: 0, distance: 0, stability: 0, total: 0 };
  return { routes, unassigned: [], cost };
}
