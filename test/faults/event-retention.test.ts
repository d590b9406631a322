// Event-log retention: old `courier.moved` rows go, in batches; recent ones, business events and anything the
// webhook outbox has not passed yet stay.
import { expect, it } from 'vitest';
import { pruneEvents } from '../../api/plugins/event-retention.js';
import { describeEachBackend } from '../api/helpers/backends.js';

describeEachBackend('event retention', (ctx) => {
  it('prunes old courier.moved events below the outbox cursor only', async () => {
    const add = (i: number, type: string, ageS: number) =>
      ctx.db.query(`INSERT INTO events (id, type, created_at) VALUES ($1, $2, now() - make_interval(secs => $3))`, [`evt_${i}`, type, ageS]);
    for (let i = 0; i < 25; i++) await add(i, 'courier.moved', 30_000); // old positions
    await add(100, 'order.created', 30_000); // old business event
    for (let i = 200; i < 205; i++) await add(i, 'courier.moved', 10); // recent positions
    for (let i = 300; i < 305; i++) await add(i, 'courier.moved', 30_000); // old, but after the outbox cursor
    const seqOf = async (id: string) => (await ctx.db.query<{ seq: number }>('SELECT seq FROM events WHERE id = $1', [id])).rows[0].seq;
    await ctx.db.query(`UPDATE webhook_outbox_cursor SET last_seq = $1`, [await seqOf('evt_204')]);

    expect(await pruneEvents(ctx.db, { movedRetentionS: 3_600, batchRows: 10 })).toBe(25);
    const left = await ctx.db.query<{ id: string }>('SELECT id FROM events ORDER BY seq');
    expect(left.rows.map((r) => r.id)).toEqual(['evt_100', 'evt_200', 'evt_201', 'evt_202', 'evt_203', 'evt_204', 'evt_300', 'evt_301', 'evt_302', 'evt_303', 'evt_304']);
    expect(await pruneEvents(ctx.db, { movedRetentionS: 3_600 })).toBe(0);
  });
});
