import { describe, expect, it } from 'vitest';
import { OrderBook, EXCHANGE_SUFFIX } from '../../../engine/simulation/order-book.js';
import type { DispatchOrder } from '../../../engine/index.js';

const order: DispatchOrder = {
  id: 'o1',
  pickups: [{ id: 'o1-p0', lon: 106.84, lat: -6.17, serviceS: 120, weightKg: 2, valueRp: 20_000, readyAtMs: 5_000 }],
  delivery: { id: 'o1-d', lon: 106.85, lat: -6.18, serviceS: 60, codRp: 50_000, windowEndMs: 3_600_000 },
};

describe('order book', () => {
  it('folds exchanges into their customer order; each exchange keeps the customer\'s placing time, however many follow', () => {
    const book = new OrderBook();
    book.place({ order, marketId: 'senen', placedAtMs: 1_000, refuses: true });
    const first = book.exchangeOrder(order, 7_200_000);
    expect(first).toMatchObject({ id: `o1${EXCHANGE_SUFFIX}`, placedAtMs: 1_000, delivery: { id: `o1${EXCHANGE_SUFFIX}-d`, windowEndMs: 7_200_000 } });
    expect(first.pickups[0].readyAtMs).toBeUndefined(); // the goods go back to a stall that has them
    const second = book.exchangeOrder(first, 9_000_000);
    expect(second.placedAtMs).toBe(1_000);
    expect(book.recordOf(second.id)).toBe(book.records.get('o1'));
    expect(book.records.get('o1')!.exchanged).toBe(true);
    expect(book.exchanges).toBe(2);
  });
});
