// Cash on delivery under attack: a courier cannot raise the amount due with a dear substitute (the market's cap,
// approval above it) or record absurd cash, and every shortfall or surplus is recorded, announced to the market and
// kept in the courier's COD balance until a dispatcher settles it.
import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, expectProblem, tokenFor } from '../helpers/fixtures.js';
import { Scenario } from './seed.js';

const due = async (s: Scenario, orderId: string) =>
  Number((await s.app.db.query<{ cod_total_rp: number }>('SELECT cod_total_rp FROM orders WHERE id = $1', [orderId])).rows[0].cod_total_rp);

describeEachBackend('COD bounds and discrepancies', (ctx) => {
  /** An order on a courier's route, arrived at the fish stall. */
  async function atFishStall(existing?: Scenario) {
    const s = existing ?? (await Scenario.create(ctx.app));
    const fleet = await s.fleet();
    const courier = await s.courier(fleet.id);
    const order = await s.order();
    const stops = (await s.assigned([order], courier)).stops[order.id];
    expect((await s.post(`/v1/stops/${stops.pickups.fish}/arrive`, courier.headers)).statusCode).toBe(200);
    return { s, courier, order, stops };
  }
  /** Picks the rest and arrives at the door. */
  async function toTheDoor(w: Awaited<ReturnType<typeof atFishStall>>) {
    const { s, courier, order, stops } = w;
    await s.post(`/v1/stops/${stops.pickups.veg}/arrive`, courier.headers);
    expect((await s.post(`/v1/stops/${stops.pickups.veg}/pickup`, courier.headers, { items: [{ item_id: order.items.veg[0], outcome: 'picked' }] })).statusCode).toBe(200);
    expect((await s.post(`/v1/stops/${stops.delivery}/arrive`, courier.headers)).statusCode).toBe(200);
  }

  it('a Rp 1,000,000,000 substitute for a Rp 15,000 item does not raise the amount due; Rp 1e9 collected is refused', async () => {
    const w = await atFishStall();
    const { s, courier, order, stops } = w;
    const [kembung, udang] = order.items.fish;
    const res = await s.post(`/v1/stops/${stops.pickups.fish}/pickup`, courier.headers, {
      items: [{ item_id: kembung, outcome: 'substituted', substitute_name: 'ikan emas', substitute_price_rp: 1_000_000_000 }, { item_id: udang, outcome: 'picked' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await due(s, order.id)).toBe(115_000);
    const flagged = await ctx.db.query<{ payload: Record<string, any> }>(`SELECT payload FROM events WHERE type = 'order.substitute_awaiting_approval' AND order_id = $1`, [order.id]);
    expect(flagged.rows[0].payload.items).toEqual([{ item_id: kembung, unit_price_rp: 15_000, substitute_price_rp: 1_000_000_000, cap_rp: 22_500 }]);
    await toTheDoor(w);
    const absurd = expectProblem(await s.post(`/v1/stops/${stops.delivery}/deliver`, courier.headers, { cod_collected_rp: 1_000_000_000 }), 422, 'unprocessable');
    expect(absurd.errors).toEqual([{ path: '/body/cod_collected_rp', message: 'at most Rp 165000' }]);
    expect(await s.status('orders', order.id)).toBe('delivering');
    expect((await ctx.db.query('SELECT 1 FROM cod_discrepancies')).rows).toHaveLength(0);
  });

  it('a substitute above the cap counts once a dispatcher approves it (for the customer); within a raised cap it counts at once', async () => {
    const w = await atFishStall();
    const { s, courier, order, stops } = w;
    const [kembung, udang] = order.items.fish;
    await s.post(`/v1/stops/${stops.pickups.fish}/pickup`, courier.headers, {
      items: [{ item_id: kembung, outcome: 'substituted', substitute_name: 'ikan tongkol besar', substitute_price_rp: 30_000 }, { item_id: udang, outcome: 'picked' }],
    });
    expect(await due(s, order.id)).toBe(115_000);
    const approve = (headers: Record<string, string>, itemId = kembung) =>
      s.post(`/v1/orders/${order.id}/items/${itemId}/approve-substitute`, headers, { approved_by: 'customer' });
    expectProblem(await approve(courier.headers), 403, 'forbidden');
    expectProblem(await approve(await tokenFor(ctx.app, 'dispatcher', { marketIds: ['mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ'] })), 404, 'not_found');
    const ok = await approve(await tokenFor(ctx.app, 'dispatcher', { marketIds: [s.marketId] }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: order.id, status: 'picking', cod_total_rp: 145_000 });
    expect(await due(s, order.id)).toBe(145_000);
    expectProblem(await approve(await admin(ctx.app)), 422, 'unprocessable');
    expectProblem(await approve(await admin(ctx.app), udang), 422, 'unprocessable');

    const policy = await ctx.app.inject({ method: 'PATCH', url: `/v1/markets/${s.marketId}/cod-policy`, headers: await admin(ctx.app), payload: { substitution_cap_pct: 250 } });
    expect(policy.statusCode, policy.body).toBe(200);
    expect(policy.json()).toEqual({ substitution_cap_pct: 250, surplus_max_rp: 50_000 });
    const next = await atFishStall(s);
    await next.s.post(`/v1/stops/${next.stops.pickups.fish}/pickup`, next.courier.headers, {
      items: [{ item_id: next.order.items.fish[0], outcome: 'substituted', substitute_name: 'ikan tongkol besar', substitute_price_rp: 30_000 }, { item_id: next.order.items.fish[1], outcome: 'picked' }],
    });
    expect(await due(next.s, next.order.id)).toBe(145_000);
  });

  it('a shortfall and a surplus are recorded, announced to the market and held in the courier balance until settled', async () => {
    const w = await atFishStall();
    const { s, courier, order, stops } = w;
    await s.post(`/v1/stops/${stops.pickups.fish}/pickup`, courier.headers, { items: order.items.fish.map((item_id) => ({ item_id, outcome: 'picked' })) });
    await toTheDoor(w);
    const short = await s.post(`/v1/stops/${stops.delivery}/deliver`, courier.headers, { cod_collected_rp: 50_000 });
    expect(short.statusCode, short.body).toBe(200);
    expect(short.json().order.status).toBe('delivered');
    const dispatcher = await tokenFor(ctx.app, 'dispatcher', { marketIds: [s.marketId] });
    const events = await ctx.app.inject({ method: 'GET', url: `/v1/events?market_id=${s.marketId}&type=order.cod_discrepancy`, headers: dispatcher });
    expect(events.statusCode, events.body).toBe(200);
    const flagged = events.json().data.filter((e: { type: string }) => e.type === 'order.cod_discrepancy');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ market_id: s.marketId, courier_id: courier.id, order_id: order.id, payload: { due_rp: 115_000, collected_rp: 50_000, short_rp: 65_000, surplus_rp: 0, courier_unsettled_short_rp: 65_000 } });

    // A second order of the same courier, paid Rp 5,000 over (the customer left the change).
    const order2 = await s.order();
    const stops2 = (await s.route([order2])).stops[order2.id];
    await ctx.db.query(`UPDATE routes SET courier_id = $2, status = 'active' WHERE id = (SELECT route_id FROM stops WHERE id = $1)`, [stops2.delivery, courier.id]);
    await ctx.db.query(`UPDATE orders SET status = 'delivering', courier_id = $2 WHERE id = $1`, [order2.id, courier.id]);
    await ctx.db.query(`UPDATE stops SET status = 'done' WHERE order_id = $1 AND kind = 'pickup'`, [order2.id]);
    await ctx.db.query(`UPDATE stops SET status = 'arrived' WHERE id = $1`, [stops2.delivery]);
    const over = await s.post(`/v1/stops/${stops2.delivery}/deliver`, courier.headers, { cod_collected_rp: 120_000 });
    expect(over.statusCode, over.body).toBe(200);

    const balance = async (headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courier.id}/cod-balance`, headers });
    expect((await balance(courier.headers)).json()).toEqual({ courier_id: courier.id, unsettled_short_rp: 65_000, unsettled_surplus_rp: 5_000, unsettled_orders: 2 });
    expectProblem(await s.post(`/v1/orders/${order.id}/cod-settlement`, courier.headers, {}), 403, 'forbidden');
    const settled = await s.post(`/v1/orders/${order.id}/cod-settlement`, dispatcher, { note: 'kurir setor Rp 65.000 di pangkalan' });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toEqual({ courier_id: courier.id, unsettled_short_rp: 0, unsettled_surplus_rp: 5_000, unsettled_orders: 1 });
    expectProblem(await s.post(`/v1/orders/${order.id}/cod-settlement`, dispatcher, {}), 422, 'unprocessable');
    const row = await ctx.db.query<{ settled_at: Date | null; settlement_note: string }>('SELECT settled_at, settlement_note FROM cod_discrepancies WHERE order_id = $1', [order.id]);
    expect(row.rows[0].settled_at).not.toBeNull();
    const types = await ctx.db.query<{ type: string }>(`SELECT type FROM events WHERE order_id = $1 AND type LIKE 'order.cod%' ORDER BY seq`, [order.id]);
    expect(types.rows.map((t) => t.type)).toEqual(['order.cod_discrepancy', 'order.cod_settled']);
  });
});
