import { describe, expect, it } from 'vitest';
import { buildWorld, HaversineProvider, parseScenario, policyByName, simulate } from '../../../engine/index.js';
import { withNotice } from '../../../engine/simulation/pre-orders.js';
import type { SimOrder } from '../../../engine/simulation/world.js';
import { scenarioRejection, tinyScenario } from './tiny-scenario.js';

const routing = new HaversineProvider({ speedMps: 20 / 3.6 });
const MIN = 60_000;

const order = (placedAtMs: number, readyAtMs?: number): SimOrder => ({
  marketId: 'm', placedAtMs, refuses: false,
  order: {
    id: `o${placedAtMs}`,
    pickups: [{ id: 'p', lon: 0, lat: 0, serviceS: 60, weightKg: 1, valueRp: 1000, ...(readyAtMs !== undefined ? { readyAtMs } : {}) }],
    delivery: { id: 'd', lon: 0.01, lat: 0, serviceS: 60, codRp: 0, windowEndMs: placedAtMs + 60 * MIN },
  },
});

describe('withNotice', () => {
  it('makes each order known ahead, due (click-to-door, goods ready) at its placed time', () => {
    const [due, late] = withNotice([order(100 * MIN), order(200 * MIN, 230 * MIN)], 10 * MIN);
    expect(due.knownAtMs).toBe(90 * MIN);
    expect(due.order.placedAtMs).toBe(100 * MIN);
    expect(due.order.pickups[0].readyAtMs).toBe(100 * MIN);
    expect(due.order.delivery.windowEndMs).toBe(160 * MIN);
    expect(late.knownAtMs).toBe(190 * MIN);
    expect(late.order.pickups[0].readyAtMs).toBe(230 * MIN); // goods ready later than due stay later
  });

  it('leaves the orders as they are without notice', () => {
    const [o] = withNotice([order(100 * MIN)], 0);
    expect(o.knownAtMs).toBeUndefined();
    expect(o.order.placedAtMs).toBeUndefined();
    expect(o.order.pickups[0].readyAtMs).toBeUndefined();
  });
});

describe('a day of pre-orders', () => {
  it('plans each order before it is due and picks up no goods before then', async () => {
    const scenario = parseScenario(tinyScenario({ demand: { noticeMin: 20, refusalProbability: 0 } }, 10));
    const world = await buildWorld(scenario, routing);
    const r = await simulate({ world, routing, policy: policyByName('jejaring', scenario.policy) });
    const served = r.orders.filter((o) => o.outcome === 'delivered');
    expect(served.length).toBe(10);
    for (const o of served) expect(o.firstPickupMs!).toBeGreaterThanOrEqual(o.placedAtMs);
    // Heard of 20 minutes ahead: orders are offered and accepted before they are due.
    expect(served.filter((o) => o.assignedAtMs! < o.placedAtMs).length).toBeGreaterThan(5);
  });

  it('refuses a negative notice', () => {
    expect(scenarioRejection(tinyScenario({ demand: { noticeMin: -5 } })).code).toBe('invalid_scenario');
  });
});
