// What a courier sees before accepting: GET /v1/offers/:id carries the fee, the stalls, the pickup → door distance and
// time from the router, the COD to collect, the cash float to front and the route line; the accepted route keeps them.
import { expect, it } from 'vitest';
import { HaversineProvider } from '../../../engine/index.js';
import { describeEachBackend } from '../helpers/backends.js';
import { Scenario } from './seed.js';

describeEachBackend('offer preview', (ctx) => {
  it('shows fee, stalls, distance, time, COD and cash float, and the accepted route carries the same figures', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const route = await s.route([order]);
    await ctx.app.db.query(`UPDATE routes SET distance_m = 0, duration_s = 0 WHERE id = $1`, [route.id]); // as the dispatch loop writes them
    await ctx.app.db.query(`UPDATE stops SET service_s = CASE kind WHEN 'pickup' THEN 120 ELSE 90 END WHERE route_id = $1`, [route.id]);
    const offerId = await s.offer(route.id, courier.id);

    const res = await ctx.app.inject({ method: 'GET', url: `/v1/offers/${offerId}`, headers: courier.headers });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json().preview;
    // the router's answer through the distinct stop places: both stalls' pickup point, then the door
    const expected = await new HaversineProvider().route([[106.777, -6.2409], [106.7801, -6.2452]]);
    expect(preview).toMatchObject({
      fee_rp: 10_000, order_count: 1, stall_count: 2, cod_to_collect_rp: 115_000, cash_float_rp: 105_000,
      distance_m: Math.round(expected.distanceM), duration_s: Math.round(expected.durationS + 2 * 120 + 90), line_kind: 'road',
    });
    expect(preview.stalls.map((st: { name: string }) => st.name).sort()).toEqual(['Kios fish', 'Kios veg']);
    expect(preview.stops.map((st: { kind: string }) => st.kind)).toEqual(['pickup', 'pickup', 'delivery']);
    expect(preview.line.length).toBeGreaterThanOrEqual(4);
    expect(preview.distance_m).toBeGreaterThan(0);

    const stored = await ctx.app.db.query<{ distance_m: number; has_line: boolean }>('SELECT distance_m, geometry IS NOT NULL AS has_line FROM routes WHERE id = $1', [route.id]);
    expect(stored.rows[0]).toEqual({ distance_m: preview.distance_m, has_line: true });

    expect((await s.post(`/v1/offers/${offerId}/accept`, courier.headers)).statusCode).toBe(200);
    const mine = await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courier.id}/route`, headers: courier.headers });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ distance_m: preview.distance_m, duration_s: preview.duration_s, line_kind: 'road' });
    expect(mine.json().line).toEqual(preview.line);
  });

  it('hides another courier\'s offer', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const [courier, other] = [await s.courier(fleet.id), await s.courier(fleet.id)];
    const offerId = await s.offer((await s.route([await s.order()])).id, courier.id);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/offers/${offerId}`, headers: other.headers })).statusCode).toBe(404);
  });
});
