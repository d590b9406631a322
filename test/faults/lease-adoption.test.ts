// Adopting a market can take long (a backlog of thousands of waiting orders): the heartbeat must keep renewing the
// node's leases meanwhile, instead of waiting for the adoption, counting the long beat as failed and dropping them.
import { describe, expect, it } from 'vitest';
import type { Database, QueryResult } from '../../api/db/database.js';
import { MarketLeases } from '../../api/cluster/market-leases.js';

/** Answers the heartbeat's statements for two markets and counts the renewals. */
function leaseDatabase() {
  let renewals = 0;
  const answer = (sql: string): QueryResult<unknown> => {
    if (sql.startsWith('UPDATE market_leases')) {
      renewals++;
      return { rows: [{ market_id: 'mkt_a' }, { market_id: 'mkt_b' }], rowCount: 2 };
    }
    if (sql.includes('count(*)::int FROM markets')) return { rows: [{ markets: 2, nodes: 1 }], rowCount: 1 };
    return { rows: [], rowCount: 0 };
  };
  const db = {
    kind: 'postgres',
    query: async (sql: string) => answer(sql.trim()),
    exec: async () => {},
    transaction: async () => { throw new Error('not used'); },
    close: async () => {},
  } as unknown as Database;
  return { db, renewals: () => renewals };
}

describe('market leases while an adoption runs', () => {
  it('keeps renewing and holding every lease while the adoption of the gained markets is still running', async () => {
    const { db, renewals } = leaseDatabase();
    const events: string[] = [];
    let finishAdoption!: () => void;
    const adoption = new Promise<void>((resolve) => (finishAdoption = resolve));
    const leases = new MarketLeases(db, {
      nodeId: 'node-a', ttlMs: 300, heartbeatMs: 50,
      onAcquired: async (ids) => {
        events.push(`+${ids.join()}`);
        await adoption; // thousands of waiting orders: far longer than a lease
      },
      onLost: (ids) => void events.push(`-${ids.join()}`),
    });
    await leases.start(); // the first beat does not wait for the adoption either
    const before = renewals();
    await new Promise((r) => setTimeout(r, 1_200)); // four lease periods
    expect(renewals() - before).toBeGreaterThanOrEqual(5);
    expect([...leases.held].sort()).toEqual(['mkt_a', 'mkt_b']);
    expect(events).toEqual(['+mkt_a,mkt_b']);

    finishAdoption();
    await leases.stop();
    expect(events).toEqual(['+mkt_a,mkt_b', '-mkt_a,mkt_b']);
  }, 10_000);
});
