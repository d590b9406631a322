// Exchange planning: refused goods go back to their stalls, then one redelivery.

import { describe, expect, it } from 'vitest';
import { planExchange, type ExchangeParentItem } from '../../../api/domain/exchange.js';

const items: ExchangeParentItem[] = [
  { id: 'itm_a', stallId: 'stl_fish', name: 'ikan kembung', quantity: 2, unitPriceRp: 30_000, weightKg: 1, state: 'picked' },
  { id: 'itm_b', stallId: 'stl_veg', name: 'kangkung', quantity: 3, unitPriceRp: 5_000, weightKg: 0.25, state: 'substituted' },
  { id: 'itm_c', stallId: 'stl_fish', name: 'udang', quantity: 1, unitPriceRp: 60_000, weightKg: 0.5, state: 'picked' },
  { id: 'itm_d', stallId: 'stl_veg', name: 'cabai', quantity: 1, unitPriceRp: 8_000, weightKg: 0.1, state: 'missing' },
];

describe('planExchange', () => {
  it('groups returns by stall and ends with the redelivery', () => {
    const result = planExchange(items, [
      { itemId: 'itm_a', quantity: 0.5, reason: 'not fresh' },
      { itemId: 'itm_b', reason: 'wilted' },
      { itemId: 'itm_c', reason: 'smells' },
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.stops).toEqual([{ kind: 'return', stallId: 'stl_fish' }, { kind: 'return', stallId: 'stl_veg' }, { kind: 'delivery' }]);
    expect(result.plan.items.map((i) => [i.parentItemId, i.quantity])).toEqual([['itm_a', 0.5], ['itm_b', 3], ['itm_c', 1]]);
    expect(result.plan.refusedValueRp).toBe(15_000 + 15_000 + 60_000);
  });

  it('lists every wrong refusal', () => {
    const result = planExchange(items, [
      { itemId: 'itm_x', reason: 'r' },
      { itemId: 'itm_d', reason: 'r' },
      { itemId: 'itm_a', quantity: 3, reason: 'r' },
      { itemId: 'itm_c', reason: 'r' },
      { itemId: 'itm_c', reason: 'r' },
      { itemId: 'itm_b', quantity: 0, reason: 'r' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.index, p.code])).toEqual([
      [0, 'unknown_item'],
      [1, 'item_not_refusable'],
      [2, 'quantity_out_of_range'],
      [4, 'duplicate_item'],
      [5, 'quantity_out_of_range'],
    ]);
  });

  it('needs at least one refusal', () => {
    expect(planExchange(items, []).ok).toBe(false);
  });
});
