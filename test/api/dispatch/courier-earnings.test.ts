// What a courier earned today, read from the store when it is enrolled: the earnings balance survives a restart.

import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { Scenario } from '../transitions/seed.js';
import { loadCourier } from '../../../api/dispatch/dispatch-loaders.js';

describeEachBackend('courier earnings today', (ctx) => {
  it('counts the fees of the orders it delivered today, not those of earlier days or of other couriers', async () => {
    const s = await Scenario.create(ctx.app);
    const { courier, colleague, first, second, route } = await s.twoOrdersOnOneCourier();
    for (const order of [first, second]) {
      await s.pickedUp(route.stops[order.id], order, courier);
      const done = await s.delivered(route.stops[order.id], courier);
      expect(done.statusCode, done.body).toBe(200);
    }
    const fees = await ctx.db.query<{ id: string; fee_rp: number }>('SELECT id, fee_rp FROM orders WHERE id = ANY($1::text[])', [[first.id, second.id]]);
    const feeOf = new Map(fees.rows.map((r) => [r.id, Number(r.fee_rp)]));
    expect(feeOf.get(first.id)! + feeOf.get(second.id)!).toBeGreaterThan(0);
    expect((await loadCourier(ctx.db, courier.id, 3_000))!.earnedTodayRp).toBe(feeOf.get(first.id)! + feeOf.get(second.id)!);
    expect((await loadCourier(ctx.db, colleague.id, 3_000))!.earnedTodayRp).toBe(0);
    await ctx.db.query(`UPDATE orders SET delivered_at = now() - interval '2 days' WHERE id = $1`, [first.id]);
    expect((await loadCourier(ctx.db, courier.id, 3_000))!.earnedTodayRp).toBe(feeOf.get(second.id)!);
  });
});
