// X-Occurred-At on transitions: replayed offline actions keep the time of the tap (bounded to the last 24 h).

import { describe, expect, it } from 'vitest';
import { occurredAtOf, OCCURRED_AT_FUTURE_SLACK_S, OCCURRED_AT_MAX_AGE_S } from '../../../api/routes/transitions/occurred-at.js';
import { ApiError } from '../../../api/errors.js';
import { describeEachBackend } from '../helpers/backends.js';
import { countRows, expectProblem } from '../helpers/fixtures.js';
import { Scenario } from './seed.js';

const MIN_MS = 60_000;

describe('occurredAtOf', () => {
  const now = new Date('2026-11-22T10:00:00.000Z');
  it('is now without the header and the header instant inside the window', () => {
    expect(occurredAtOf(undefined, now)).toBe(now);
    expect(occurredAtOf('2026-11-22T09:15:30.250Z', now).toISOString()).toBe('2026-11-22T09:15:30.250Z');
    expect(occurredAtOf('2026-11-22T16:15:30+07:00', now).toISOString()).toBe('2026-11-22T09:15:30.000Z');
  });
  it('clamps older taps to now − 24 h and a slightly fast phone clock to now', () => {
    expect(occurredAtOf('2026-11-20T10:00:00Z', now).getTime()).toBe(now.getTime() - OCCURRED_AT_MAX_AGE_S * 1000);
    expect(occurredAtOf(new Date(now.getTime() + (OCCURRED_AT_FUTURE_SLACK_S - 1) * 1000).toISOString(), now)).toEqual(now);
  });
  it('refuses malformed values and times beyond the slack in the future', () => {
    for (const bad of ['yesterday', '2026-11-22', '2026-11-22T09:00:00', '2026-13-45T99:00:00Z', '', new Date(now.getTime() + 10 * MIN_MS).toISOString()]) {
      expect(() => occurredAtOf(bad, now), bad).toThrow(ApiError);
    }
  });
});

describeEachBackend('X-Occurred-At on transitions', (ctx) => {
  it('records the tap times of a replayed journey; the event log stays in seq order', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const route = await s.assigned([order], courier);
    const stops = route.stops[order.id];
    const base = Date.now() - 90 * MIN_MS;
    const at = (min: number) => new Date(base + min * MIN_MS).toISOString();
    const tap = (min: number) => ({ ...courier.headers, 'x-occurred-at': at(min) });

    const steps: [string, number, unknown?][] = [
      [`/v1/stops/${stops.pickups.fish}/arrive`, 0],
      [`/v1/stops/${stops.pickups.fish}/pickup`, 4, { items: order.items.fish.map((id) => ({ item_id: id, outcome: 'picked' })) }],
      [`/v1/stops/${stops.pickups.veg}/arrive`, 6],
      [`/v1/stops/${stops.pickups.veg}/pickup`, 8, { items: [{ item_id: order.items.veg[0], outcome: 'picked' }] }],
      [`/v1/stops/${stops.delivery}/arrive`, 25],
      [`/v1/stops/${stops.delivery}/deliver`, 27, { cod_collected_rp: 115000 }],
    ];
    for (const [url, min, body] of steps) {
      const res = await s.post(url, tap(min), body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const recorded = await ctx.db.query<{ id: string; arrived_at: Date; completed_at: Date }>('SELECT id, arrived_at, completed_at FROM stops WHERE route_id = $1 AND order_id IS NOT NULL', [route.id]);
    const byId = new Map(recorded.rows.map((r) => [r.id, r]));
    expect(new Date(byId.get(stops.pickups.fish)!.arrived_at).toISOString()).toBe(at(0));
    expect(new Date(byId.get(stops.pickups.fish)!.completed_at).toISOString()).toBe(at(4));
    expect(new Date(byId.get(stops.pickups.veg)!.completed_at).toISOString()).toBe(at(8));
    expect(new Date(byId.get(stops.delivery)!.arrived_at).toISOString()).toBe(at(25));
    expect(new Date(byId.get(stops.delivery)!.completed_at).toISOString()).toBe(at(27));
    const delivered = await ctx.db.query<{ delivered_at: Date }>('SELECT delivered_at FROM orders WHERE id = $1', [order.id]);
    expect(new Date(delivered.rows[0].delivered_at).toISOString()).toBe(at(27));

    const events = await ctx.db.query<{ seq: number; type: string; payload: Record<string, unknown>; created_at: Date }>(
      `SELECT seq, type, payload, created_at FROM events WHERE courier_id = $1 AND type IN ('stop.arrived', 'stop.done', 'order.picking', 'order.items_picked', 'order.delivering', 'order.delivered', 'route.completed', 'courier.idle') ORDER BY seq`,
      [courier.id],
    );
    expect(events.rows.map((e) => [e.type, e.payload.occurred_at])).toEqual([
      ['stop.arrived', at(0)], ['order.picking', at(0)],
      ['stop.done', at(4)], ['order.items_picked', at(4)],
      ['stop.arrived', at(6)], ['stop.done', at(8)], ['order.items_picked', at(8)], ['order.delivering', at(8)],
      ['stop.arrived', at(25)], ['order.delivered', at(27)], ['stop.done', at(27)], ['route.completed', at(27)], ['courier.idle', at(27)],
    ]);
    // Written now: the rows' own times are the server's, after every tap.
    for (const e of events.rows) expect(new Date(e.created_at).getTime()).toBeGreaterThan(base + 27 * MIN_MS);
  });

  it('a failure and an availability change carry the tap time; a tap older than 24 h is recorded at the bound', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const stops = (await s.assigned([order], courier)).stops[order.id];
    const tapAt = new Date(Date.now() - 40 * MIN_MS).toISOString();
    const failed = await s.post(`/v1/stops/${stops.pickups.fish}/fail`, { ...courier.headers, 'x-occurred-at': tapAt }, { reason: 'stall_closed' });
    expect(failed.statusCode, failed.body).toBe(200);
    const stop = await ctx.db.query<{ completed_at: Date }>('SELECT completed_at FROM stops WHERE id = $1', [stops.pickups.fish]);
    expect(new Date(stop.rows[0].completed_at).toISOString()).toBe(tapAt);
    const failEvent = await ctx.db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM events WHERE order_id = $1 AND type = 'order.failed'`, [order.id]);
    expect(failEvent.rows[0].payload.occurred_at).toBe(tapAt);

    const before = Date.now();
    const paused = await s.post(`/v1/couriers/${courier.id}/pause`, { ...courier.headers, 'x-occurred-at': new Date(before - 3 * 24 * 3600_000).toISOString() });
    expect(paused.statusCode, paused.body).toBe(200);
    const pause = await ctx.db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM events WHERE courier_id = $1 AND type = 'courier.paused'`, [courier.id]);
    const recordedMs = Date.parse(pause.rows[0].payload.occurred_at as string);
    expect(recordedMs).toBeGreaterThanOrEqual(before - OCCURRED_AT_MAX_AGE_S * 1000);
    expect(recordedMs).toBeLessThanOrEqual(Date.now() - OCCURRED_AT_MAX_AGE_S * 1000);
  });

  it('a future or malformed time is 400 invalid_occurred_at, changes nothing and claims no Idempotency-Key', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const stops = (await s.assigned([order], courier)).stops[order.id];
    const eventsBefore = await countRows(ctx.app, 'events');
    for (const bad of [new Date(Date.now() + 3600_000).toISOString(), 'kemarin sore']) {
      const res = await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, { ...courier.headers, 'x-occurred-at': bad, 'idempotency-key': 'tap-1' });
      const problem = expectProblem(res, 400, 'invalid_occurred_at');
      expect(problem.errors).toEqual([expect.objectContaining({ path: '/headers/x-occurred-at' })]);
    }
    expect(await s.status('stops', stops.pickups.fish)).toBe('pending');
    expect(await countRows(ctx.app, 'events')).toBe(eventsBefore);
    const retried = await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, { ...courier.headers, 'x-occurred-at': new Date().toISOString(), 'idempotency-key': 'tap-1' });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });
});
