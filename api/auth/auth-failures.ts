// Failed-authentication budgets: one per client address and one per API key id, each a fixed one-minute window.
// A spent budget only stops work that costs (scrypt for an unproven key secret) and answers failures with 429;
// credentials that verify cheaply (signed tokens, key secrets already proven on this node) still pass.

/** Failures counted in the current window of one key (an address or a key id). */
interface Window {
  count: number;
  endMs: number;
}

/** Counts failures per key; `retryAfterS` is non-null once a key has spent its budget for the current window. */
export class FailureBudget {
  private readonly windows = new Map<string, Window>();

  constructor(
    /** Failures allowed per key and window. */
    readonly maxFailures: number,
    readonly windowMs = 60_000,
    /** Keys tracked at most (the oldest windows are dropped first when full). */
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds until `key` may try again, or null when its budget is not spent. */
  retryAfterS(key: string, nowMs = Date.now()): number | null {
    const w = this.windows.get(key);
    if (!w || w.endMs <= nowMs || w.count < this.maxFailures) return null;
    return Math.max(1, Math.ceil((w.endMs - nowMs) / 1000));
  }

  /** True when `key` has failed at least once in its current window. */
  hasFailed(key: string, nowMs = Date.now()): boolean {
    const w = this.windows.get(key);
    return w !== undefined && w.endMs > nowMs && w.count > 0;
  }

  /** Counts one failure of `key`. */
  record(key: string, nowMs = Date.now()): void {
    let w = this.windows.get(key);
    if (!w || w.endMs <= nowMs) {
      if (this.windows.size >= this.maxKeys) this.prune(nowMs);
      w = { count: 0, endMs: nowMs + this.windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
  }

  /** Drops ended windows; when all are live, the oldest half (Map order is insertion order). */
  private prune(nowMs: number): void {
    for (const [key, w] of this.windows) if (w.endMs <= nowMs) this.windows.delete(key);
    if (this.windows.size < this.maxKeys) return;
    let drop = Math.floor(this.maxKeys / 2);
    for (const key of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(key);
    }
  }

  clear(): void {
    this.windows.clear();
  }
}
