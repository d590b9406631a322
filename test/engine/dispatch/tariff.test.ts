import { describe, expect, it } from 'vitest';
import { DEFAULT_TARIFF, orderFeeRp, EngineError } from '../../../engine/index.js';

describe('orderFeeRp', () => {
  it('charges base plus per km and clamps to the tariff range', () => {
    expect(orderFeeRp(2_000, DEFAULT_TARIFF)).toBe(9_000); // 5,000 + 2 km × 2,000
    expect(orderFeeRp(500, DEFAULT_TARIFF)).toBe(8_000); // below the minimum
    expect(orderFeeRp(20_000, DEFAULT_TARIFF)).toBe(15_000); // above the maximum
  });
  it('returns integer rupiah and the maximum when there is no route', () => {
    expect(Number.isInteger(orderFeeRp(2_345, DEFAULT_TARIFF))).toBe(true);
    expect(orderFeeRp(2_345, DEFAULT_TARIFF)).toBe(9_690);
    expect(orderFeeRp(Number.POSITIVE_INFINITY, DEFAULT_TARIFF)).toBe(15_000);
  });
  it('rejects an inverted tariff', () => {
    expect(() => orderFeeRp(1_000, { ...DEFAULT_TARIFF, minRp: 20_000 })).toThrow(EngineError);
  });
});
