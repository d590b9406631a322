// Market leases on PostgreSQL (only when DATABASE_URL is set): nodes split the markets fairly, never hold the same
// market twice, and a node that stops beating loses its markets to the others once its leases expire.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketLeases } from '../../api/cluster/market-leases.js';
import type { Database } from '../../api/db/database.js';
import { openDatabase } from '../../api/db/open-database.js';
import { dropPgSchema } from '../../api/db/pg-database.js';

const url = process.env.DATABASE_URL;
const schema = `t_${randomBytes(6).toString('hex')}`;
let db: Database;

async function addMarkets(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.query(`INSERT INTO markets (id, name, city, location) VALUES ($1, $2, 'Jakarta', ST_SetSRID(ST_MakePoint(106.8, -6.2), 4326)::geography)`, [`mkt_lease${i}`, `Pasar ${i}`]);
  }
}

function node(id: string, log: string[], ttlMs: number): MarketLeases {
  return new MarketLeases(db, {
    nodeId: id, ttlMs, heartbeatMs: 60_000,
    onAcquired: (ids) => void log.push(`${id}+${ids.join(',')}`),
    onLost: (ids) => void log.push(`${id}-${ids.join(',')}`),
  });
}

async function holders(): Promise<Map<string, string>> {
  const rows = await db.query<{ market_id: string; node_id: string }>('SELECT market_id, node_id FROM market_leases WHERE expires_at > now()');
  return new Map(rows.rows.map((r) => [r.market_id, r.node_id]));
}

describe.skipIf(!url)('market leases [postgres]', () => {
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: url, schema, maxConnections: 4 });
  });
  afterAll(async () => {
    await db?.close();
    if (url) await dropPgSchema(url, schema);
  });

  it('splits markets fairly, hands a silent node’s markets over after the lease period, releases on stop', async () => {
    await addMarkets(6);
    const log: string[] = [];
    const a = node('node-a', log, 400);
    const b = node('node-b', log, 400);
    const c = node('node-c', log, 400);
    // All three announce themselves first, then claim.
    for (const n of [a, b, c]) await n.beat();
    for (let round = 0; round < 8; round++) for (const n of [a, b, c]) await n.beat();
    expect([a.held.size, b.held.size, c.held.size]).toEqual([2, 2, 2]);
    const all = [...a.held, ...b.held, ...c.held];
    expect(new Set(all).size).toBe(6);
    const victim = [...c.held];

    // c stops beating (as a killed process would); a and b take its markets once the lease and the node expire.
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && a.held.size + b.held.size < 6) {
      await new Promise((r) => setTimeout(r, 100));
      await a.beat();
      await b.beat();
    }
    expect(a.held.size + b.held.size).toBe(6);
    expect(new Set([...a.held, ...b.held]).size).toBe(6);
    for (const id of victim) expect(['node-a', 'node-b']).toContain((await holders()).get(id));

    // c comes back: its leases were taken, so its next beat reports them lost and it claims nothing held by others.
    await c.beat();
    expect(log.some((l) => l.startsWith('node-c-'))).toBe(true);
    const held = await holders();
    expect([...held.values()].filter((n) => n === 'node-c').length).toBe(c.held.size);

    await a.stop();
    expect(a.held.size).toBe(0);
    expect([...(await holders()).values()]).not.toContain('node-a');
    await b.beat();
    await c.beat();
    expect(b.held.size + c.held.size).toBe(6);
  }, 30_000);
});
