// A lease holder whose database stops answering (queries neither fail nor return) must let its markets go once a
// lease period passes without a renewal, so it never plans a market another node has taken over meanwhile.
import { describe, expect, it } from 'vitest';
import type { Database, QueryResult } from '../../api/db/database.js';
import { MarketLeases } from '../../api/cluster/market-leases.js';

/** Answers the heartbeat's statements for one market until `stall()`; afterwards every query hangs. */
function fakeDatabase() {
  let stalled = false;
  const answer = (sql: string): QueryResult<unknown> => {
    if (sql.includes('count(*)::int FROM markets')) return { rows: [{ markets: 1, nodes: 1 }], rowCount: 1 };
    if (sql.startsWith('INSERT INTO market_leases')) return { rows: [{ market_id: 'mkt_a' }], rowCount: 1 };
    return { rows: [], rowCount: 0 };
  };
  const db = {
    kind: 'postgres',
    query: async (sql: string) => (stalled ? new Promise<never>(() => {}) : answer(sql.trim())),
    exec: async () => {},
    transaction: async () => { throw new Error('not used'); },
    close: async () => {},
  } as unknown as Database;
  return { db, stall: () => (stalled = true) };
}

describe('market leases on a database that stops answering', () => {
  it('drops the held markets after a lease period without renewal', async () => {
    const { db, stall } = fakeDatabase();
    const events: string[] = [];
    const leases = new MarketLeases(db, {
      nodeId: 'node-a', ttlMs: 400, heartbeatMs: 50,
      onAcquired: (ids) => void events.push(`+${ids.join()}`),
      onLost: (ids) => void events.push(`-${ids.join()}`),
    });
    await leases.start();
    expect([...leases.held]).toEqual(['mkt_a']);
    stall();
    const stalledAt = Date.now();
    while (leases.held.size > 0 && Date.now() - stalledAt < 3_000) await new Promise((r) => setTimeout(r, 20));
    const releasedAfterMs = Date.now() - stalledAt;
    expect(leases.held.size).toBe(0);
    expect(releasedAfterMs).toBeGreaterThanOrEqual(350); // not before the lease could have expired
    expect(events).toEqual(['+mkt_a', '-mkt_a']);
  });
});
