// Cross-node event feed: polls the events table for rows other nodes committed and publishes them on this node's
// hub (so its dispatch loop, Socket.IO rooms and webhooks hear them). Sequence values can commit out of order, so
// a gap below the newest seen seq is waited for (up to `gapWaitMs`) before the floor moves past it.
import type { FastifyInstance } from 'fastify';
import type { EventRecord } from '../store/events-store.js';

export interface EventTailOptions {
  /** Poll period (ms, default 200). */
  readonly pollMs?: number;
  /** How long a missing seq is waited for before it is taken for a rolled-back transaction (ms, default 10 s). */
  readonly gapWaitMs?: number;
  readonly pageSize?: number;
}

export class EventTail {
  /** Every seq at or below `floor` has been published here (or given up on). */
  floor = 0;
  /** Seqs above the floor already published (local commits and earlier polls). */
  private readonly seen = new Set<number>();
  /** Missing seq → when it was first noticed missing (ms). */
  private readonly gaps = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly app: FastifyInstance, private readonly options: EventTailOptions = {}) {}

  async start(): Promise<void> {
    this.floor = await this.app.store.events.lastSeq();
    this.unsubscribe = this.app.events.subscribe((records) => {
      for (const r of records) if (r.seq > this.floor) this.seen.add(r.seq);
    });
    this.timer = setInterval(() => {
      this.polling = this.polling.then(() => this.poll()).catch((error: unknown) => this.app.log.warn({ err: error }, 'event tail poll failed'));
    }, this.options.pollMs ?? 200);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.polling;
  }

  /** Reads rows above the floor, publishes the unseen ones, then advances the floor over contiguous or stale seqs. */
  async poll(): Promise<void> {
    const rows = await this.app.store.events.list({ afterSeq: this.floor, limit: this.options.pageSize ?? 1000 });
    const fresh: EventRecord[] = rows.filter((r) => !this.seen.has(r.seq));
    for (const r of fresh) this.seen.add(r.seq);
    if (fresh.length > 0) this.app.events.publish(fresh);
    const top = rows.length > 0 ? rows[rows.length - 1].seq : this.floor;
    const nowMs = Date.now();
    const gapWaitMs = this.options.gapWaitMs ?? 10_000;
    for (let seq = this.floor + 1; seq <= top; seq++) {
      if (this.seen.has(seq)) {
        this.seen.delete(seq);
        this.gaps.delete(seq);
        this.floor = seq;
        continue;
      }
      const since = this.gaps.get(seq);
      if (since === undefined) this.gaps.set(seq, nowMs);
      if (since === undefined || nowMs - since < gapWaitMs) break;
      this.gaps.delete(seq); // never committed (a rolled-back transaction used it)
      this.floor = seq;
    }
  }
}
