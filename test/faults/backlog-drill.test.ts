// The backlog drill, short (only when DATABASE_URL is set): a few hundred orders wait in a market with no couriers
// while two real nodes share one PostgreSQL. Both nodes start, the leases split evenly and stay put, every new
// order in another market is offered, and no acknowledged order is lost.
import { describe, expect, it } from 'vitest';
import { runBacklogDrill } from '../../benchmarks/backlog.js';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('backlog drill [postgres]', () => {
  it('starts both nodes, splits the leases evenly without churn and offers new orders elsewhere', async () => {
    // 25 s observed: the leases get 7 s to split, then 18 s (over three 5 s lease lifetimes, fourteen heartbeats per
    // node) to show churn; a probe every 3 s gives eight or nine of them.
    const summary = await runBacklogDrill({ databaseUrl: url!, backlogOrders: 300, durationS: 25, settleS: 7, probeEveryS: 3, batchWindowMs: 1_000 });
    process.stdout.write(`backlog drill: ${JSON.stringify(summary)}\n`);
    expect(summary.nodeStartsS.length).toBe(2);
    expect(summary.settledAfterS).not.toBeNull();
    expect([...summary.leaseSplit].sort()).toEqual([2, 2]);
    expect(summary.leaseChangesAfterSettling).toBe(0);
    expect(summary.probes).toBeGreaterThanOrEqual(5);
    expect(summary.probesNotOffered).toBeLessThanOrEqual(1); // the last probe may still sit in its batching window
    expect(summary.ordersLost).toBe(0);
  }, 300_000);
});
