// Recomputes one route's timeline from its stop sequence: travel, setup, waiting, service, load, lateness, end.
import { haversineM } from '../geo.js';
import { COURIER_COST_DEFAULTS } from '../model/defaults.js';
import type { CourierInput, PlannedRoute, PlannedStop } from '../model/problem-input.js';
import { doneLoad, isOnBoard, type IndexedStop, type ProblemIndex } from './problem-index.js';

/** A recomputed route plus what the rules need beyond the PlannedRoute fields. */
export interface RouteTimeline {
  readonly route: PlannedRoute;
  /** The known input stops of the route, in order (unknown stop ids are skipped). */
  readonly stops: readonly IndexedStop[];
  /** Load on board when the courier starts, per dimension. */
  readonly startLoad: readonly number[];
}

/**
 * Simulates `stopIds` on `courier`: start at max(startS, shift.earliestS) at the start location; travel
 * i→j takes durationS / speedFactor; setup is paid once per change of location; service starts at
 * max(arrival + setup, window earliest); a pickup adds its load, a delivery removes what its order carries.
 * Inside a market (`ProblemInput.markets`) a leg between two of its locations is walked: great-circle metres
 * between their coordinates at the market's walking speed, no metres ridden, no setup; arriving from outside the
 * market pays its parking time instead of the setup.
 */
export function recomputeRoute(index: ProblemIndex, courier: CourierInput, stopIds: readonly string[]): RouteTimeline {
  const { input } = index;
  const dimensions = input.loadDimensions.length;
  const setupS = input.setupS ?? 0;
  const speedFactor = courier.speedFactor ?? COURIER_COST_DEFAULTS.speedFactor;

  // Goods each order carries on this courier, per dimension; on-board orders start loaded.
  const carried = new Map<string, number[]>();
  const load = new Array<number>(dimensions).fill(0);
  for (const order of index.orders.values()) {
    if (order.onBoardCourierId !== courier.id || !isOnBoard(order)) continue;
    const orderLoad = doneLoad(order, dimensions);
    carried.set(order.id, orderLoad);
    for (let d = 0; d < dimensions; d++) load[d] += orderLoad[d];
  }
  const startLoad = load.slice();

  const startS = Math.max(courier.startS, courier.shift.earliestS);
  let position = index.locationIndex.get(courier.startLocationId) ?? -1;
  let clockS = startS;
  let travelledM = 0;
  const planned: PlannedStop[] = [];
  const known: IndexedStop[] = [];
  for (const stopId of stopIds) {
    const stop = index.stops.get(stopId);
    if (!stop) continue;
    known.push(stop);
    const to = stop.locationIndex;
    const moved = to !== position;
    const leg = legBetween(index, position, to, speedFactor);
    const arrivalS = clockS + leg.seconds;
    travelledM += leg.metres;
    const market = index.marketOf.get(to);
    const setupHereS = !moved || leg.walked ? 0 : market ? market.parkingS : setupS;
    const window = stop.input.window;
    const serviceStartS = Math.max(arrivalS + setupHereS, window?.earliestS ?? -Infinity);
    const departureS = serviceStartS + stop.input.serviceS;
    const lateS = window ? Math.max(0, serviceStartS - window.latestS) : 0;
    applyLoad(stop, load, carried, dimensions);
    planned.push({ stopId, orderId: stop.order.id, kind: stop.kind, locationId: stop.input.locationId, arrivalS, serviceStartS, departureS, lateS, loadAfter: load.slice() });
    clockS = departureS;
    position = to;
  }
  let endS = clockS;
  const end = courier.endLocationId !== undefined ? (index.locationIndex.get(courier.endLocationId) ?? -1) : -1;
  if (end >= 0 && position >= 0) {
    const leg = legBetween(index, position, end, speedFactor);
    endS = clockS + leg.seconds;
    travelledM += leg.metres;
  }
  const route: PlannedRoute = { courierId: courier.id, stops: planned, startS, endS, durationS: endS - startS, distanceM: travelledM };
  return { route, stops: known, startLoad };
}

/** The leg from location `from` to `to`: walked inside one market, ridden otherwise (unknown locations: nothing). */
function legBetween(index: ProblemIndex, from: number, to: number, speedFactor: number): { seconds: number; metres: number; walked: boolean } {
  if (from < 0 || to < 0) return { seconds: 0, metres: 0, walked: false };
  const market = index.marketOf.get(to);
  if (from !== to && market !== undefined && index.marketOf.get(from) === market) {
    const a = index.input.locations[from], b = index.input.locations[to];
    return { seconds: haversineM(a.lon ?? 0, a.lat ?? 0, b.lon ?? 0, b.lat ?? 0) / market.walkingSpeedMps, metres: 0, walked: true };
  }
  const { durationS, distanceM } = index.input.matrix;
  return { seconds: durationS[from * index.n + to] / speedFactor, metres: distanceM[from * index.n + to], walked: false };
}

/** A pickup adds its load to its order's goods on board; a delivery unloads all of its order's goods. */
function applyLoad(stop: IndexedStop, load: number[], carried: Map<string, number[]>, dimensions: number): void {
  const orderId = stop.order.id;
  if (stop.done) return; // a done pickup planned again (a violation) brings no new goods
  if (stop.kind === 'pickup') {
    const pickupLoad = (stop.input as { load: readonly number[] }).load;
    const goods = carried.get(orderId) ?? new Array<number>(dimensions).fill(0);
    for (let d = 0; d < dimensions; d++) {
      goods[d] += pickupLoad[d] ?? 0;
      load[d] += pickupLoad[d] ?? 0;
    }
    carried.set(orderId, goods);
    return;
  }
  const goods = carried.get(orderId);
  if (!goods) return;
  for (let d = 0; d < dimensions; d++) load[d] -= goods[d];
  carried.delete(orderId);
}
