// Orders priced from stall catalogues (price and weight from the catalogue, free-text lines flagged) and substitutions
// chosen from the same stall's catalogue.
import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, countRows, expectProblem, marketWithStalls, orderBody } from '../helpers/fixtures.js';
import { Scenario } from '../transitions/seed.js';

async function catalogue(app: any, stallId: string, items: Record<string, unknown>[]): Promise<Record<string, any>[]> {
  const res = await app.inject({ method: 'POST', url: `/v1/stalls/${stallId}/catalogue`, headers: await admin(app), payload: { items } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describeEachBackend('orders priced from catalogues', (ctx) => {
  it('takes stall, name, unit, price and weight from the catalogue and flags free-text lines', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const [kangkung, tomat] = await catalogue(ctx.app, stalls[0].id, [
      { name: 'Kangkung', unit: 'ikat', price_rp: 3000, weight_kg: 0.25 }, { name: 'Tomat', unit: 'kg', price_rp: 12000, weight_kg: 1 },
    ]);
    const body = orderBody(market.id, [], {
      items: [
        { catalogue_item_id: kangkung.id, quantity: 2 },
        { catalogue_item_id: tomat.id, stall_id: stalls[0].id, quantity: 0.5 },
        { stall_id: stalls[1].id, name: 'ikan bandeng presto', quantity: 1, unit: 'ekor', unit_price_rp: 25000, weight_kg: 0.4 },
      ],
    });
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/orders', headers: await admin(ctx.app), payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    expect(order.items.map((i: any) => [i.name, i.unit, i.unit_price_rp, i.weight_kg, i.catalogue_item_id, i.free_text])).toEqual([
      ['Kangkung', 'ikat', 3000, 0.5, kangkung.id, false],
      ['Tomat', 'kg', 12000, 0.5, tomat.id, false],
      ['ikan bandeng presto', 'ekor', 25000, 0.4, null, true],
    ]);
    expect(order.goods_total_rp).toBe(2 * 3000 + 6000 + 25000);
    const read = await ctx.app.inject({ method: 'GET', url: `/v1/orders/${order.id}`, headers: await admin(ctx.app) });
    expect(read.json().items.map((i: any) => i.free_text)).toEqual([false, false, true]);
  });

  it('refuses a caller price on a catalogue line, unknown or unavailable items and free-text lines without a price', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const [tomat] = await catalogue(ctx.app, stalls[0].id, [{ name: 'Tomat', unit: 'kg', price_rp: 12000, weight_kg: 1, available: false }]);
    const [lele] = await catalogue(ctx.app, stalls[1].id, [{ name: 'Lele', unit: 'kg', price_rp: 28000, weight_kg: 1 }]);
    const post = async (items: unknown[]) => ctx.app.inject({ method: 'POST', url: '/v1/orders', headers: await admin(ctx.app), payload: orderBody(market.id, [], { items }) });
    const priced = expectProblem(await post([{ catalogue_item_id: lele.id, quantity: 1, unit_price_rp: 1 }]), 400, 'validation_failed');
    expect(priced.errors).toEqual([{ path: '/body/items/0/unit_price_rp', message: expect.stringContaining('catalogue') }]);
    expectProblem(await post([{ catalogue_item_id: tomat.id, quantity: 1 }]), 422, 'catalogue_item_unavailable');
    expectProblem(await post([{ catalogue_item_id: lele.id, stall_id: stalls[0].id, quantity: 1 }]), 422, 'unknown_reference');
    expectProblem(await post([{ catalogue_item_id: 'cat_00000000000000000000000000', quantity: 1 }]), 422, 'unknown_reference');
    const free = expectProblem(await post([{ stall_id: stalls[0].id, name: 'cabai', quantity: 1 }]), 400, 'validation_failed');
    expect(free.errors.map((e: any) => e.path)).toEqual(['/body/items/0/unit_price_rp', '/body/items/0/weight_kg']);
    expect(await countRows(ctx.app, 'orders')).toBe(0);
  });

  it('a substitution picks from the same stall\'s catalogue at its price; another stall\'s item is refused', async () => {
    const s = await Scenario.create(ctx.app);
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const route = await s.assigned([order], courier);
    const stops = route.stops[order.id];
    const [tongkol] = await catalogue(ctx.app, s.stalls.fish, [{ name: 'Ikan tongkol', unit: 'kg', price_rp: 38000, weight_kg: 1 }]);
    const [bayam] = await catalogue(ctx.app, s.stalls.veg, [{ name: 'Bayam', unit: 'ikat', price_rp: 3000, weight_kg: 0.25 }]);
    await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, courier.headers);
    const [kembung, udang] = order.items.fish;
    const wrongStall = await s.post(`/v1/stops/${stops.pickups.fish}/pickup`, courier.headers, {
      items: [{ item_id: kembung, outcome: 'substituted', substitute_catalogue_item_id: bayam.id }, { item_id: udang, outcome: 'picked' }],
    });
    expect(expectProblem(wrongStall, 422, 'unprocessable').errors[0].path).toBe('/body/items/0/substitute_catalogue_item_id');
    const ok = await s.post(`/v1/stops/${stops.pickups.fish}/pickup`, courier.headers, {
      items: [{ item_id: kembung, outcome: 'substituted', substitute_catalogue_item_id: tongkol.id }, { item_id: udang, outcome: 'picked' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await ctx.db.query<{ substitute_name: string; substitute_price_rp: number }>('SELECT substitute_name, substitute_price_rp FROM order_items WHERE id = $1', [kembung]);
    expect(row.rows[0]).toEqual({ substitute_name: 'Ikan tongkol', substitute_price_rp: 38000 });
  });
});
