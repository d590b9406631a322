import { describe, expect, it } from 'vitest';
import { marketDispatchConfig } from '../../../api/dispatch/dispatch-service.js';
import { storeOfferTtlMs } from '../../../api/dispatch/dispatch-writer.js';
import { OfferAnswerTimes, resolveDispatchConfig } from '../../../engine/index.js';

const FACTS = { tariff: { baseRp: 5_000, perKmRp: 2_000, minRp: 8_000, maxRp: 15_000 }, objective: {} };

describe('offer TTLs in production', () => {
  it('runs the core ten seconds past the store, for the base TTL and for the longest a late fleet gets', () => {
    const config = resolveDispatchConfig(marketDispatchConfig(undefined, FACTS as never, 45_000));
    expect([config.offerTtlMs, config.offerTtlMaxMs]).toEqual([55_000, 100_000]);
    const off = resolveDispatchConfig(marketDispatchConfig({ offerTtlMaxMs: 30_000 }, FACTS as never, 45_000));
    expect(off.offerTtlMaxMs).toBe(off.offerTtlMs); // a maximum below the base: every offer gets the base
  });

  it('gives the store as much extra time as the core gave a fleet that answers late', () => {
    const config = resolveDispatchConfig(marketDispatchConfig(undefined, FACTS as never, 45_000));
    const times = new OfferAnswerTimes();
    expect(storeOfferTtlMs({ atMs: 0, expiresAtMs: times.ttlMs('ojol', config) }, config.offerTtlMs, 45_000)).toBe(45_000);
    times.record('ojol', 55_000); // an offer left to expire at the core's base TTL
    expect(storeOfferTtlMs({ atMs: 0, expiresAtMs: times.ttlMs('ojol', config) }, config.offerTtlMs, 45_000)).toBe(58_750);
  });
});
