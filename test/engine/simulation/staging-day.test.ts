import { describe, expect, it } from 'vitest';
import { buildWorld, HaversineProvider, jejaringPolicy, parseScenario, simulate, type ScenarioFile, type SimulationResult } from '../../../engine/index.js';

/** One market, two ojol couriers starting 2 km away, an order every quarter hour to doors 1.2 km out in turn. */
function busyMorning(): ScenarioFile {
  const market = { lon: 112.78, lat: -7.295 };
  const compass = [[0, 1], [1, 0], [0, -1], [-1, 0]] as const;
  const orders = Array.from({ length: 10 }, (_, i) => {
    const [dx, dy] = compass[i % 4];
    return {
      id: `o${i + 1}`, at: 6.1 + i / 4, promiseMin: 60,
      customer: { lon: market.lon + (dx * 1.2) / 110.6, lat: market.lat + (dy * 1.2) / 110.6 },
      items: [{ stall: 's1', priceRp: 20_000 }],
    };
  });
  return {
    name: 'staging', seed: 3, day: { startHour: 6, endHour: 9 }, roads: { kind: 'haversine', speedKmh: 20 },
    markets: [{ id: 'm', ...market, stalls: [{ id: 's1', lon: market.lon + 0.0005, lat: market.lat }] }],
    couriers: ['oj-1', 'oj-2'].map((id, i) => ({ id, kind: 'ojol', shift: [6, 11], lon: market.lon + i / 110.6, lat: market.lat + 1.8 / 110.6, acceptProbability: 1 })),
    disruptions: { travelNoise: 0 },
    orders,
  } as ScenarioFile;
}

async function run(staging: boolean): Promise<SimulationResult> {
  const scenario = parseScenario(busyMorning());
  const routing = new HaversineProvider({ speedMps: 20 / 3.6, detourFactor: 1.35 });
  const world = await buildWorld(scenario, routing);
  const policy = jejaringPolicy(scenario.policy);
  return simulate({ world, routing, policy: { ...policy, dispatchConfig: { ...policy.dispatchConfig, ...(staging ? {} : { staging: null }) } } });
}

const km = (r: SimulationResult) => r.couriers.reduce((sum, c) => sum + c.distanceM, 0) / 1000;
const meanMin = (r: SimulationResult, pick: (o: SimulationResult['orders'][number]) => number | undefined) => {
  const v = r.orders.map(pick).filter((x): x is number => x !== undefined);
  return v.reduce((a, b) => a + b, 0) / v.length / 60_000;
};

describe('an ojol courier asked to wait at the market', () => {
  it('rides back between deliveries, so the next order is picked up sooner than when it waits at the last door', async () => {
    const [staged, roaming] = [await run(true), await run(false)];
    for (const r of [staged, roaming]) expect(r.orders.map((o) => o.outcome)).toEqual(r.orders.map(() => "delivered"));
    const toPickup = (o: SimulationResult['orders'][number]) => (o.firstPickupMs !== undefined ? o.firstPickupMs - o.placedAtMs : undefined);
    const stagedMin = meanMin(staged, toPickup);
    const roamingMin = meanMin(roaming, toPickup);
    // Waiting 1.2 km out, a pickup costs the ride back first (about five minutes at 20 km/h with detours) and more when
    // the other courier is not near either.
    expect(roamingMin - stagedMin).toBeGreaterThan(4);
    // The rides back are real kilometres, and the courier pays them.
    expect(km(staged)).toBeGreaterThan(km(roaming));
  });
});
