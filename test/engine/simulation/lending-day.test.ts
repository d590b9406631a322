// A two-market day where only one market has couriers: lending serves the other market's customers.
import { describe, expect, it } from 'vitest';
import { buildWorld, HaversineProvider, jejaringPolicy, parseScenario, simulate } from '../../../engine/index.js';
import { tinyScenario } from './tiny-scenario.js';

const routing = new HaversineProvider({ speedMps: 20 / 3.6 });

async function day() {
  const base = tinyScenario({}, 0);
  const ordersPerHour = Array.from({ length: 24 }, (_, h) => (h === 7 ? 4 : 0));
  const scenario = parseScenario({
    ...base,
    // Senen has couriers and no orders; a market 2.2 km east has orders and its one courier comes on at 10:00.
    markets: [{ ...base.markets[0], ordersPerHour: ordersPerHour.map(() => 0) }, { id: 'east', lon: 106.864, lat: -6.1737, stallCount: 5, ordersPerHour, deliveryRadiusM: [300, 1500] }],
    fleets: [
      { id: 'pk', market: 'senen', kind: 'pangkalan', couriers: 3, shift: [7, 11] },
      { id: 'pk-east', market: 'east', kind: 'pangkalan', couriers: 1, shift: [10, 11] },
    ],
    disruptions: { noShowProbability: 0 },
  });
  return { scenario, world: await buildWorld(scenario, routing) };
}

describe('lending couriers between markets', () => {
  it('an idle courier of a quiet market serves a nearby market whose orders wait; without lending they wait for its own courier', async () => {
    const { scenario, world } = await day();
    const policy = jejaringPolicy(scenario.policy);
    const lent = await simulate({ world, routing, policy });
    const own = await simulate({ world, routing, policy: { ...policy, lending: undefined } });
    const servedBefore10 = (r: typeof lent) => r.orders.filter((o) => o.deliveredMs !== undefined && o.deliveredMs < world.couriers.find((c) => c.marketId === 'east')!.shiftStartMs);
    expect(servedBefore10(own)).toEqual([]);
    expect(servedBefore10(lent).length).toBe(4);
    for (const o of lent.orders) expect(o.courierId?.startsWith('pk-') && !o.courierId.startsWith('pk-east')).toBe(true);
    for (const o of lent.orders) expect(o.deliveredMs! - o.placedAtMs).toBeLessThan(60 * 60_000);
  });
});
