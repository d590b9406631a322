// The map follows an order moved to another hour: `order.rescheduled` sets its booked hour and window end, not its state.
import { expect, it } from 'vitest';
import { applyEnvelope, type Envelope } from '../../../web-map/src/realtime/event-adapter.js';
import { DispatchStore } from '../../../web-map/src/store/dispatch-store.js';

const AT = '2026-11-22T08:00:00.000Z';
const envelope = (seq: number, type: string, payload: Record<string, unknown>): Envelope =>
  ({ seq, type, marketId: 'mkt_1', courierId: null, orderId: 'ord_4', at: AT, replay: false, payload });

it('moves the booked hour and the window\'s end on order.rescheduled, keeping the order\'s state', () => {
  const store = new DispatchStore();
  applyEnvelope(store, envelope(3, 'order.created', { order_id: 'ord_4', booked_for: null, window_end: null, created_at: AT }));
  const bookedFor = '2026-11-22T11:00:00.000Z';
  const windowEnd = '2026-11-22T12:00:00.000Z';
  applyEnvelope(store, envelope(4, 'order.rescheduled', { order_id: 'ord_4', status: 'batched', previous_booked_for: null, booked_for: bookedFor, window_start: bookedFor, window_end: windowEnd }));
  expect(store.orders.get('ord_4')).toMatchObject({ state: 'created', bookedForMs: Date.parse(bookedFor), promisedAtMs: Date.parse(windowEnd) });
  applyEnvelope(store, envelope(5, 'order.rescheduled', { order_id: 'ord_4', status: 'batched', previous_booked_for: bookedFor, booked_for: null, window_start: bookedFor, window_end: windowEnd }));
  expect(store.orders.get('ord_4')?.bookedForMs).toBe(0);
});
