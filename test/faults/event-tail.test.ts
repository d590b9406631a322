// The cross-node event tail: rows another node committed reach this node's hub once, in seq order; rows this node
// published itself are not repeated; a seq that never commits holds the floor only for the gap wait.
import { expect, it } from 'vitest';
import { EventTail } from '../../api/cluster/event-tail.js';
import type { EventRecord } from '../../api/store/events-store.js';
import { describeEachBackend } from '../api/helpers/backends.js';

describeEachBackend('event tail', (ctx) => {
  it('publishes foreign rows once, skips local ones, and moves past a gap after the wait', async () => {
    const heard: string[] = [];
    const unsubscribe = ctx.app.events.subscribe((records: readonly EventRecord[]) => heard.push(...records.map((r) => r.id)));
    const tail = new EventTail(ctx.app, { pollMs: 60_000, gapWaitMs: 200 });
    await tail.start();
    try {
      const insert = (id: string) => ctx.db.query<{ seq: number }>(`INSERT INTO events (id, type) VALUES ($1, 'order.created') RETURNING seq`, [id]);
      await insert('evt_foreign1');
      // A row "this node" committed and already published through its hub.
      await ctx.app.tx(async (tx) => tx.events.append({ type: 'order.created', payload: {} }));
      await insert('evt_foreign2');
      await tail.poll();
      const localIds = heard.filter((id) => !id.startsWith('evt_foreign'));
      expect(heard.filter((id) => id.startsWith('evt_foreign'))).toEqual(['evt_foreign1', 'evt_foreign2']);
      expect(localIds).toHaveLength(1);
      await tail.poll();
      expect(heard).toHaveLength(3); // nothing twice
      const top = (await ctx.db.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM events')).rows[0].seq;
      expect(tail.floor).toBe(top);

      // A sequence value taken by a transaction that rolls back leaves a gap.
      await ctx.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO events (id, type) VALUES ('evt_rolled', 'order.created')`);
        throw new Error('roll back');
      }).catch(() => undefined);
      await insert('evt_foreign3');
      await tail.poll();
      expect(heard.at(-1)).toBe('evt_foreign3');
      expect(tail.floor).toBe(top); // waiting for the missing seq
      await new Promise((r) => setTimeout(r, 250));
      await tail.poll();
      expect(tail.floor).toBe(top + 2);
      expect(heard.filter((id) => id === 'evt_foreign3')).toHaveLength(1);
    } finally {
      await tail.stop();
      unsubscribe();
    }
  });
});
