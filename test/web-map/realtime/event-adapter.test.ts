import { describe, expect, it } from 'vitest';
import { applyWireEvent, camelize } from '../../../web-map/src/realtime/event-adapter.js';
import { DispatchStore } from '../../../web-map/src/store/dispatch-store.js';

describe('applyWireEvent', () => {
  it('reads snake_case order events with a delivery point', () => {
    const store = new DispatchStore();
    applyWireEvent(store, 'order.created', {
      seq: 3, order_id: 'ord_1', market_id: 'mkt_1', status: 'created', cod_total_rp: 42_000,
      delivery_location: { lon: 106.81, lat: -6.21 }, created_at: '2026-11-22T08:00:00Z',
    });
    expect(store.orders.get('ord_1')).toMatchObject({ marketId: 'mkt_1', state: 'created', codTotalRp: 42_000, lon: 106.81, lat: -6.21, createdAtMs: Date.parse('2026-11-22T08:00:00Z') });
    expect(store.lastSeq).toBe(3);
  });

  it('turns offer events into offer states and plan updates into routes', () => {
    const store = new DispatchStore();
    applyWireEvent(store, 'offer.created', { seq: 1, offer_id: 'off_1', courier_id: 'cou_1', order_ids: ['ord_1'], expires_at: 60_000 });
    applyWireEvent(store, 'offer.accepted', { seq: 2, offer_id: 'off_1', courier_id: 'cou_1' });
    expect(store.offers.get('off_1')).toMatchObject({ state: 'accepted', orderIds: ['ord_1'], expiresAtMs: 60_000 });
    applyWireEvent(store, 'plan.updated', { seq: 3, version: 4, routes: [{ courier_id: 'cou_1', stops: [
      { kind: 'pickup', order_id: 'ord_1', stall_id: 'stl_1', location: { lon: 106.8, lat: -6.2 } },
      { kind: 'delivery', order_id: 'ord_1', location: { lon: 106.81, lat: -6.21 }, status: 'completed' },
    ] }] });
    const route = store.routes.get('cou_1');
    expect(route?.planVersion).toBe(4);
    expect(route?.stops.map((s) => [s.kind, s.done])).toEqual([['pickup', false], ['delivery', true]]);
  });

  it('applies a throttled batch of positions once per sequence', () => {
    const store = new DispatchStore();
    const batch = { seq: 9, positions: [{ courier_id: 'cou_1', lon: 106.8, lat: -6.2, at: 1_000 }, { courierId: 'cou_2', lon: 106.9, lat: -6.3, at: 1_000 }] };
    expect(applyWireEvent(store, 'courier.position', batch)).toBe(true);
    expect(applyWireEvent(store, 'courier.position', batch)).toBe(false);
    expect(store.couriers.size).toBe(2);
    expect(store.couriers.get('cou_1')?.lon).toBe(106.8);
  });

  it('ignores events it does not know', () => {
    const store = new DispatchStore();
    expect(applyWireEvent(store, 'weather.changed', { seq: 1 })).toBe(false);
  });
});

describe('camelize', () => {
  it('renames keys deeply and leaves values alone', () => {
    expect(camelize({ cod_total_rp: 1, items: [{ unit_price_rp: 2, name: 'cabe_rawit' }] })).toEqual({ codTotalRp: 1, items: [{ unitPriceRp: 2, name: 'cabe_rawit' }] });
  });
});
