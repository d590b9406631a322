// Subsidised packages: concurrent orders never oversell (exactly the stock is sold, stock never below zero), the quota
// per household and period holds under concurrency too, and the map reads the stock left per point.
import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, countRows, createMarket, expectProblem, tokenFor } from '../helpers/fixtures.js';

describeEachBackend('subsidised packages', (ctx) => {
  async function setUp(stock: number, quota = 2) {
    const market = await createMarket(ctx.app);
    const headers = await tokenFor(ctx.app, 'dispatcher', { marketIds: [market.id] });
    const point = await ctx.app.inject({ method: 'POST', url: `/v1/markets/${market.id}/distribution-points`, headers, payload: { name: 'Kantor Kelurahan', location: { lon: 106.78, lat: -6.24 } } });
    expect(point.statusCode, point.body).toBe(201);
    const pkg = await ctx.app.inject({
      method: 'POST', url: `/v1/markets/${market.id}/packages`, headers,
      payload: { name: 'Paket sembako', contents: 'beras 5 kg, minyak 1 L, gula 1 kg', price_rp: 50000, weight_kg: 7, quota_per_household: quota, quota_period: 'week', stock: [{ point_id: point.json().id, quantity: stock }] },
    });
    expect(pkg.statusCode, pkg.body).toBe(201);
    return { market, headers, pointId: point.json().id as string, packageId: pkg.json().id as string };
  }

  it('60 concurrent orders from 60 households against 20 packages sell exactly 20; the rest are sold_out', async () => {
    const { market, headers, pointId, packageId } = await setUp(20);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => ctx.app.inject({
      method: 'POST', url: `/v1/packages/${packageId}/orders`, headers, payload: { point_id: pointId, phone: `+62812000${String(i).padStart(4, '0')}` },
    })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(20);
    expect(codes.filter((c) => c === 409)).toHaveLength(40);
    expectProblem(results.find((r) => r.statusCode === 409)!, 409, 'sold_out');
    const stock = await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/packages/stock`, headers });
    expect(stock.json().data).toEqual([expect.objectContaining({ point_id: pointId, package_id: packageId, stock_total: 20, stock_left: 0, location: { lon: 106.78, lat: -6.24 } })]);
    expect(await countRows(ctx.app, 'package_orders')).toBe(20);
    expect(await countRows(ctx.app, 'package_quota_use')).toBe(20);
  });

  it('a household gets its quota per period and no more, even with concurrent orders; its id may be a household number', async () => {
    const { headers, pointId, packageId } = await setUp(100, 2);
    const tries = await Promise.all(Array.from({ length: 10 }, () => ctx.app.inject({ method: 'POST', url: `/v1/packages/${packageId}/orders`, headers, payload: { point_id: pointId, phone: '+6281234567890' } })));
    expect(tries.filter((r) => r.statusCode === 201)).toHaveLength(2);
    const over = expectProblem(tries.find((r) => r.statusCode === 422)!, 422, 'over_quota');
    expect(over).toMatchObject({ quota_per_household: 2, quota_period: 'week', used: 2, asked: 1 });
    // Two phones of one household (Kartu Keluarga number) share the quota.
    const kk = { point_id: pointId, household: '3174-0123-4567-8901' };
    expect((await ctx.app.inject({ method: 'POST', url: `/v1/packages/${packageId}/orders`, headers, payload: { ...kk, phone: '+6281111111111', quantity: 2 } })).statusCode).toBe(201);
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/packages/${packageId}/orders`, headers, payload: { ...kk, phone: '+6282222222222' } }), 422, 'over_quota');
    const left = await ctx.db.query<{ stock_left: number }>('SELECT stock_left FROM package_stock WHERE package_id = $1', [packageId]);
    expect(left.rows[0].stock_left).toBe(96);
  });

  it('stock can never go below zero, even by direct SQL; restocking adds; other markets see nothing', async () => {
    const { headers, pointId, packageId } = await setUp(1);
    await expect(ctx.db.query('UPDATE package_stock SET stock_left = stock_left - 2 WHERE package_id = $1', [packageId])).rejects.toThrow(/check/i);
    const restock = await ctx.app.inject({ method: 'POST', url: `/v1/packages/${packageId}/stock`, headers, payload: { point_id: pointId, add: 4 } });
    expect(restock.json()).toEqual({ stock_left: 5 });
    const other = await tokenFor(ctx.app, 'dispatcher', { marketIds: ['mkt_00000000000000000000000000'] });
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/packages/${packageId}/orders`, headers: other, payload: { point_id: pointId, phone: '+6281234567890' } }), 404, 'not_found');
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/packages/${packageId}/orders`, headers: await admin(ctx.app), payload: { point_id: 'dpt_00000000000000000000000000', phone: '+6281234567890' } }), 422, 'unknown_reference');
  });
});
