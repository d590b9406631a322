import { describe, expect, it } from 'vitest';
import { buildWorld, computeKpis, DAY_START_MS, DISPATCH_DEFAULTS, HaversineProvider, parseScenario, resolveDispatchConfig } from '../../../engine/index.js';
import { hindsightWorld, ordersTraffic, solveHindsight } from '../../../engine/simulation/hindsight.js';
import { tinyScenario } from './tiny-scenario.js';
import { EXCHANGE_SUFFIX } from '../../../engine/simulation/order-book.js';

const routing = new HaversineProvider({ speedMps: 20 / 3.6 });

describe('hindsight reference', () => {
  it('serves every order of a small day, never before it is placed or its goods are ready, within the couriers\' shifts', async () => {
    const scenario = parseScenario(tinyScenario({ demand: { readyAfterMin: [10, 20], refusalProbability: 0 } }, 10));
    const world = await buildWorld(scenario, routing);
    const result = await solveHindsight(world, { routing, config: resolveDispatchConfig({}), iterations: 300 });
    expect(result.policy).toBe('hindsight');
    const kpis = computeKpis(result);
    expect(kpis.served).toBe(10);
    for (const o of result.orders) {
      const sim = world.orders.find((w) => w.order.id === o.id)!;
      const readyMs = Math.max(...sim.order.pickups.map((p) => p.readyAtMs!));
      expect(o.firstPickupMs!).toBeGreaterThan(sim.order.pickups.reduce((m, p) => Math.min(m, p.readyAtMs!), Infinity));
      expect(o.deliveredMs!).toBeGreaterThan(readyMs);
    }
    for (const c of result.couriers) {
      const sim = world.couriers.find((w) => w.courier.id === c.id)!;
      expect(c.presentMs).toBeGreaterThanOrEqual(sim.shiftEndMs - sim.shiftStartMs);
      expect(c.presentMs).toBeLessThanOrEqual(sim.shiftEndMs + DISPATCH_DEFAULTS.shiftGraceMs - sim.shiftStartMs);
    }
    expect(result.couriers.reduce((s, c) => s + c.deliveries, 0)).toBe(10);
    expect(kpis.courierKm).toBeGreaterThan(0);
  });

  it('lets a courier serve only the markets live dispatch may send it to: its own, those within the lending radius, or all when pooled', async () => {
    const perHour = Array.from({ length: 24 }, (_, h) => (h === 7 ? 8 : 0));
    const base = tinyScenario({}, 8);
    const scenario = parseScenario({
      ...base,
      markets: [base.markets[0], { id: 'tanah-tinggi', lon: 106.8530, lat: -6.1760, stallCount: 10, ordersPerHour: perHour.map(() => 0), deliveryRadiusM: [300, 2000] }],
      fleets: [
        { id: 'pk', market: 'senen', kind: 'pangkalan', couriers: 1, shift: [7, 11] },
        { id: 'pk-tt', market: 'tanah-tinggi', kind: 'pangkalan', couriers: 3, shift: [7, 11] },
      ],
      disruptions: { noShowProbability: 0 },
    });
    const world = await buildWorld(scenario, routing);
    const ownMarket = new Map(world.couriers.map((c) => [c.courier.id, c.marketId]));
    const options = { routing, config: resolveDispatchConfig({}), iterations: 400 };
    const perMarket = await solveHindsight(world, options);
    expect(computeKpis(perMarket).served).toBe(8);
    for (const o of perMarket.orders) expect(ownMarket.get(o.courierId!)).toBe(o.marketId);
    expect(computeKpis(await solveHindsight(world, { ...options, lendingRadiusM: 500 })).clickToDoorMin.mean).toBe(computeKpis(perMarket).clickToDoorMin.mean);
    for (const shared of [await solveHindsight(world, { ...options, lendingRadiusM: 2_000 }), await solveHindsight(world, { ...options, poolMarkets: true })]) {
      expect(shared.orders.some((o) => ownMarket.get(o.courierId!) !== o.marketId)).toBe(true);
      expect(computeKpis(shared).clickToDoorMin.mean).toBeLessThan(computeKpis(perMarket).clickToDoorMin.mean);
    }
  });

  it('its world: the traffic its orders meet at every hour, no noise, every offer taken at once; the day itself (refused goods too) unchanged', async () => {
    const scenario = parseScenario(tinyScenario({ demand: { refusalProbability: 0.5 } }, 20));
    const world = await buildWorld(scenario, routing);
    const ideal = hindsightWorld(world);
    expect(new Set(ideal.scenario.disruptions.speedFactorByHour)).toEqual(new Set([ordersTraffic(world)]));
    expect(ideal.scenario.disruptions.travelNoise).toBe(0);
    expect(world.orders.some((o) => o.refuses)).toBe(true);
    expect(ideal.orders.map((o) => [o.order.id, o.placedAtMs, o.refuses])).toEqual(world.orders.map((o) => [o.order.id, o.placedAtMs, o.refuses]));
    expect(ideal.couriers.every((c) => c.acceptProbability === 1 && c.responseS[1] <= 1)).toBe(true);
    expect(ideal.couriers.map((c) => c.start)).toEqual(world.couriers.map((c) => c.start));
  });

  it('rides at the traffic of the hours its orders are placed in, as riding times add up: one order at half speed and one at full give two thirds', async () => {
    const world = await buildWorld(parseScenario(tinyScenario({}, 2)), routing);
    const speedFactorByHour = Array.from({ length: 24 }, (_, h) => (h === 7 ? 0.5 : h === 13 ? 1 : 0.9));
    const at = (hour: number, o: (typeof world.orders)[number]) => ({ ...o, placedAtMs: DAY_START_MS + (hour + 0.5) * 3_600_000 });
    const day = { ...world, scenario: { ...world.scenario, disruptions: { ...world.scenario.disruptions, speedFactorByHour } } };
    expect(ordersTraffic({ ...day, orders: [at(7, world.orders[0]), at(13, world.orders[1])] })).toBeCloseTo(2 / 3, 12);
    // Hours without orders (a quiet afternoon) do not speed the plan up.
    expect(ordersTraffic({ ...day, orders: [at(7, world.orders[0]), at(7, world.orders[1])] })).toBeCloseTo(0.5, 12);
  });

  it('knows the refused goods: each refused order is closed by its exchange, back to its stalls after the refusal, then to the same door', async () => {
    const scenario = parseScenario(tinyScenario({ demand: { refusalProbability: 0.4 } }, 12));
    const world = await buildWorld(scenario, routing);
    const refusedIds = new Set(world.orders.filter((o) => o.refuses).map((o) => o.order.id));
    expect(refusedIds.size).toBeGreaterThan(0);
    const result = await solveHindsight(world, { routing, config: resolveDispatchConfig({}), iterations: 400 });
    const withoutRefusals = await solveHindsight({ ...world, orders: world.orders.map((o) => ({ ...o, refuses: false })) }, { routing, config: resolveDispatchConfig({}), iterations: 400 });
    expect(result.exchanges).toBe(refusedIds.size);
    expect(computeKpis(result).served).toBe(12);
    for (const o of result.orders) expect(o.exchanged).toBe(refusedIds.has(o.id));
    // A refused order reaches its customer only after a second trip: the door, the stalls again, then the door.
    for (const id of refusedIds) {
      const twice = result.orders.find((o) => o.id === id)!;
      const sim = world.orders.find((w) => w.order.id === id)!;
      const minimumS = sim.order.delivery.serviceS * 2 + sim.order.pickups.reduce((s, p) => s + p.serviceS, 0);
      expect(twice.deliveredMs! - twice.firstPickupMs!).toBeGreaterThan(minimumS * 1000);
    }
    expect(result.couriers.reduce((s, c) => s + c.deliveries, 0)).toBe(12); // a refused delivery earns nothing
    // The refused goods stay with the courier at the door: the same courier takes them back and redelivers.
    const courierOf = (stopId: string) => Object.entries(result.servedStops!).find(([, stops]) => stops.includes(stopId))?.[0];
    for (const id of refusedIds) {
      const sim = world.orders.find((w) => w.order.id === id)!;
      expect(courierOf(`${id}${EXCHANGE_SUFFIX}-d`)).toBe(courierOf(sim.order.delivery.id));
    }
    expect(computeKpis(result).clickToDoorMin.mean).toBeGreaterThan(computeKpis(withoutRefusals).clickToDoorMin.mean);
  });
});
