// compileProblem: validates a ProblemInput (InputError naming the field) and compiles it into immutable index-based arrays.
import { InputError } from '../errors.js';
import { haversineM } from '../geo.js';
import type { CompiledProblem } from './compiled-problem.js';
import { finite, known, nonNegative, uniqueId, vectorOf, windowOf } from './compile-validate.js';
import { COURIER_COST_DEFAULTS, OBJECTIVE_DEFAULTS } from './defaults.js';
import type { ProblemInput } from './problem-input.js';

export type { CompiledProblem } from './compiled-problem.js';

/** Validates `input` and compiles it; throws InputError (field named) on bad input. */
export function compileProblem(input: ProblemInput): CompiledProblem {
  if (input === null || typeof input !== 'object') throw new InputError('invalid_input', 'problem input must be an object');
  if (!Array.isArray(input.loadDimensions)) throw new InputError('invalid_input', 'loadDimensions must be an array', 'loadDimensions');
  for (const key of ['locations', 'orders', 'couriers'] as const) {
    if (!Array.isArray(input[key])) throw new InputError('invalid_input', `${key} must be an array`, key);
  }
  const dims = input.loadDimensions.length;
  const locationIndex = new Map<string, number>();
  const locationSeen = new Set<string>();
  input.locations.forEach((l, i) => locationIndex.set(uniqueId(l?.id, locationSeen, `locations[${i}].id`), i));
  const n = input.locations.length;
  const { durationS, distanceM } = compileMatrices(input, n);
  const setupS = input.setupS === undefined ? 0 : nonNegative(input.setupS, 'setupS');
  const { locationMarket, legExtraS } = compileMarkets(input, n, locationIndex, setupS, durationS, distanceM);

  const courierIndex = new Map<string, number>();
  const courierSeen = new Set<string>();
  input.couriers.forEach((c, i) => courierIndex.set(uniqueId(c?.id, courierSeen, `couriers[${i}].id`), i));
  const orderSeen = new Set<string>();
  input.orders.forEach((o, i) => uniqueId(o?.id, orderSeen, `orders[${i}].id`));

  const stops = compileStops(input, dims, locationIndex, courierIndex);
  const couriers = compileCouriers(input, dims, locationIndex, stops.stopIndex);
  const objective = input.objective ?? {};
  const softTimeWindows = objective.softTimeWindows ?? OBJECTIVE_DEFAULTS.softTimeWindows;
  const latenessCostPerS = nonNegative(objective.latenessCostPerS ?? OBJECTIVE_DEFAULTS.latenessCostPerS, 'objective.latenessCostPerS');
  const stabilityCost = nonNegative(objective.stabilityCost ?? OBJECTIVE_DEFAULTS.stabilityCost, 'objective.stabilityCost');
  const defaultUnassigned = nonNegative(objective.unassignedCost ?? OBJECTIVE_DEFAULTS.unassignedCost, 'objective.unassignedCost');

  const orderCount = input.orders.length;
  const C = input.couriers.length;
  const orderUnassignedCost = new Float64Array(orderCount);
  const orderPreviousCourier = new Int32Array(orderCount).fill(-1);
  const orderSkillsOk = new Uint8Array(orderCount * C);
  const orderPinnedCourier = stops.orderOnBoardCourier.slice();
  const orderLocked = new Uint8Array(orderCount);
  const previous = objective.previousAssignment ?? {};
  const orderIndex = new Map<string, number>();
  input.orders.forEach((o, i) => orderIndex.set(o.id, i));
  for (const [orderId, courierId] of Object.entries(previous)) {
    const o = known(orderIndex, orderId, `objective.previousAssignment`);
    orderPreviousCourier[o] = known(courierIndex, courierId, `objective.previousAssignment.${orderId}`);
  }
  for (let o = 0; o < orderCount; o++) {
    const order = input.orders[o];
    orderUnassignedCost[o] = order.unassignedCost === undefined ? defaultUnassigned : nonNegative(order.unassignedCost, `orders[${o}].unassignedCost`);
    const need = order.skills ?? [];
    for (let c = 0; c < C; c++) {
      const has = input.couriers[c].skills ?? [];
      orderSkillsOk[o * C + c] = need.every((s) => has.includes(s)) ? 1 : 0;
    }
  }
  for (let c = 0; c < C; c++) {
    const s = couriers.courierNextStop[c];
    if (s < 0) continue;
    const o = stops.stopOrder[s];
    if (orderPinnedCourier[o] >= 0 && orderPinnedCourier[o] !== c) {
      throw new InputError('frozen_conflict', `couriers[${c}].nextStopId belongs to an order on board another courier`, `couriers[${c}].nextStopId`);
    }
    if (orderLocked[o]) throw new InputError('frozen_conflict', `couriers[${c}].nextStopId belongs to an order already locked by another courier`, `couriers[${c}].nextStopId`);
    orderPinnedCourier[o] = c;
    orderLocked[o] = 1;
  }
  for (let o = 0; o < orderCount; o++) {
    if (stops.orderHasDonePickups[o]) {
      const c = orderPinnedCourier[o];
      for (let d = 0; d < dims; d++) couriers.courierInitialLoad[c * dims + d] += stops.doneLoad[o * dims + d];
    }
  }
  const orderCreatedS = Float64Array.from(input.orders, (o, i) => (o.createdS === undefined ? 0 : finite(o.createdS, `orders[${i}].createdS`)));
  const c2d = objective.clickToDoor;
  const clickToDoor = c2d === undefined ? null : {
    costPerS: nonNegative(c2d.costPerS, 'objective.clickToDoor.costPerS'),
    targetS: nonNegative(c2d.targetS, 'objective.clickToDoor.targetS'),
    overTargetCostPerS: nonNegative(c2d.overTargetCostPerS, 'objective.clickToDoor.overTargetCostPerS'),
  };
  const orderToldArrivalS = Float64Array.from(input.orders, (o, i) => (o.toldArrivalS === undefined ? Infinity : finite(o.toldArrivalS, `orders[${i}].toldArrivalS`)));
  const told = objective.toldHour;
  const toldHour = told === undefined ? null : {
    slackS: nonNegative(told.slackS, 'objective.toldHour.slackS'),
    costPerS: nonNegative(told.costPerS, 'objective.toldHour.costPerS'),
  };
  let anyMaxInBag = false;
  for (let o = 0; o < orderCount; o++) if (stops.orderMaxInBagS[o] < Infinity) anyMaxInBag = true;

  return {
    input, dims, locationCount: n, locationIds: input.locations.map((l) => l.id), durationS, distanceM, setupS, locationMarket, legExtraS,
    stopCount: stops.stopCount, stopIds: stops.stopIds, stopLocation: stops.stopLocation, stopServiceS: stops.stopServiceS,
    stopEarliestS: stops.stopEarliestS, stopLatestS: stops.stopLatestS, stopLoad: stops.stopLoad, stopOrder: stops.stopOrder,
    stopIsDelivery: stops.stopIsDelivery,
    orderCount, orderIds: input.orders.map((o) => o.id), orderFirstStop: stops.orderFirstStop, orderStopCount: stops.orderStopCount,
    orderLoad: stops.orderLoad, orderMaxInBagS: stops.orderMaxInBagS, orderUnassignedCost, orderHasDonePickups: stops.orderHasDonePickups,
    orderPinnedCourier, orderLocked, orderPreviousCourier, orderSkillsOk,
    courierCount: C, courierIds: input.couriers.map((c) => c.id), ...couriers,
    orderCreatedS, clickToDoor, orderToldArrivalS, toldHour,
    softTimeWindows: softTimeWindows === true, latenessCostPerS, stabilityCost, anyMaxInBag,
  };
}

function compileMatrices(input: ProblemInput, n: number): { durationS: Float64Array; distanceM: Float64Array } {
  const matrix = input.matrix;
  if (matrix === null || typeof matrix !== 'object') throw new InputError('invalid_input', 'matrix must be an object', 'matrix');
  const out = { durationS: new Float64Array(n * n), distanceM: new Float64Array(n * n) };
  for (const key of ['durationS', 'distanceM'] as const) {
    const m = matrix[key];
    if (m === null || typeof m !== 'object' || m.length !== n * n) {
      throw new InputError('matrix_size', `matrix.${key} must hold ${n}·${n} = ${n * n} entries (got ${m?.length})`, `matrix.${key}`);
    }
    const target = out[key];
    for (let k = 0; k < n * n; k++) {
      const v = m[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError('not_finite', `matrix.${key}[${k}] must be a finite number`, `matrix.${key}[${k}]`);
      if (v < 0) throw new InputError('negative_value', `matrix.${key}[${k}] must not be negative`, `matrix.${key}[${k}]`);
      target[k] = v;
    }
  }
  return out;
}

/**
 * Markets: which location lies in which, and the extra time of every leg (walking inside a market, parking on
 * entering one, setup elsewhere). Zeroes the ridden duration and distance of legs inside a market.
 */
function compileMarkets(input: ProblemInput, n: number, locationIndex: Map<string, number>, setupS: number, durationS: Float64Array, distanceM: Float64Array) {
  const locationMarket = new Int32Array(n).fill(-1);
  const markets = input.markets ?? [];
  if (!Array.isArray(markets)) throw new InputError('invalid_input', 'markets must be an array', 'markets');
  const speed: number[] = [], parking: number[] = [];
  const seen = new Set<string>();
  markets.forEach((m, k) => {
    const f = `markets[${k}]`;
    uniqueId(m?.id, seen, `${f}.id`);
    const v = finite(m.walkingSpeedMps, `${f}.walkingSpeedMps`);
    if (v <= 0) throw new InputError('negative_value', `${f}.walkingSpeedMps must be positive`, `${f}.walkingSpeedMps`);
    speed.push(v);
    parking.push(nonNegative(m.parkingS, `${f}.parkingS`));
    if (!Array.isArray(m.locationIds)) throw new InputError('invalid_input', `${f}.locationIds must be an array`, `${f}.locationIds`);
    m.locationIds.forEach((id: string, q: number) => {
      const l = known(locationIndex, id, `${f}.locationIds[${q}]`);
      if (locationMarket[l] >= 0) throw new InputError('duplicate_id', `location '${id}' belongs to two markets`, `${f}.locationIds[${q}]`);
      const loc = input.locations[l];
      if (loc.lon === undefined || loc.lat === undefined) throw new InputError('missing_coordinates', `market location '${id}' needs coordinates for walking`, `locations[${l}]`);
      locationMarket[l] = k;
    });
  });
  const legExtraS = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const m = locationMarket[j];
      if (m >= 0 && locationMarket[i] === m) {
        const a = input.locations[i], b = input.locations[j];
        legExtraS[i * n + j] = haversineM(a.lon!, a.lat!, b.lon!, b.lat!) / speed[m];
        durationS[i * n + j] = 0;
        distanceM[i * n + j] = 0;
      } else legExtraS[i * n + j] = m >= 0 ? parking[m] : setupS;
    }
  }
  return { locationMarket, legExtraS };
}

function compileStops(input: ProblemInput, dims: number, locationIndex: Map<string, number>, courierIndex: Map<string, number>) {
  const orderCount = input.orders.length;
  const stopIds: string[] = [];
  const loc: number[] = [], service: number[] = [], early: number[] = [], late: number[] = [], load: number[] = [], owner: number[] = [], isDel: number[] = [];
  const orderFirstStop = new Int32Array(orderCount);
  const orderStopCount = new Int32Array(orderCount);
  const orderLoad = new Float64Array(orderCount * dims);
  const doneLoad = new Float64Array(orderCount * dims);
  const orderMaxInBagS = new Float64Array(orderCount).fill(Infinity);
  const orderHasDonePickups = new Uint8Array(orderCount);
  const orderOnBoardCourier = new Int32Array(orderCount).fill(-1);
  const stopSeen = new Set<string>();
  const stopIndex = new Map<string, number>();
  for (let o = 0; o < orderCount; o++) {
    const order = input.orders[o];
    const f = `orders[${o}]`;
    if (!Array.isArray(order.pickups) || order.pickups.length === 0) throw new InputError('empty_pickups', `${f}.pickups must hold at least one pickup`, `${f}.pickups`);
    if (order.delivery === null || typeof order.delivery !== 'object') throw new InputError('invalid_input', `${f}.delivery is required`, `${f}.delivery`);
    if (order.maxInBagS !== undefined) orderMaxInBagS[o] = nonNegative(order.maxInBagS, `${f}.maxInBagS`);
    const done = new Set(order.donePickupIds ?? []);
    for (const id of done) {
      if (!order.pickups.some((p) => p?.id === id)) throw new InputError('unknown_id', `${f}.donePickupIds '${id}' is not a pickup of this order`, `${f}.donePickupIds`);
    }
    if (order.onBoardCourierId !== undefined) orderOnBoardCourier[o] = known(courierIndex, order.onBoardCourierId, `${f}.onBoardCourierId`);
    if (done.size > 0 && orderOnBoardCourier[o] < 0) throw new InputError('invalid_input', `${f}.donePickupIds needs onBoardCourierId`, `${f}.onBoardCourierId`);
    orderHasDonePickups[o] = done.size > 0 ? 1 : 0;
    orderFirstStop[o] = stopIds.length;
    order.pickups.forEach((p, k) => {
      const pf = `${f}.pickups[${k}]`;
      const id = uniqueId(p?.id, stopSeen, `${pf}.id`);
      const l = known(locationIndex, p.locationId, `${pf}.locationId`);
      const s = nonNegative(p.serviceS, `${pf}.serviceS`);
      const [e, lt] = windowOf(p.window, `${pf}.window`);
      const v = vectorOf(p.load, dims, `${pf}.load`, true);
      if (done.has(id)) {
        for (let d = 0; d < dims; d++) doneLoad[o * dims + d] += v[d];
        return;
      }
      stopIndex.set(id, stopIds.length);
      stopIds.push(id); loc.push(l); service.push(s); early.push(e); late.push(lt); owner.push(o); isDel.push(0);
      for (let d = 0; d < dims; d++) { load.push(v[d]); orderLoad[o * dims + d] += v[d]; }
    });
    const df = `${f}.delivery`;
    const del = order.delivery;
    const id = uniqueId(del.id, stopSeen, `${df}.id`);
    stopIndex.set(id, stopIds.length);
    stopIds.push(id);
    loc.push(known(locationIndex, del.locationId, `${df}.locationId`));
    service.push(nonNegative(del.serviceS, `${df}.serviceS`));
    const [e, lt] = windowOf(del.window, `${df}.window`);
    early.push(e); late.push(lt); owner.push(o); isDel.push(1);
    if (del.codRp !== undefined) finite(del.codRp, `${df}.codRp`);
    for (let d = 0; d < dims; d++) load.push(-(orderLoad[o * dims + d] + doneLoad[o * dims + d]));
    orderStopCount[o] = stopIds.length - orderFirstStop[o];
  }
  return {
    stopCount: stopIds.length, stopIds, stopIndex,
    stopLocation: Int32Array.from(loc), stopServiceS: Float64Array.from(service), stopEarliestS: Float64Array.from(early),
    stopLatestS: Float64Array.from(late), stopLoad: Float64Array.from(load), stopOrder: Int32Array.from(owner),
    stopIsDelivery: Uint8Array.from(isDel),
    orderFirstStop, orderStopCount, orderLoad, doneLoad, orderMaxInBagS, orderHasDonePickups, orderOnBoardCourier,
  };
}

function compileCouriers(input: ProblemInput, dims: number, locationIndex: Map<string, number>, stopIndex: Map<string, number>) {
  const C = input.couriers.length;
  const out = {
    courierStartLocation: new Int32Array(C), courierStartS: new Float64Array(C), courierEndLocation: new Int32Array(C).fill(-1),
    courierLatestEndS: new Float64Array(C), courierCapacity: new Float64Array(C * dims), courierInitialLoad: new Float64Array(C * dims),
    courierMaxStops: new Int32Array(C), courierInvSpeed: new Float64Array(C), courierFixedCost: new Float64Array(C),
    courierCostPerHour: new Float64Array(C), courierCostPerKm: new Float64Array(C), courierNextStop: new Int32Array(C).fill(-1),
  };
  for (let c = 0; c < C; c++) {
    const courier = input.couriers[c];
    const f = `couriers[${c}]`;
    if (courier.fleet !== 'ojol' && courier.fleet !== 'pangkalan') throw new InputError('invalid_input', `${f}.fleet must be 'ojol' or 'pangkalan'`, `${f}.fleet`);
    out.courierStartLocation[c] = known(locationIndex, courier.startLocationId, `${f}.startLocationId`);
    if (courier.endLocationId !== undefined) out.courierEndLocation[c] = known(locationIndex, courier.endLocationId, `${f}.endLocationId`);
    const startS = finite(courier.startS, `${f}.startS`);
    if (courier.shift === null || typeof courier.shift !== 'object') throw new InputError('invalid_input', `${f}.shift is required`, `${f}.shift`);
    const [shiftEarly, shiftLate] = windowOf(courier.shift, `${f}.shift`);
    out.courierStartS[c] = Math.max(startS, shiftEarly);
    out.courierLatestEndS[c] = shiftLate;
    const cap = vectorOf(courier.capacity, dims, `${f}.capacity`, true);
    for (let d = 0; d < dims; d++) out.courierCapacity[c * dims + d] = cap[d];
    out.courierMaxStops[c] = courier.maxStops === undefined ? 0x3fffffff : Math.floor(nonNegative(courier.maxStops, `${f}.maxStops`));
    const speed = courier.speedFactor === undefined ? COURIER_COST_DEFAULTS.speedFactor : finite(courier.speedFactor, `${f}.speedFactor`);
    if (speed <= 0) throw new InputError('negative_value', `${f}.speedFactor must be positive`, `${f}.speedFactor`);
    out.courierInvSpeed[c] = 1 / speed;
    out.courierFixedCost[c] = nonNegative(courier.fixedCost ?? COURIER_COST_DEFAULTS.fixedCost, `${f}.fixedCost`);
    out.courierCostPerHour[c] = nonNegative(courier.costPerHour ?? COURIER_COST_DEFAULTS.costPerHour, `${f}.costPerHour`);
    out.courierCostPerKm[c] = nonNegative(courier.costPerKm ?? COURIER_COST_DEFAULTS.costPerKm, `${f}.costPerKm`);
    if (courier.nextStopId !== undefined) out.courierNextStop[c] = known(stopIndex, courier.nextStopId, `${f}.nextStopId`);
  }
  return out;
}
