import { describe, expect, it } from 'vitest';
import { StallFloor } from '../../../engine/simulation/stall-floor.js';
import { haversineM } from '../../../engine/geo.js';
import type { LonLat } from '../../../engine/routing/routing-provider.js';

const senen: LonLat[] = [[106.8442, -6.1737], [106.8447, -6.1737]]; // 55 m apart
const kramat: LonLat[] = [[106.8530, -6.1860]];
const customer: LonLat = [106.8442, -6.1637];

describe('the simulated pasar floor', () => {
  const floor = new StallFloor([senen, kramat], { walkingSpeedMps: 1, parkingS: 60 });

  it('walks between two stalls of one market at the walking speed', () => {
    expect(floor.walkMs(senen[0], senen[1])).toBe(Math.round(haversineM(...senen[0], ...senen[1]) * 1000));
    expect(floor.parkingMs(senen[0], senen[1])).toBe(0);
  });
  it('rides to a stall of another market, or between a stall and a home, and parks on riding in', () => {
    expect(floor.walkMs(senen[0], kramat[0])).toBeUndefined();
    expect(floor.walkMs(customer, senen[0])).toBeUndefined();
    expect(floor.walkMs(senen[0], customer)).toBeUndefined();
    expect(floor.parkingMs(customer, senen[0])).toBe(60_000);
    expect(floor.parkingMs(senen[1], kramat[0])).toBe(60_000);
    expect(floor.parkingMs(senen[0], customer)).toBe(0);
  });
  it('rides every leg when walking is off', () => {
    const riding = new StallFloor([senen], null);
    expect(riding.walkMs(senen[0], senen[1])).toBeUndefined();
    expect(riding.parkingMs(customer, senen[0])).toBe(0);
  });
});
