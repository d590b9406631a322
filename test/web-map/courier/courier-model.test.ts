// The courier page's reading of its route: a pickup whose goods are ready only later keeps that time.
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../web-map/src/courier/courier-model.js';

describe('parseRoute', () => {
  it('keeps a pickup\'s ready time from the route API and leaves ready stops at 0', () => {
    const readyAt = '2026-12-07T03:00:00.000Z';
    const route = parseRoute({ id: 'rte_1', stops: [
      { id: 'stp_1', kind: 'pickup', order_id: 'ord_1', stall_id: 'stl_1', location: { lon: 106.84, lat: -6.17 }, eta: '2026-12-07T02:50:00.000Z', ready_at: readyAt, status: 'pending' },
      { id: 'stp_2', kind: 'delivery', order_id: 'ord_1', stall_id: null, location: { lon: 106.85, lat: -6.18 }, eta: '2026-12-07T03:20:00.000Z', ready_at: null, status: 'pending' },
    ] })!;
    expect(route.stops.map((s) => [s.kind, s.readyAtMs])).toEqual([['pickup', Date.parse(readyAt)], ['delivery', 0]]);
  });
});
