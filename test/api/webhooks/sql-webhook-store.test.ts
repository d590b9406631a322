// The outbox scan on both back ends: only fleet events of webhook types, once each; the cursor never skips an event.

import { expect, it } from 'vitest';
import { newId } from '../../../api/ids.js';
import { SqlWebhookStore } from '../../../api/webhooks/sql-webhook-store.js';
import { describeEachBackend } from '../helpers/backends.js';

describeEachBackend('SqlWebhookStore outbox', (ctx) => {
  async function seed() {
    const fleets = { on: newId('flt'), off: newId('flt'), none: newId('flt') };
    await ctx.db.query(
      `INSERT INTO fleets (id, kind, name, webhook_url, webhook_secret, webhook_enabled) VALUES
         ($1, 'ojol', 'on', 'http://127.0.0.1:9/a', 'whsec_AAAA', true),
         ($2, 'ojol', 'off', 'http://127.0.0.1:9/b', 'whsec_AAAA', false),
         ($3, 'ojol', 'none', NULL, NULL, true)`,
      [fleets.on, fleets.off, fleets.none],
    );
    return fleets;
  }
  async function event(type: string, fleetId: string | null, ageS: number): Promise<string> {
    const id = newId('evt');
    await ctx.db.query(`INSERT INTO events (id, type, fleet_id, payload, created_at) VALUES ($1, $2, $3, '{"n":1}', now() - make_interval(secs => $4))`, [id, type, fleetId, ageS]);
    return id;
  }
  const cursor = async () => Number((await ctx.db.query<{ last_seq: number }>(`SELECT last_seq FROM webhook_outbox_cursor WHERE name = 'fleets'`)).rows[0].last_seq);
  const queued = async () => (await ctx.db.query<{ event_id: string }>('SELECT event_id FROM webhook_deliveries ORDER BY event_seq')).rows.map((r) => r.event_id);

  it('queues offer and order events of enabled fleets with an endpoint, each once', async () => {
    // The store copes with a missing cursor row (a wiped table) by starting from 0.
    await ctx.db.query('DELETE FROM webhook_outbox_cursor');
    const fleets = await seed();
    const wanted = [await event('offer.created', fleets.on, 60), await event('order.assigned', fleets.on, 60)];
    await event('courier.idle', fleets.on, 60);
    await event('order.assigned', fleets.off, 60);
    await event('order.assigned', fleets.none, 60);
    await event('order.created', null, 60);
    const store = new SqlWebhookStore(ctx.db, { safetyMarginS: 10 });
    expect(await store.enqueueFromOutbox(new Date(), 100)).toBe(2);
    expect(await store.enqueueFromOutbox(new Date(), 100)).toBe(0);
    expect(await queued()).toEqual(wanted);
    const body = (await ctx.db.query<{ body: string }>('SELECT body FROM webhook_deliveries WHERE event_id = $1', [wanted[0]])).rows[0].body;
    expect(JSON.parse(body)).toEqual({ id: wanted[0], type: 'offer.created', timestamp: expect.any(String), data: { n: 1 } });
  });

  it('keeps the cursor behind recent events and behind candidates left out by the limit', async () => {
    const fleets = await seed();
    const old = [await event('order.assigned', fleets.on, 60), await event('order.assigned', fleets.on, 60), await event('order.assigned', fleets.on, 60)];
    const store = new SqlWebhookStore(ctx.db, { safetyMarginS: 10 });
    expect(await store.enqueueFromOutbox(new Date(), 2)).toBe(2);
    const afterFirst = await cursor();
    const seqOf = async (id: string) => Number((await ctx.db.query<{ seq: number }>('SELECT seq FROM events WHERE id = $1', [id])).rows[0].seq);
    expect(afterFirst).toBe(await seqOf(old[1]));
    const recent = await event('offer.created', fleets.on, 0);
    expect(await store.enqueueFromOutbox(new Date(), 10)).toBe(2);
    expect(await queued()).toEqual([...old, recent]);
    // The recent event is queued but the cursor stays at the last old one, so a late commit below it is still seen.
    expect(await cursor()).toBe(await seqOf(old[2]));
  });
});
