// Courier availability and position upload over HTTP: the machine, withdrawn offers on going offline, range checks, scopes.

import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { countRows, expectProblem } from '../helpers/fixtures.js';
import { Scenario } from './seed.js';

describeEachBackend('courier transitions', (ctx) => {
  it('online → pause → resume → offline, each answered with the new state and version', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id, 'offline');
    const steps: [string, string][] = [['online', 'idle'], ['pause', 'paused'], ['resume', 'idle'], ['offline', 'offline']];
    for (const [i, [event, status]] of steps.entries()) {
      const res = await s.post(`/v1/couriers/${courier.id}/${event}`, courier.headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ id: courier.id, status, version: i + 2 });
      expect(res.headers.etag).toBe(`"${i + 2}"`);
    }
    const types = await ctx.db.query<{ type: string; fleet_id: string }>(`SELECT type, fleet_id FROM events WHERE courier_id = $1 ORDER BY seq`, [courier.id]);
    expect(types.rows).toEqual(steps.map(([, status]) => ({ type: `courier.${status}`, fleet_id: fleet.id })));
  });

  it('an illegal step is 409 with the current state and changes nothing', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id, 'offline');
    const problem = expectProblem(await s.post(`/v1/couriers/${courier.id}/pause`, courier.headers), 409, 'illegal_transition');
    expect(problem).toMatchObject({ entity: 'courier', entity_id: courier.id, current_state: 'offline', current_version: 1, allowed_events: ['online'] });
    expect(await s.status('couriers', courier.id)).toBe('offline');
  });

  it('going offline with a pending offer withdraws it and returns its orders to batched', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const offerId = await s.offer((await s.route([order])).id, courier.id);
    const res = await s.post(`/v1/couriers/${courier.id}/offline`, courier.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('offline');
    expect(await s.status('offers', offerId)).toBe('withdrawn');
    expect(await s.status('orders', order.id)).toBe('batched');
  });

  it('a courier on its route cannot go offline', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    await s.assigned([await s.order()], courier);
    const problem = expectProblem(await s.post(`/v1/couriers/${courier.id}/offline`, courier.headers), 409, 'illegal_transition');
    expect(problem.current_state).toBe('on_route');
  });

  it('stores a batch of positions, moves the last position forward only, ignores duplicates', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const t = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
    const batch = { positions: [
      { lon: 106.7771, lat: -6.2409, recorded_at: t(30), speed_mps: 4.2, heading_deg: 90 },
      { lon: 106.7781, lat: -6.2411, recorded_at: t(10), speed_mps: 5.1, heading_deg: 95, accuracy_m: 8 },
      { lon: 106.7775, lat: -6.2410, recorded_at: t(20) },
    ] };
    const res = await s.post(`/v1/couriers/${courier.id}/positions`, courier.headers, batch);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accepted: 3, last_recorded_at: batch.positions[1].recorded_at });
    const last = await ctx.db.query<{ lon: number; lat: number }>('SELECT ST_X(last_position::geometry) AS lon, ST_Y(last_position::geometry) AS lat FROM couriers WHERE id = $1', [courier.id]);
    expect(last.rows[0]).toEqual({ lon: 106.7781, lat: -6.2411 });
    const older = await s.post(`/v1/couriers/${courier.id}/positions`, courier.headers, { positions: [batch.positions[0], { lon: 106.70, lat: -6.20, recorded_at: t(60) }] });
    expect(older.json()).toEqual({ accepted: 1, last_recorded_at: null });
    expect(await countRows(ctx.app, 'courier_positions')).toBe(4);
    const moved = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'courier.moved'`);
    expect(moved.rows[0].n).toBe(1);
  });

  it('rejects out-of-range, malformed and future positions with nothing written', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const now = new Date().toISOString();
    const bad: [unknown, number][] = [
      [{ positions: [{ lon: 181, lat: 0, recorded_at: now }] }, 400],
      [{ positions: [{ lon: 106.7, lat: -91, recorded_at: now }] }, 400],
      [{ positions: [{ lon: 'NaN', lat: -6.2, recorded_at: now }] }, 400],
      [{ positions: [{ lon: 106.7, lat: -6.2, recorded_at: 'yesterday' }] }, 400],
      [{ positions: [{ lon: 106.7, lat: -6.2, recorded_at: now, speed_mps: -1 }] }, 400],
      [{ positions: [] }, 400],
      [{ positions: [{ lon: 106.7, lat: -6.2, recorded_at: now }, { lon: 106.7, lat: -6.2, recorded_at: new Date(Date.now() + 3_600_000).toISOString() }] }, 422],
      [{ positions: [{ lon: 106.7, lat: -6.2, recorded_at: '2001-01-01T00:00:00Z' }] }, 422],
    ];
    for (const [body, status] of bad) expectProblem(await s.post(`/v1/couriers/${courier.id}/positions`, courier.headers, body), status, status === 400 ? 'validation_failed' : 'unprocessable');
    expect(await countRows(ctx.app, 'courier_positions')).toBe(0);
    const courierRow = await ctx.db.query<{ last_position_at: Date | null }>('SELECT last_position_at FROM couriers WHERE id = $1', [courier.id]);
    expect(courierRow.rows[0].last_position_at).toBeNull();
  });

  it('scopes: a courier cannot move another courier; another fleet cannot either; its own fleet can', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const other = await s.fleet({ name: 'Lain' });
    const courier = await s.courier(fleet.id, 'offline');
    const colleague = await s.courier(fleet.id, 'offline');
    expectProblem(await s.post(`/v1/couriers/${courier.id}/online`, colleague.headers), 404, 'not_found');
    expectProblem(await s.post(`/v1/couriers/${courier.id}/online`, other.headers), 404, 'not_found');
    expectProblem(await s.post(`/v1/couriers/${courier.id}/positions`, colleague.headers, { positions: [{ lon: 106.7, lat: -6.2, recorded_at: new Date().toISOString() }] }), 404, 'not_found');
    expect(await s.status('couriers', courier.id)).toBe('offline');
    expect((await s.post(`/v1/couriers/${courier.id}/online`, fleet.headers)).json().status).toBe('idle');
  });
});
