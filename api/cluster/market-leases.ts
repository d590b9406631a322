// Market leases on PostgreSQL: each node heartbeats, renews the leases it holds and claims free or expired ones up
// to its fair share (ceil(markets / live nodes)); a dead node's leases expire after `ttlMs` and are claimed by others.
// A beat only talks to the lease tables: gains and losses are handed to their own queue, so adopting a market (which
// may load thousands of waiting orders) never delays the next renewal.
import type { Database } from '../db/database.js';

export interface MarketLeaseOptions {
  readonly nodeId: string;
  /** A lease not renewed for this long may be taken (ms, default 5000). */
  readonly ttlMs?: number;
  /** Heartbeat period (ms, default ttlMs / 4). */
  readonly heartbeatMs?: number;
  /** Called after this node gained leases (in market id order), on the change queue: the beats do not wait for it. */
  readonly onAcquired: (marketIds: string[]) => Promise<void> | void;
  /** Called after this node lost leases (expired under it, or released), on the same queue, after earlier gains. */
  readonly onLost: (marketIds: string[]) => Promise<void> | void;
  readonly onError?: (error: unknown) => void;
}

/** Heartbeat-driven lease holder for one node. */
export class MarketLeases {
  /** Market ids this node holds now. */
  readonly held = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> = Promise.resolve();
  private lastRenewedMs = 0;
  /** A heartbeat is running (timer beats do not pile up behind a slow one). */
  private inFlight = false;
  private readonly ttlMs: number;
  /** Gains and losses in the order the beats saw them; one runs at a time, off the heartbeat. */
  private changes: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database, private readonly options: MarketLeaseOptions) {
    this.ttlMs = options.ttlMs ?? 5000;
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  /** Runs the first beat now, then one every heartbeat. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      // A beat stuck on a database that stopped answering (no error, no reply) would keep this node planning its
      // markets while others take over the expired leases: past a lease period without renewal, let them go here.
      if (this.inFlight && this.held.size > 0 && Date.now() - this.lastRenewedMs > this.ttlMs) {
        void this.apply(new Set()).catch((error: unknown) => this.options.onError?.(error));
      }
      if (this.inFlight) return; // one beat at a time; the stuck one is not queued behind
      // A rejected beat must not break the chain (nor reach the process as an unhandled rejection).
      this.inFlight = true;
      this.beating = this.beating.then(() => this.beat()).catch((error: unknown) => this.options.onError?.(error))
        .finally(() => (this.inFlight = false));
    }, this.options.heartbeatMs ?? Math.max(200, Math.floor(this.ttlMs / 4)));
    this.timer.unref();
  }

  /** Stops beating and hands every lease back at once (others claim them on their next beat). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.beating;
    const lost = [...this.held];
    this.held.clear();
    if (lost.length > 0) this.report(() => this.options.onLost(lost));
    await this.settled();
    await this.db.query('DELETE FROM market_leases WHERE node_id = $1', [this.nodeId]).catch(() => undefined);
    await this.db.query('DELETE FROM cluster_nodes WHERE node_id = $1', [this.nodeId]).catch(() => undefined);
  }

  /** One heartbeat: announce, renew, claim the fair share; reports gains and losses. */
  async beat(): Promise<void> {
    const startedMs = Date.now();
    try {
      const ttl = `${this.ttlMs} milliseconds`;
      await this.db.query(
        `INSERT INTO cluster_nodes (node_id, seen_at) VALUES ($1, now()) ON CONFLICT (node_id) DO UPDATE SET seen_at = now()`, [this.nodeId]);
      const renewed = await this.db.query<{ market_id: string }>(
        `UPDATE market_leases SET expires_at = now() + $2::interval WHERE node_id = $1 RETURNING market_id`, [this.nodeId, ttl]);
      const now = new Set(renewed.rows.map((r) => r.market_id));
      const share = await this.db.query<{ markets: number; nodes: number }>(
        `SELECT (SELECT count(*)::int FROM markets) AS markets,
                (SELECT count(*)::int FROM cluster_nodes WHERE seen_at > now() - $1::interval) AS nodes`, [ttl]);
      const { markets, nodes } = share.rows[0];
      const fairShare = Math.ceil(markets / Math.max(1, nodes));
      const want = fairShare - now.size;
      if (want < 0) {
        // More than our share (nodes joined since): hand one market back per beat, so the load moves without churn.
        const give = [...now].sort().pop()!;
        await this.db.query('DELETE FROM market_leases WHERE node_id = $1 AND market_id = $2', [this.nodeId, give]);
        now.delete(give);
      }
      if (want > 0) {
        const claimed = await this.db.query<{ market_id: string }>(
          `INSERT INTO market_leases (market_id, node_id, expires_at)
           SELECT m.id, $1, now() + $2::interval FROM markets m LEFT JOIN market_leases l ON l.market_id = m.id
            WHERE l.market_id IS NULL OR l.expires_at < now() ORDER BY m.id LIMIT $3
           ON CONFLICT (market_id) DO UPDATE SET node_id = EXCLUDED.node_id, expires_at = EXCLUDED.expires_at, acquired_at = now()
            WHERE market_leases.expires_at < now()
           RETURNING market_id`, [this.nodeId, ttl, want]);
        for (const row of claimed.rows) now.add(row.market_id);
      }
      // The renewals count from when the beat started; one slower than a lease period may be stale (the leases
      // could have expired and moved meanwhile), so it is treated as a failed beat.
      if (Date.now() - startedMs > this.ttlMs) throw new Error(`lease heartbeat took ${Date.now() - startedMs} ms, longer than a lease`);
      this.lastRenewedMs = startedMs;
      await this.apply(now);
    } catch (error) {
      this.options.onError?.(error);
      // Without a renewal for a whole lease period another node may hold our markets: stop planning them.
      if (Date.now() - this.lastRenewedMs > this.ttlMs && this.held.size > 0) await this.apply(new Set());
    }
  }

  /** Resolves when every gain and loss reported so far has been handled. */
  async settled(): Promise<void> {
    for (let seen: Promise<void> | null = null; seen !== this.changes;) {
      seen = this.changes;
      await seen;
    }
  }

  /** Updates `held` at once and queues the callbacks (never awaited by a beat). */
  private async apply(now: Set<string>): Promise<void> {
    const lost = [...this.held].filter((id) => !now.has(id)).sort();
    const gained = [...now].filter((id) => !this.held.has(id)).sort();
    for (const id of lost) this.held.delete(id);
    for (const id of gained) this.held.add(id);
    if (lost.length > 0) this.report(() => this.options.onLost(lost));
    if (gained.length > 0) {
      this.report(async () => {
        const still = gained.filter((id) => this.held.has(id));
        if (still.length === 0) return;
        try {
          await this.options.onAcquired(still);
        } catch (error) {
          // Adoption failed half-way (the database dropped): forget these markets so the next beat, which renews the
          // leases we still hold, reports them as gained again and adoption is retried instead of silently skipped.
          for (const id of still) this.held.delete(id);
          throw error;
        }
      });
    }
  }

  private report(change: () => Promise<void> | void): void {
    this.changes = this.changes.then(change).catch((error: unknown) => this.options.onError?.(error));
  }
}
