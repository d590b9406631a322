import { describe, expect, it } from 'vitest';
import { buildWorld, computeKpis, DISPATCH_DEFAULTS, HaversineProvider, parseScenario, resolveDispatchConfig } from '../../../engine/index.js';
import { hindsightWorld, solveHindsight } from '../../../engine/simulation/hindsight.js';
import { tinyScenario } from './tiny-scenario.js';

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

  it('its world: the day\'s mean traffic at every hour, no noise, no refused goods, every offer taken at once; the day itself unchanged', async () => {
    const scenario = parseScenario(tinyScenario({ demand: { refusalProbability: 0.5 } }, 20));
    const world = await buildWorld(scenario, routing);
    const ideal = hindsightWorld(world);
    const hours = scenario.disruptions.speedFactorByHour.slice(scenario.day.startHour, Math.ceil(scenario.day.endHour + scenario.drainHours));
    const mean = hours.reduce((a, b) => a + b, 0) / hours.length;
    expect(new Set(ideal.scenario.disruptions.speedFactorByHour)).toEqual(new Set([mean]));
    expect(ideal.scenario.disruptions.travelNoise).toBe(0);
    expect(world.orders.some((o) => o.refuses)).toBe(true);
    expect(ideal.orders.some((o) => o.refuses)).toBe(false);
    expect(ideal.orders.map((o) => [o.order.id, o.placedAtMs])).toEqual(world.orders.map((o) => [o.order.id, o.placedAtMs]));
    expect(ideal.couriers.every((c) => c.acceptProbability === 1 && c.responseS[1] <= 1)).toBe(true);
    expect(ideal.couriers.map((c) => c.start)).toEqual(world.couriers.map((c) => c.start));
  });
});
