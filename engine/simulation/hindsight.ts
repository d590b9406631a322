// The hindsight reference: the whole day solved at once with every order known in advance (the production solver
// and objective, each order released at its creation time and its goods' ready time), turned into the same records
// the simulator produces so the same KPIs apply. Goods the day's customers refuse are known too: their exchanges
// (back to the stalls, then to the door again, by the courier holding the goods) are orders of the day, released when
// the refused delivery is made.
// Road speeds at the traffic its orders meet (one factor for the day), no noise, no declines: a bound live dispatch
// can approach, not a plan anyone could have run. A courier serves the markets live dispatch lets it serve: its own,
// and those it may be lent to.
import type { DispatchConfig } from '../dispatch/dispatch-config.js';
import { coordinateKey, haversineM } from '../geo.js';
import { planObjective } from '../dispatch/plan-objective.js';
import { orderFeeRp } from '../dispatch/tariff.js';
import type { CourierInput, OrderInput, PlannedStop, ProblemInput, Solution } from '../model/problem-input.js';
import type { LonLat, RoutingProvider } from '../routing/routing-provider.js';
import { stallMarket } from '../dispatch/stall-walking.js';
import { solve } from '../solver/solve.js';
import type { DispatchOrder } from '../dispatch/dispatch-types.js';
import { EXCHANGE_SUFFIX, exchangeOf } from './order-book.js';
import { HourlyLoad, type CourierRecord, type OrderRecord } from './recorder.js';
import type { SearchPass, SimulationResult } from './sim-types.js';
import { DAY_START_MS, HOUR_MS, type World } from './world.js';

export interface HindsightOptions {
  readonly routing: RoutingProvider;
  /** The live dispatcher's settings (objective weights, shift grace, tariff). */
  readonly config: DispatchConfig;
  /** Solver iterations for the day (deterministic when no CPU budget cuts them short). */
  readonly iterations: number;
  /**
   * CPU budget of the solve, ms: the search stops at whichever of it and `iterations` runs out first. A day with refused
   * goods takes one and a half of each (two passes).
   */
  readonly cpuTimeLimitMs?: number;
  /**
   * Warm start: courier id → the stops it served in a live run, in order. The search starts from the day as live
   * dispatch ran it (what fits the hindsight problem of it) and keeps the best plan, so the reference is never worse
   * than the live day in the objective, and it spends its budget improving on it rather than rebuilding it.
   */
  readonly initial?: Readonly<Record<string, readonly string[]>>;
  /**
   * The markets a courier may serve, as live dispatch lets it: its own, and those within this distance of it (metres)
   * when live dispatch lends couriers (`LendingPolicy.radiusM`). Default 0: its own market only.
   */
  readonly lendingRadiusM?: number;
  /** true: any courier may serve any market's orders, as if the markets pooled their couriers (overrides the radius). */
  readonly poolMarkets?: boolean;
}

/** The skill that ties an order to its market and a courier to the markets it may serve. */
const marketSkill = (marketId: string): string => `market:${marketId}`;

/** Market id → the markets a courier of that market may serve: itself and those within `radiusM`. */
function reachableMarkets(world: World, radiusM: number): Map<string, string[]> {
  const { markets } = world.scenario;
  return new Map(markets.map((m) => [m.id, markets.filter((o) => o.id === m.id || haversineM(m.lon, m.lat, o.lon, o.lat) <= radiusM).map((o) => o.id)]));
}

const toS = (ms: number): number => Math.round((ms - DAY_START_MS) / 1000);

/**
 * The road-speed factor the hindsight plan rides at: the traffic of the hours the day's orders are placed in, averaged
 * over the orders as riding times add up (a harmonic mean: a ride at factor f takes 1/f). A plain mean over the open
 * hours would let the plan ride at the quiet afternoon's speed through a morning rush that carries most of the orders.
 */
export function ordersTraffic(world: World): number {
  const byHour = world.scenario.disruptions.speedFactorByHour;
  let slowness = 0;
  for (const { placedAtMs } of world.orders) slowness += 1 / (byHour[Math.floor((placedAtMs - DAY_START_MS) / HOUR_MS) % 24] ?? 1);
  return world.orders.length > 0 ? world.orders.length / slowness : 1;
}

/**
 * The same day in the world the hindsight plan assumes: the orders' traffic at every hour, no noise on a ride, every offer
 * taken within a second (the refused goods stay as drawn: the plan knows them). Live dispatch run in it shows how much
 * of its gap to the hindsight plan is foresight and how much is the friction the plan leaves out.
 */
export function hindsightWorld(world: World): World {
  const traffic = ordersTraffic(world);
  const { disruptions } = world.scenario;
  return {
    ...world,
    scenario: { ...world.scenario, disruptions: { ...disruptions, travelNoise: 0, speedFactorByHour: disruptions.speedFactorByHour.map(() => traffic) } },
    couriers: world.couriers.map((c) => ({ ...c, acceptProbability: 1, responseS: [1, 1] as const })),
  };
}

/** Solves the day in hindsight and reports it as a simulation result named `hindsight`. */
export async function solveHindsight(world: World, options: HindsightOptions): Promise<SimulationResult> {
  const points: LonLat[] = [];
  const index = new Map<string, number>();
  const loc = (p: LonLat): string => {
    const key = coordinateKey(p[0], p[1]);
    let i = index.get(key);
    if (i === undefined) {
      i = points.length;
      index.set(key, i);
      points.push(p);
    }
    return `L${i}`;
  };
  const present = world.couriers.filter((c) => !c.noShow);
  const traffic = ordersTraffic(world);
  const reachable = reachableMarkets(world, options.lendingRadiusM ?? 0);
  const couriers: CourierInput[] = present.map((c) => ({
    id: c.courier.id, fleet: c.kind, startLocationId: loc(c.start), startS: toS(c.shiftStartMs),
    ...(c.courier.base ? { endLocationId: loc([c.courier.base.lon, c.courier.base.lat]) } : {}),
    shift: { earliestS: toS(c.shiftStartMs), latestS: toS(c.shiftEndMs + options.config.shiftGraceMs) },
    capacity: [c.courier.capacityKg, c.courier.cashFloatRp], speedFactor: (c.courier.speedFactor ?? 1) * traffic,
    ...(options.poolMarkets ? {} : { skills: [...(c.courier.skills ?? []), ...reachable.get(c.marketId)!.map(marketSkill)] }),
  }));
  // An order released at `releasedAtMs` (its placing, or an exchange's refusal at the door), goods not before ready;
  // its customer's wait counts from the placing (an exchange carries its customer order's).
  const orderInput = (order: DispatchOrder, marketId: string, releasedAtMs: number): OrderInput => ({
    id: order.id,
    createdS: toS(order.placedAtMs ?? releasedAtMs),
    pickups: order.pickups.map((p) => ({
      id: p.id, locationId: loc([p.lon, p.lat]), serviceS: p.serviceS, load: [p.weightKg, p.valueRp],
      window: { earliestS: toS(Math.max(releasedAtMs, p.readyAtMs ?? releasedAtMs)), latestS: toS(DAY_START_MS + 2 * 24 * HOUR_MS) },
    })),
    delivery: {
      id: order.delivery.id, locationId: loc([order.delivery.lon, order.delivery.lat]), serviceS: order.delivery.serviceS, codRp: order.delivery.codRp,
      ...(order.delivery.windowEndMs !== undefined ? { window: { earliestS: 0, latestS: toS(order.delivery.windowEndMs) } } : {}),
    },
    ...(order.maxInBagS !== undefined ? { maxInBagS: order.maxInBagS } : {}),
    ...(options.poolMarkets ? (order.skills ? { skills: order.skills } : {}) : { skills: [...(order.skills ?? []), marketSkill(marketId)] }),
  });
  const orders = world.orders.map(({ order, marketId, placedAtMs }) => orderInput(order, marketId, placedAtMs));
  // Each market's stalls are walked between, as live dispatch plans them and the simulator's couriers do.
  const stallsOf = new Map<string, string[]>();
  world.orders.forEach(({ marketId }, k) => {
    const stalls = stallsOf.get(marketId) ?? stallsOf.set(marketId, []).get(marketId)!;
    for (const p of orders[k].pickups) stalls.push(p.locationId);
  });
  const walking = options.config.stallWalking;
  const table = await options.routing.table({ sources: points });
  const problem: ProblemInput = {
    loadDimensions: ['weightKg', 'cashRp'],
    locations: points.map(([lon, lat], i) => ({ id: `L${i}`, lon, lat })),
    matrix: { durationS: table.durationS, distanceM: table.distanceM },
    ...(walking ? { markets: [...stallsOf].map(([marketId, locationIds]) => stallMarket(marketId, locationIds, walking)) } : {}),
    orders, couriers,
    objective: planObjective(options.config, {}),
  };
  const refused = world.orders.filter((o) => o.refuses);
  // With refused goods the day is solved twice: a first pass on half the budget says when each refused delivery is
  // made; the second, on a whole budget from that plan, adds the exchanges released then (as the simulator adds them).
  const share = refused.length > 0 ? FIRST_PASS_SHARE : 1;
  const budget = (f: number) => ({
    seed: 1, maxIterations: Math.max(1, Math.round(options.iterations * f)),
    ...(options.cpuTimeLimitMs !== undefined ? { cpuTimeLimitMs: options.cpuTimeLimitMs * f } : {}),
  });
  const first = await solve(problem, { ...budget(share), ...(options.initial ? { initial: warmStart(problem, options.initial) } : {}) });
  let { solution } = first;
  const search: SearchPass[] = [searchPass(first.stats)];
  const exchanges: OrderInput[] = [];
  if (refused.length > 0) {
    const done = deliveriesDone(solution);
    const windowMs = world.scenario.demand.windowMin * 60_000;
    // The refused goods stay with the courier at the door (as in live dispatch): only it can take them back, so the
    // refused order and its exchange stay with the courier the first pass gave the refused order.
    const holdSkills = new Map<string, string[]>();
    const heldOrders = new Map<string, string>(); // refused order id → its hold skill
    for (const { order, marketId, placedAtMs } of refused) {
      const at = done.get(order.id);
      if (at === undefined) continue;
      const exchange = orderInput(exchangeOf(order, DAY_START_MS + at.departureS * 1000 + windowMs, placedAtMs), marketId, DAY_START_MS + at.departureS * 1000);
      const skill = `holds:${exchange.id}`;
      exchanges.push({ ...exchange, skills: [...(exchange.skills ?? []), skill] });
      holdSkills.set(at.courierId, [...(holdSkills.get(at.courierId) ?? []), skill]);
      heldOrders.set(order.id, skill);
    }
    const holders = couriers.map((c) => (holdSkills.has(c.id) ? { ...c, skills: [...(c.skills ?? []), ...holdSkills.get(c.id)!] } : c));
    const held = orders.map((o) => (heldOrders.has(o.id) ? { ...o, skills: [...(o.skills ?? []), heldOrders.get(o.id)!] } : o));
    const second = await solve({ ...problem, couriers: holders, orders: [...held, ...exchanges] }, { ...budget(1), initial: solution });
    solution = second.solution;
    search.push(searchPass(second.stats));
  }
  return { ...asSimulation(world, solution, table.distanceM, points.length, index, options.config, new Set(exchanges.map((x) => x.id))), search };
}

/** What one solve pass did, for the report. */
function searchPass(stats: Awaited<ReturnType<typeof solve>>['stats']): SearchPass {
  return { iterations: stats.iterations, cpuMs: Math.round(stats.cpuMs), timeToBestMs: Math.round(stats.timeToBestMs) };
}

/** Share of the hindsight budget the first pass gets when the day has refused goods; the second pass gets a whole one. */
const FIRST_PASS_SHARE = 0.5;

/** Order id → when its delivery is done (departure from the door, problem seconds) and by whom. */
function deliveriesDone(solution: Solution): Map<string, { departureS: number; courierId: string }> {
  const done = new Map<string, { departureS: number; courierId: string }>();
  for (const route of solution.routes) {
    for (const stop of route.stops) if (stop.kind === 'delivery') done.set(stop.orderId, { departureS: stop.departureS, courierId: route.courierId });
  }
  return done;
}

/** Served stop sequences as a Solution the solver can load (only ids matter; stops not in the problem are skipped). */
function warmStart(problem: ProblemInput, served: Readonly<Record<string, readonly string[]>>): Solution {
  const stopInfo = new Map<string, { orderId: string; kind: 'pickup' | 'delivery'; locationId: string }>();
  for (const o of problem.orders) {
    for (const p of o.pickups) stopInfo.set(p.id, { orderId: o.id, kind: 'pickup', locationId: p.locationId });
    stopInfo.set(o.delivery.id, { orderId: o.id, kind: 'delivery', locationId: o.delivery.locationId });
  }
  const routes = Object.entries(served).map(([courierId, stopIds]) => {
    const stops: PlannedStop[] = stopIds.filter((id) => stopInfo.has(id)).map((stopId) => ({
      stopId, ...stopInfo.get(stopId)!, arrivalS: 0, serviceStartS: 0, departureS: 0, lateS: 0, loadAfter: [],
    }));
    return { courierId, stops, startS: 0, endS: 0, durationS: 0, distanceM: 0 };
  });
  return { routes, unassigned: [], cost: { unassigned: 0, lateness: 0, fixed: 0, duration: 0, distance: 0, stability: 0, total: 0 } };
}

/** The solved day as simulator records: delivery and pickup times, courier km, busy time and fee earnings. */
function asSimulation(
  world: World, solution: Awaited<ReturnType<typeof solve>>['solution'], distanceM: ArrayLike<number>, n: number,
  index: ReadonlyMap<string, number>, config: DispatchConfig, exchangeIds: ReadonlySet<string>,
): SimulationResult {
  const at = (s: number): number => DAY_START_MS + s * 1000;
  const records = new Map<string, OrderRecord>();
  const tariffOf = new Map(world.scenario.markets.map((m) => [m.id, { ...config.tariff, ...m.tariff }]));
  for (const { order, marketId, placedAtMs } of world.orders) {
    records.set(order.id, { id: order.id, marketId, placedAtMs, windowEndMs: order.delivery.windowEndMs ?? Infinity, outcome: 'open_at_end', feeRp: 0, exchanged: false });
  }
  const orderById = new Map(world.orders.map((o) => [o.order.id, o]));
  const hourly = new HourlyLoad();
  const couriers: CourierRecord[] = world.couriers.map((c) => ({
    id: c.courier.id, marketId: c.marketId, kind: c.kind, noShow: c.noShow, shiftStartMs: c.shiftStartMs, shiftEndMs: c.shiftEndMs,
    presentMs: 0, busyMs: 0, distanceM: 0, earningsRp: 0, deliveries: 0, perHourRp: c.perHourRp, feeShare: c.feeShare,
  }));
  const courierById = new Map(couriers.map((c, i) => [c.id, { record: c, sim: world.couriers[i] }]));
  const key = (lon: number, lat: number): number => index.get(coordinateKey(lon, lat))!;
  for (const route of solution.routes) {
    const { record } = courierById.get(route.courierId)!;
    record.distanceM += route.distanceM;
    let previousDepartureS = route.startS;
    for (const stop of route.stops) {
      const travelS = stop.arrivalS - previousDepartureS;
      const busyFromS = stop.serviceStartS - travelS; // waiting for goods or a window is idle time
      record.busyMs += (stop.departureS - busyFromS) * 1000;
      hourly.add(hourly.busyMs, at(busyFromS), at(stop.departureS));
      previousDepartureS = stop.departureS;
      // An exchange's stops belong to the customer order it redelivers; that order's own delivery was refused.
      const exchange = exchangeIds.has(stop.orderId);
      const rootId = exchange ? stop.orderId.slice(0, -EXCHANGE_SUFFIX.length) : stop.orderId;
      const r = records.get(rootId)!;
      if (stop.kind === 'pickup') {
        if (!exchange) r.firstPickupMs ??= at(stop.departureS);
      } else if (!exchange && exchangeIds.has(`${rootId}${EXCHANGE_SUFFIX}`)) {
        r.exchanged = true; // refused at the door: no fee, the exchange closes the order
      } else {
        const sim = orderById.get(rootId)!;
        const first = sim.order.pickups[0];
        const legM = Number(distanceM[key(first.lon, first.lat) * n + key(sim.order.delivery.lon, sim.order.delivery.lat)]);
        r.outcome = 'delivered';
        r.deliveredMs = at(stop.departureS);
        r.courierId = route.courierId;
        if (exchange) r.exchanged = true;
        r.assignedAtMs = r.placedAtMs;
        r.feeRp = orderFeeRp(legM, tariffOf.get(sim.marketId)!);
        record.deliveries++;
        record.earningsRp += r.feeRp * record.feeShare;
      }
    }
  }
  for (const c of couriers) {
    if (c.noShow) continue;
    const route = solution.routes.find((r) => r.courierId === c.id);
    const untilMs = Math.max(c.shiftEndMs, route ? at(route.endS) : 0);
    c.presentMs = untilMs - c.shiftStartMs;
    hourly.add(hourly.presentMs, c.shiftStartMs, untilMs);
  }
  return {
    policy: 'hindsight', orders: [...records.values()], couriers, hourly, plans: 1, offers: 0, declines: 0, exchanges: exchangeIds.size,
    unplanned: Object.fromEntries(solution.unassigned.map((u) => [u.reason, solution.unassigned.filter((x) => x.reason === u.reason).length])),
    simulatedEndMs: at(Math.max(0, ...solution.routes.map((r) => r.endS))),
    servedStops: Object.fromEntries(solution.routes.map((r) => [r.courierId, r.stops.map((s) => s.stopId)])),
  };
}
