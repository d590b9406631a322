// WhatsApp intake end to end: the verification challenge, signed notifications becoming draft orders (parsed against
// the market's catalogue, once per message id, unreadable ones kept), confirmation into an order and the replies
// sent to a local stand-in of the Cloud API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hubSignature } from '../../../api/whatsapp/signature.js';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, countRows, expectProblem, marketWithStalls, tokenFor } from '../helpers/fixtures.js';
import { WhatsAppStandIn } from '../helpers/whatsapp-stand-in.js';

const SECRET = 'app-secret-0123456789';
const ACCESS = 'EAAG-access-token-xyz';
const PHONE_ID = '106540352242922';
const standIn = new WhatsAppStandIn(ACCESS);
let baseUrl = '';
beforeAll(async () => {
  baseUrl = await standIn.start();
});
afterAll(() => standIn.stop());

function notification(messages: Record<string, unknown>[], phoneNumberId = PHONE_ID): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
      contacts: [{ profile: { name: 'Bu Sari' }, wa_id: '6281234567890' }], messages,
    } }] }],
  };
}
const text = (id: string, body: string, from = '6281234567890') => ({ from, id, timestamp: '1733468400', type: 'text', text: { body } });

describeEachBackend('WhatsApp intake', (ctx) => {
  async function setUp() {
    const { market, stalls } = await marketWithStalls(ctx.app);
    const headers = await admin(ctx.app);
    const put = await ctx.app.inject({ method: 'PUT', url: `/v1/markets/${market.id}/whatsapp`, headers, payload: { phone_number_id: PHONE_ID, verify_token: 'verify-me-please', app_secret: SECRET, access_token: ACCESS, api_base_url: baseUrl } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.body).not.toContain(SECRET);
    const items = await ctx.app.inject({ method: 'POST', url: `/v1/stalls/${stalls[0].id}/catalogue`, headers, payload: { items: [
      { name: 'Kangkung', unit: 'ikat', price_rp: 3000, weight_kg: 0.25 }, { name: 'Bawang merah', unit: 'kg', price_rp: 38000, weight_kg: 1 },
      { name: 'Cabai rawit merah', unit: 'kg', price_rp: 60000, weight_kg: 1 },
    ] } });
    expect(items.statusCode, items.body).toBe(200);
    standIn.sent.length = 0;
    standIn.rejected.length = 0;
    return { market, stalls, catalogue: items.json().items as Record<string, any>[] };
  }
  const post = (body: unknown, secret = SECRET) => {
    const raw = JSON.stringify(body);
    return ctx.app.inject({ method: 'POST', url: '/whatsapp/webhook', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, secret) }, payload: raw });
  };

  it('answers the verification challenge only with a channel\'s verify token', async () => {
    await setUp();
    const ok = await ctx.app.inject({ method: 'GET', url: '/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=1158201444' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1' }), 403, 'forbidden');
  });

  it('a signed text message becomes a draft parsed against the catalogue; retries of it change nothing', async () => {
    const { market, catalogue } = await setUp();
    const body = notification([text('wamid.HBgLNjI4MTIzNDU2Nzg5MA==', 'Assalamualaikum bu\nbrambang 1/4, kangkung 2 iket\nAlamat Jl. Kenanga no 5, dekat masjid\nmakasih')]);
    const first = await post(body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: 1, duplicates: 0 });
    for (let i = 0; i < 3; i++) expect((await post(body)).json()).toEqual({ received: 0, duplicates: 1 });
    const drafts = await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/drafts?status=open`, headers: await tokenFor(ctx.app, 'dispatcher', { marketIds: [market.id] }) });
    const [draft] = drafts.json().data;
    expect(drafts.json().data).toHaveLength(1);
    const byName = new Map(catalogue.map((c) => [c.name, c.id]));
    expect(draft).toMatchObject({ customer_phone: '+6281234567890', customer_name: 'Bu Sari', message_count: 1, address_text: 'jl. kenanga no 5', landmark: 'dekat masjid' });
    expect(draft.items.map((i: any) => [i.catalogue_item_id, i.quantity])).toEqual([[byName.get('Bawang merah'), 0.25], [byName.get('Kangkung'), 2]]);
    expect(await countRows(ctx.app, 'whatsapp_messages')).toBe(1);
    expect(await countRows(ctx.app, "events WHERE type = 'draft.created'")).toBe(1);
  });

  it('notifications arriving together are written together: twins delivered at once, retries and several customers; nothing lost or counted twice', async () => {
    const { market } = await setUp();
    const customers = ['6281100000001', '6281100000002', '6281100000003'];
    const bodies = Array.from({ length: 24 }, (_, i) => notification([text(`wamid.batch${i}`, `kangkung ${i + 1} ikat`, customers[i % 3])]));
    const deliveries = [...bodies, ...bodies.filter((_, i) => i % 3 === 0)]; // eight twins in flight beside their originals
    const answers = (await Promise.all(deliveries.map((b) => post(b)))).map((r) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { received: number; duplicates: number };
    });
    expect(answers.reduce((n, a) => n + a.received, 0)).toBe(24);
    expect(answers.reduce((n, a) => n + a.duplicates, 0)).toBe(8);
    for (const body of bodies.slice(0, 4)) expect((await post(body)).json()).toEqual({ received: 0, duplicates: 1 });
    expect(await countRows(ctx.app, 'whatsapp_messages')).toBe(24);
    const drafts = (await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/drafts`, headers: await admin(ctx.app) })).json().data;
    expect(drafts).toHaveLength(3);
    for (const draft of drafts) {
      const k = customers.indexOf(draft.customer_phone.slice(1));
      const mine = Array.from({ length: 8 }, (_, j) => 3 * j + k + 1); // the quantities this customer sent, in order
      expect(draft.message_count).toBe(8);
      expect(draft.items.map((i: any) => i.quantity).sort((a: number, b: number) => a - b)).toEqual(mine);
      expect(draft.message_text.split('\n').sort()).toEqual(mine.map((q) => `kangkung ${q} ikat`).sort());
    }
    expect(await countRows(ctx.app, "events WHERE type IN ('draft.created', 'draft.updated')")).toBeGreaterThanOrEqual(3);
  });

  it('refuses a bad signature and writes nothing', async () => {
    await setUp();
    expectProblem(await post(notification([text('wamid.x1', 'kangkung 1 ikat')]), 'not-the-secret'), 401, 'invalid_signature');
    const unsigned = await ctx.app.inject({ method: 'POST', url: '/whatsapp/webhook', headers: { 'content-type': 'application/json' }, payload: notification([text('wamid.x2', 'kangkung')]) });
    expectProblem(unsigned, 401, 'invalid_signature');
    expect(await countRows(ctx.app, 'order_drafts')).toBe(0);
  });

  it('later messages, a location, a contact card and a voice note join the same draft; nothing is lost', async () => {
    const { market } = await setUp();
    await post(notification([text('wamid.a1', 'pagi bu, jengkol ada?')]));
    await post(notification([
      { from: '6281234567890', id: 'wamid.a2', timestamp: '1733468460', type: 'location', location: { latitude: -6.2346, longitude: 106.7849, name: 'Rumah', address: 'Jl. Kenanga 5' } },
      { from: '6281234567890', id: 'wamid.a3', timestamp: '1733468470', type: 'contacts', contacts: [{ name: { formatted_name: 'Pak Budi' }, phones: [{ phone: '+62 812 5555 0000', wa_id: '6281255550000' }] }] },
      { from: '6281234567890', id: 'wamid.a4', timestamp: '1733468480', type: 'audio', audio: { id: '1234', mime_type: 'audio/ogg' } },
      text('wamid.a5', 'cabe rawit 1 ons'),
    ]));
    const list = await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/drafts`, headers: await admin(ctx.app) });
    const [draft] = list.json().data;
    expect(list.json().data).toHaveLength(1);
    expect(draft.message_count).toBe(5);
    expect(draft.location).toEqual({ lon: 106.7849, lat: -6.2346 });
    expect(draft.unparsed).toEqual(['jengkol ada', 'kontak: Pak Budi +62 812 5555 0000', 'pesan audio — buka WhatsApp untuk melihatnya']);
    expect(draft.items.map((i: any) => [i.name, i.quantity])).toEqual([['Cabai rawit merah', 0.1]]);
    expect(draft.message_text.split('\n')).toHaveLength(5);
  });

  it('confirming a draft creates the order from the catalogue and replies on WhatsApp; status updates follow; a failed send is retried', async () => {
    const { market, catalogue, stalls } = await setUp();
    await post(notification([text('wamid.c1', 'kangkung 2 ikat\nbawang merah 1/4')]));
    const headers = await tokenFor(ctx.app, 'dispatcher', { marketIds: [market.id] });
    const [draft] = (await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/drafts`, headers })).json().data;
    const items = [...draft.items.map((i: any) => ({ catalogue_item_id: i.catalogue_item_id, quantity: i.quantity })), { stall_id: stalls[1].id, name: 'ikan asin', quantity: 1, unit: 'ons', unit_price_rp: 15000, weight_kg: 0.1 }];
    const confirm = await ctx.app.inject({
      method: 'POST', url: `/v1/drafts/${draft.id}/confirm`, headers: { ...headers, 'if-match': `"${draft.version}"` },
      payload: { items, customer_name: 'Bu Sari', delivery_location: { lon: 106.7849, lat: -6.2346 }, landmark: 'dekat masjid' },
    });
    expect(confirm.statusCode, confirm.body).toBe(201);
    const { order } = confirm.json();
    expect(order.items.map((i: any) => [i.name, i.unit_price_rp, i.free_text])).toEqual([['Kangkung', 3000, false], ['Bawang merah', 38000, false], ['ikan asin', 15000, true]]);
    expect(order.customer.phone).toBe('+6281234567890');
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/drafts/${draft.id}/confirm`, headers, payload: { items, customer_name: 'x', delivery_location: { lon: 106.7849, lat: -6.2346 } } }), 409, 'illegal_transition');

    standIn.failNext = 1;
    expect(await ctx.app.whatsapp.replies.runOnce()).toMatchObject({ sent: 0, failed: 1 });
    await ctx.db.query(`UPDATE whatsapp_outbox SET next_attempt_at = now()`);
    expect(await ctx.app.whatsapp.replies.runOnce()).toMatchObject({ sent: 1, failed: 0 });
    expect(standIn.rejected).toEqual([]);
    expect(standIn.sent).toHaveLength(1);
    expect(standIn.sent[0]).toMatchObject({ phoneNumberId: PHONE_ID, to: '6281234567890' });
    expect(standIn.sent[0].body).toContain(`Total bayar di tempat (COD): Rp ${order.cod_total_rp.toLocaleString('id-ID')}`);

    // The courier's route, as an accepted offer leaves it: the delivery expected at 10.35 WIB tomorrow.
    const etaIso = `${new Date(Date.now() + 24 * 3_600_000).toISOString().slice(0, 10)}T03:35:00.000Z`;
    await ctx.db.query(`INSERT INTO plans (id, market_id, version, status) VALUES ('pln_eta', $1, 1, 'active')`, [market.id]);
    await ctx.db.query(`INSERT INTO routes (id, plan_id, market_id, status) VALUES ('rte_eta', 'pln_eta', $1, 'active')`, [market.id]);
    await ctx.db.query(`INSERT INTO stops (id, route_id, position, kind, order_id, location, eta) VALUES ('stp_eta', 'rte_eta', 0, 'delivery', $1, ST_GeogFromText('POINT(106.7849 -6.2346)'), $2)`, [order.id, etaIso]);
    await ctx.db.query(`UPDATE orders SET route_id = 'rte_eta' WHERE id = $1`, [order.id]);
    for (const type of ['order.assigned', 'order.delivering', 'order.delivered']) {
      await ctx.app.tx((tx) => tx.events.append({ type, marketId: market.id, orderId: order.id, payload: {} }));
    }
    expect(await ctx.app.whatsapp.replies.collect()).toBe(3);
    // Rows written in one clock tick, or by clocks that disagree, still go out in the order of their events.
    await ctx.db.query(`UPDATE whatsapp_outbox o SET created_at = now() - e.seq * interval '1 second' FROM events e WHERE e.id = o.event_id AND o.status = 'pending'`);
    expect(await ctx.app.whatsapp.replies.runOnce()).toMatchObject({ queued: 0, sent: 3 });
    expect(await ctx.app.whatsapp.replies.runOnce()).toMatchObject({ queued: 0, sent: 0 });
    expect(standIn.sent.slice(1).map((m) => m.body.match(/diproses|dikirim|sampai/)?.[0])).toEqual(['diproses', 'dikirim', 'sampai']);
    expect(standIn.sent.slice(1).map((m) => m.body.match(/Perkiraan tiba pukul \d\d\.\d\d WIB/)?.[0] ?? null)).toEqual(['Perkiraan tiba pukul 10.35 WIB', 'Perkiraan tiba pukul 10.35 WIB', null]);
    expect(catalogue).toHaveLength(3);
  });

  it('a coordinator confirms a draft for the hour the customer asked for; the reply names it', async () => {
    const { market } = await setUp();
    await post(notification([text('wamid.b1', 'kangkung 1 ikat, antar besok jam 10 ya')]));
    const [draft] = (await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/drafts`, headers: await admin(ctx.app) })).json().data;
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const bookedFor = `${tomorrow.toISOString().slice(0, 10)}T03:00:00.000Z`; // 10.00 WIB
    const confirm = await ctx.app.inject({
      method: 'POST', url: `/v1/drafts/${draft.id}/confirm`, headers: await admin(ctx.app),
      payload: { items: [{ catalogue_item_id: draft.items[0].catalogue_item_id, quantity: 1 }], customer_name: 'Bu Sari', delivery_location: { lon: 106.7849, lat: -6.2346 }, booked_for: bookedFor },
    });
    expect(confirm.statusCode, confirm.body).toBe(201);
    expect(confirm.json().order.booked_for).toBe(bookedFor);
    expect(await ctx.app.whatsapp.replies.runOnce()).toMatchObject({ sent: 1 });
    expect(standIn.sent.at(-1)!.body).toMatch(/Dibelanjakan dan diantar mulai \w+, \d+ \w+ pukul 10\.00 WIB/);
  });

  it('a failing order leaves the draft open; another market\'s dispatcher sees no draft', async () => {
    const { market } = await setUp();
    await post(notification([text('wamid.d1', 'kangkung 1 ikat')]));
    const [draft] = (await ctx.app.inject({ method: 'GET', url: `/v1/markets/${market.id}/drafts`, headers: await admin(ctx.app) })).json().data;
    const far = await ctx.app.inject({
      method: 'POST', url: `/v1/drafts/${draft.id}/confirm`, headers: await admin(ctx.app),
      payload: { items: [{ catalogue_item_id: draft.items[0].catalogue_item_id, quantity: 1 }], customer_name: 'Bu Sari', delivery_location: { lon: 107.5, lat: -6.9 } },
    });
    expectProblem(far, 422, 'outside_service_area');
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/drafts/${draft.id}`, headers: await admin(ctx.app) })).json().status).toBe('open');
    const other = await tokenFor(ctx.app, 'dispatcher', { marketIds: ['mkt_00000000000000000000000000'] });
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/drafts/${draft.id}`, headers: other }), 404, 'not_found');
  });
});
