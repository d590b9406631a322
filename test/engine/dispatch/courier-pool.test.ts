import { describe, expect, it } from 'vitest';
import { DISPATCH_DEFAULTS, selectCourierPool, type PoolCandidate } from '../../../engine/dispatch/index.js';
import { courier } from './tiny-market.js';

const NOW = 1_000_000;
const at = (id: string, fleet: 'ojol' | 'pangkalan', distanceM: number, ageMs = 0, hasWork = false): PoolCandidate => ({
  courier: courier(id, fleet), position: { lon: 0, lat: 0, atMs: NOW - ageMs }, distanceM, hasWork,
});

describe('selectCourierPool', () => {
  it('puts the market pangkalan first, then ojol by distance, and drops ojol beyond the radius', () => {
    const pool = selectCourierPool([at('o1', 'ojol', 900), at('p1', 'pangkalan', 2_000), at('o2', 'ojol', 300), at('o3', 'ojol', 9_000)], DISPATCH_DEFAULTS.pool, NOW);
    expect(pool.members.map((m) => m.candidate.courier.id)).toEqual(['p1', 'o2', 'o1']);
    expect(pool.dropped).toEqual([{ courierId: 'o3', reason: 'out_of_radius' }]);
  });
  it('caps the pool but always keeps couriers that carry work', () => {
    const policy = { ...DISPATCH_DEFAULTS.pool, maxCouriers: 1 };
    const pool = selectCourierPool([at('o1', 'ojol', 100), at('p1', 'pangkalan', 50), at('o9', 'ojol', 2_900, 0, true)], policy, NOW);
    expect(pool.members.map((m) => m.candidate.courier.id)).toEqual(['o9', 'p1']);
    expect(pool.dropped).toEqual([{ courierId: 'o1', reason: 'pool_full' }]);
  });
  it('flags stale positions and excludes or keeps them per policy', () => {
    const stale = at('p1', 'pangkalan', 0, 5 * 60_000);
    const excluded = selectCourierPool([stale], { ...DISPATCH_DEFAULTS.pool, stale: 'exclude' }, NOW);
    expect(excluded.staleIds).toEqual(['p1']);
    expect(excluded.dropped).toEqual([{ courierId: 'p1', reason: 'stale_position' }]);
    const penalised = selectCourierPool([stale], { ...DISPATCH_DEFAULTS.pool, stale: 'penalise' }, NOW);
    expect(penalised.members).toHaveLength(1);
    expect(penalised.members[0].stale).toBe(true);
  });
});
