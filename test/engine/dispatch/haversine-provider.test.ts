import { describe, expect, it } from 'vitest';
import { EngineError, HaversineProvider, haversineM, SyntheticMarket } from '../../../engine/index.js';

const SENEN: [number, number] = [106.8442, -6.1737];
const BARU: [number, number] = [106.834, -6.1628];

describe('HaversineProvider', () => {
  const provider = new HaversineProvider({ speedMps: 5, detourFactor: 1.5 });

  it('answers tables as great-circle metres × detour at a constant speed, row-major', async () => {
    const table = await provider.table({ sources: [SENEN, BARU], destinations: [BARU] });
    const straightM = haversineM(SENEN[0], SENEN[1], BARU[0], BARU[1]);
    expect(table.sourceCount * table.destinationCount).toBe(2);
    expect(table.distanceM[0]).toBe(Math.round(straightM * 1.5));
    expect(table.durationS[0]).toBe(Math.round(table.distanceM[0] / 5));
    expect(table.distanceM[1]).toBe(0);
  });

  it('routes through waypoints leg by leg with a straight geometry', async () => {
    const route = await provider.route([SENEN, BARU, SENEN]);
    expect(route.legs).toHaveLength(2);
    expect(route.distanceM).toBe(route.legs[0].distanceM * 2);
    expect(route.geometry.coordinates).toEqual([SENEN, BARU, SENEN]);
    await expect(provider.route([SENEN])).rejects.toBeInstanceOf(EngineError);
  });
});

describe('SyntheticMarket', () => {
  it('is seeded: the same seed draws the same orders; orders have 1–4 distinct stalls and a home within reach', () => {
    const a = new SyntheticMarket({ marketId: 'm', lon: SENEN[0], lat: SENEN[1], seed: 3 });
    const b = new SyntheticMarket({ marketId: 'm', lon: SENEN[0], lat: SENEN[1], seed: 3 });
    for (let i = 0; i < 20; i++) {
      const order = a.nextOrder();
      expect(b.nextOrder()).toEqual(order);
      expect(order.pickups.length).toBeGreaterThanOrEqual(1);
      expect(order.pickups.length).toBeLessThanOrEqual(4);
      expect(new Set(order.pickups.map((p) => `${p.lon},${p.lat}`)).size).toBe(order.pickups.length);
      expect(haversineM(SENEN[0], SENEN[1], order.delivery.lon, order.delivery.lat)).toBeLessThanOrEqual(3_001);
    }
    const fleet = a.fleet(5, 2, 0);
    expect(fleet.map((f) => f.courier.fleet)).toEqual(['pangkalan', 'pangkalan', 'ojol', 'ojol', 'ojol']);
  });
});
