// The webhook's batched draft writes against a stand-in database: notifications arriving together share a statement,
// a message id sent by two callers counts for the first, a batch that lost a race with a concurrent twin is run again,
// and a batch failing for another reason is split so that only the failing notification fails.
import { expect, it } from 'vitest';
import type { Database } from '../../../api/db/database.js';
import { DraftIntake } from '../../../api/whatsapp/draft-intake.js';
import type { DraftAddition } from '../../../api/store/drafts-store.js';

const addition = (messageId: string, fromPhone = '+6281200000001'): DraftAddition => ({
  messageId, marketId: 'mkt_1', fromPhone, kind: 'text', body: {}, sentAt: null, customerName: null, text: messageId,
  items: [], unparsed: [], address: null, landmark: null, location: null,
});

/** Answers the batch statement like PostgreSQL would: every message id not stored yet is stored; one event per phone. */
function standInDatabase(failWhen: (ids: string[], call: number) => Error | null) {
  const stored = new Set<string>();
  const statements: string[][] = [];
  let seq = 0;
  const db = {
    kind: 'pglite',
    async query(_sql: string, params?: readonly unknown[]) {
      const rows = JSON.parse(params![0] as string) as { message_id: string; phone: string; event_id: string }[];
      const ids = rows.map((r) => r.message_id);
      statements.push(ids);
      await new Promise((r) => setTimeout(r, 5));
      const error = failWhen(ids, statements.length);
      if (error) throw error;
      const fresh = rows.filter((r) => !stored.has(r.message_id));
      for (const r of fresh) stored.add(r.message_id);
      const phones = [...new Set(fresh.map((r) => r.phone))];
      return {
        rows: [
          ...phones.map((phone) => ({ row_kind: 'event', id: `evt_${phone}`, seq: ++seq, type: 'draft.updated', market_id: 'mkt_1', payload: { customer_phone: phone }, created_at: new Date() })),
          ...fresh.map((r) => ({ row_kind: 'message', id: r.message_id })),
        ],
        rowCount: 0,
      };
    },
    async exec() {},
    async transaction() { throw new Error('not used'); },
    async close() {},
  } as unknown as Database;
  return { db, stored, statements };
}

it('writes notifications arriving together in one statement; a twin counts once, for the first caller', async () => {
  const { db, statements } = standInDatabase(() => null);
  const events: unknown[] = [];
  const intake = new DraftIntake(db, { maxParallel: 1, onEvents: (e) => events.push(...e) });
  const answers = await Promise.all([
    intake.add([addition('m1')]), intake.add([addition('m2'), addition('m3', '+6281200000002')]), intake.add([addition('m2')]), intake.add([addition('m4')]),
  ]);
  expect(answers).toEqual([{ received: 1, duplicates: 0 }, { received: 2, duplicates: 0 }, { received: 0, duplicates: 1 }, { received: 1, duplicates: 0 }]);
  expect(statements).toEqual([['m1'], ['m2', 'm3', 'm4']]); // the first went alone; the rest waited and went together
  expect(events).toHaveLength(3);
  expect(await intake.add([addition('m3')])).toEqual({ received: 0, duplicates: 1 });
});

it('runs a batch again after it lost a race with a concurrent twin, and splits a batch that fails otherwise', async () => {
  const twin = Object.assign(new Error('duplicate key value violates unique constraint "whatsapp_messages_pkey"'), { code: '23505' });
  const { db, stored, statements } = standInDatabase((ids, call) => (call === 1 ? twin : ids.includes('bad') ? new Error('invalid input') : null));
  const intake = new DraftIntake(db, { maxParallel: 1, onEvents: () => {} });
  expect(await intake.add([addition('r1')])).toEqual({ received: 1, duplicates: 0 });
  expect(statements).toEqual([['r1'], ['r1']]);
  const first = intake.add([addition('x0')]);
  const results = await Promise.allSettled([first, intake.add([addition('a1')]), intake.add([addition('bad')]), intake.add([addition('a2')])]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  expect((results[2] as PromiseRejectedResult).reason.message).toBe('invalid input');
  expect([...stored].sort()).toEqual(['a1', 'a2', 'r1', 'x0']);
});
