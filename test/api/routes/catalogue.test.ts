// Stall catalogues: the stall form (create, update by name and unit, price history), one-item changes with If-Match,
// the CSV price board (all rows or none, Indonesian headers and number formats), scopes.
import { describe, expect, it } from 'vitest';
import { parsePriceBoard } from '../../../api/routes/catalogue/price-board-csv.js';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, countRows, expectProblem, marketWithStalls, tokenFor } from '../helpers/fixtures.js';

describe('price board CSV', () => {
  it('reads Indonesian headers, semicolons, quoted names, Rp prices and decimal commas', () => {
    const board = parsePriceBoard('kios;barang;satuan;harga;berat;tersedia\nB2-17;"Cabai rawit; merah";kg;Rp 60.000;1;ya\nB2-17;Kangkung;ikat;3000;0,25;habis\n');
    expect(board.errors).toEqual([]);
    expect(board.rows).toEqual([
      { stall_code: 'B2-17', name: 'Cabai rawit; merah', unit: 'kg', price_rp: 60000, weight_kg: 1, available: true, line: 2 },
      { stall_code: 'B2-17', name: 'Kangkung', unit: 'ikat', price_rp: 3000, weight_kg: 0.25, available: false, line: 3 },
    ]);
  });

  it('names every bad cell and a missing column', () => {
    expect(parsePriceBoard('stall_code,name,unit,price_rp\n').errors).toEqual([{ path: '/body/header', message: 'needs a weight_kg column' }]);
    const board = parsePriceBoard('stall_code,name,unit,price_rp,weight_kg\nB2-17,Tomat,kg,dua belas ribu,1\nB2-17,Tomat,2kg,12000,-1\n');
    expect(board.errors.map((e) => e.path)).toEqual(['/body/line/2', '/body/line/3']);
    expect(board.errors[1].message).toMatch(/unit.*weight_kg/);
  });
});

describeEachBackend('catalogue routes', (ctx) => {
  it('the stall form creates items, updates them by name and unit, keeps the price history and skips unchanged ones', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = await tokenFor(ctx.app, 'dispatcher', { marketIds: [market.id] });
    const first = await ctx.app.inject({
      method: 'POST', url: `/v1/stalls/${stalls[0].id}/catalogue`, headers,
      payload: { items: [{ name: 'Kangkung', unit: 'ikat', price_rp: 3000, weight_kg: 0.25 }, { name: 'Tomat', unit: 'KG', price_rp: 12000, weight_kg: 1 }] },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const tomat = first.json().items.find((i: any) => i.name === 'Tomat');
    expect(tomat).toMatchObject({ unit: 'kg', price_rp: 12000, available: true, version: 1, stall_code: 'B2-17' });

    const second = await ctx.app.inject({
      method: 'POST', url: `/v1/stalls/${stalls[0].id}/catalogue`, headers,
      payload: { items: [{ name: 'Kangkung', unit: 'ikat', price_rp: 3000, weight_kg: 0.25 }, { name: 'Tomat', unit: 'kg', price_rp: 14000, weight_kg: 1, available: false }] },
    });
    expect(second.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const history = await ctx.app.inject({ method: 'GET', url: `/v1/catalogue/${tomat.id}/prices`, headers });
    expect(history.json().data.map((h: any) => [h.price_rp, h.available, h.source])).toEqual([[12000, true, 'form'], [14000, false, 'form']]);

    const list = await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/catalogue?available=true`, headers });
    expect(list.json().data.map((i: any) => i.name)).toEqual(['Kangkung']);
    expect(await countRows(ctx.app, "events WHERE type = 'catalogue.updated'")).toBe(2);
  });

  it('PATCH changes one price with If-Match and answers 409 with the current item on a stale version', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = await admin(ctx.app);
    const created = await ctx.app.inject({ method: 'POST', url: `/v1/stalls/${stalls[1].id}/catalogue`, headers, payload: { items: [{ name: 'Ikan kembung', unit: 'kg', price_rp: 40000, weight_kg: 1 }] } });
    const item = created.json().items[0];
    const ok = await ctx.app.inject({ method: 'PATCH', url: `/v1/catalogue/${item.id}`, headers: { ...headers, 'if-match': '"1"' }, payload: { price_rp: 42000 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await ctx.app.inject({ method: 'PATCH', url: `/v1/catalogue/${item.id}`, headers: { ...headers, 'if-match': '"1"' }, payload: { price_rp: 39000 } });
    expect(expectProblem(stale, 409, 'version_conflict').current).toMatchObject({ price_rp: 42000, version: 2 });
    const other = await tokenFor(ctx.app, 'dispatcher', { marketIds: ['mkt_00000000000000000000000000'] });
    expectProblem(await ctx.app.inject({ method: 'PATCH', url: `/v1/catalogue/${item.id}`, headers: other, payload: { price_rp: 1 } }), 404, 'not_found');
    expect(market.id).toBeTruthy();
  });

  it('the CSV price board stores every row or, with one bad row, none', async () => {
    const { market } = await marketWithStalls(ctx.app);
    const headers = { ...(await admin(ctx.app)), 'content-type': 'text/csv' };
    const good = 'stall_code,name,unit,price_rp,weight_kg,available\nB2-17,Bayam,ikat,3000,0.25,ya\nC1-04,Ikan lele,kg,"28.000",1,ya\n';
    const res = await ctx.app.inject({ method: 'POST', url: `/v1/markets/${market.id}/catalogue/csv`, headers, payload: good });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 0 });
    expect(res.json().items.find((i: any) => i.name === 'Ikan lele')).toMatchObject({ price_rp: 28000, stall_code: 'C1-04' });

    const before = await countRows(ctx.app, 'catalogue_items');
    const bad = 'stall_code,name,unit,price_rp,weight_kg\nB2-17,Bayam,ikat,3500,0.25\nZZ-99,Tomat,kg,12000,1\n';
    const problem = expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/markets/${market.id}/catalogue/csv`, headers, payload: bad }), 422, 'unknown_reference');
    expect(problem.errors).toEqual([{ path: '/body/line/3', message: expect.stringContaining('ZZ-99') }]);
    const twice = 'stall_code,name,unit,price_rp,weight_kg\nB2-17,Bayam,ikat,3500,0.25\nB2-17,bayam,Ikat,3600,0.25\n';
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/markets/${market.id}/catalogue/csv`, headers, payload: twice }), 400, 'validation_failed');
    expect(await countRows(ctx.app, 'catalogue_items')).toBe(before);
    expect(await countRows(ctx.app, 'catalogue_prices')).toBe(2);
  });

  it('scopes: another market\'s dispatcher cannot read or write, couriers read, planners only read', async () => {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const elsewhere = await tokenFor(ctx.app, 'dispatcher', { marketIds: ['mkt_00000000000000000000000000'] });
    const planner = await tokenFor(ctx.app, 'planner', { marketIds: [market.id] });
    const body = { items: [{ name: 'Tempe', unit: 'papan', price_rp: 6000, weight_kg: 0.4 }] };
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/stalls/${stalls[0].id}/catalogue`, headers: elsewhere, payload: body }), 404, 'not_found');
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/stalls/${stalls[0].id}/catalogue`, headers: planner, payload: body }), 403, 'forbidden');
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/catalogue`, headers: elsewhere }), 404, 'not_found');
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/stalls/${stalls[0].id}/catalogue`, headers: planner })).statusCode).toBe(200);
  });
});
