import { describe, expect, it } from 'vitest';
import {
  HaversineProvider, MarketDispatcher, parseScenario, policyByName, type DispatchCourier, type DispatchEvent, type DispatchOrder,
  type DispatchPolicy, type PlanRequest,
} from '../../../engine/index.js';
import { tinyScenario } from './tiny-scenario.js';

const MARKET = { lon: 106.8442, lat: -6.1737 };
const NOW = 1_767_600_000_000;
const routing = new HaversineProvider();
const scenario = parseScenario(tinyScenario({ policy: { fifoBagSize: 3 } }));

const courier = (id: string): DispatchCourier => ({ id, fleet: 'pangkalan', capacityKg: 40, cashFloatRp: 1_000_000, homeMarket: true });
const order = (n: number, dLat = 0.01): DispatchOrder => ({
  id: `o${n}`,
  pickups: [{ id: `o${n}-p0`, lon: MARKET.lon + 0.0005 * n, lat: MARKET.lat, serviceS: 60, weightKg: 2, valueRp: 50_000 }],
  delivery: { id: `o${n}-d`, lon: MARKET.lon, lat: MARKET.lat + dLat, serviceS: 60, codRp: 0 },
});

/** A market with couriers at given offsets (north of the market, metres-ish in degrees) and orders; returns the offers. */
async function offers(policy: DispatchPolicy, courierLats: readonly number[], orders: readonly DispatchOrder[], freeSince: Record<string, number> = {}) {
  const d = new MarketDispatcher({ marketId: 'm', ...MARKET, now: () => NOW, config: { ...policy.dispatchConfig, batchMaxOrders: orders.length } });
  // Everything happens at one instant: held, then settled into one plan (as the simulator does).
  courierLats.forEach((dLat, i) => d.handle({ type: 'courierAvailable', courier: courier(`c${i + 1}`), position: { lon: MARKET.lon, lat: MARKET.lat + dLat, atMs: NOW } }, true));
  for (const o of orders) expect(d.handle({ type: 'orderAdded', order: o }, true).planRequest).toBeUndefined();
  const request = d.settle().planRequest;
  expect(request).toBeDefined();
  const result = await policy.execute(d, request!, { routing, pangkalanFirst: true, freeSinceMs: (id) => freeSince[id] ?? 0 });
  return result.events.filter((e): e is Extract<DispatchEvent, { type: 'offer.created' }> => e.type === 'offer.created');
}

describe('baseline policies', () => {
  it('nearest: the order goes to the nearest free courier', async () => {
    const created = await offers(policyByName('nearest', scenario.policy), [0.02, 0.001, 0.01], [order(1)]);
    expect(created.map((o) => [o.courierId, o.orderIds])).toEqual([['c2', ['o1']]]);
  });

  it('one-per-trip: one call gives the oldest order to the courier waiting longest, however far', async () => {
    const created = await offers(policyByName('one-per-trip', scenario.policy), [0.001, 0.02], [order(1), order(2), order(3)], { c1: 500, c2: 100 });
    expect(created.map((o) => [o.courierId, o.orderIds])).toEqual([['c2', ['o1']]]);
  });

  it('one-per-trip: each answer takes one phone call', () => {
    const p = policyByName('one-per-trip', scenario.policy);
    expect(p.latencyMs({} as PlanRequest)).toBe(scenario.policy.coordinatorCallS * 1000);
  });

  it('fifo: bags of three in arrival order, stalls first then homes in order', async () => {
    const created = await offers(policyByName('fifo', scenario.policy), [0.001, 0.002], [order(1), order(2), order(3), order(4)], { c1: 0, c2: 10 });
    expect(created.map((o) => [o.courierId, o.orderIds])).toEqual([['c1', ['o1', 'o2', 'o3']], ['c2', ['o4']]]);
    expect(created[0].stops.map((s) => s.stopId)).toEqual(['o1-p0', 'o2-p0', 'o3-p0', 'o1-d', 'o2-d', 'o3-d']);
  });

  it('jejaring: the production solver batches nearby orders for fewer couriers than orders', async () => {
    const created = await offers(policyByName('jejaring', scenario.policy), [0.001, 0.002, 0.003], [order(1, 0.01), order(2, 0.0105), order(3, 0.011)]);
    expect(created.flatMap((o) => o.orderIds).sort()).toEqual(['o1', 'o2', 'o3']);
    expect(created.length).toBeLessThan(3);
  });

  it('names policies with their batching window and rejects unknown ones', () => {
    expect(policyByName('jejaring-120s', scenario.policy).dispatchConfig.batchWindowMs).toBe(120_000);
    expect(policyByName('fifo-300s', scenario.policy).dispatchConfig.batchWindowMs).toBe(300_000);
    expect(() => policyByName('whatsapp', scenario.policy)).toThrow(/unknown policy/);
  });
});

describe('a scenario turning on the ride back to the market', () => {
  it('reaches jejaring\'s plans and no baseline\'s', () => {
    const on = parseScenario(tinyScenario({ policy: { priceRideBack: true } }));
    expect(policyByName('jejaring', on.policy).dispatchConfig.priceRideBack).toBe(true);
    expect(policyByName('jejaring', scenario.policy).dispatchConfig.priceRideBack).toBe(false);
    for (const name of ['nearest', 'one-per-trip', 'fifo']) expect(policyByName(name, on.policy).dispatchConfig.priceRideBack).toBe(false);
  });
});
