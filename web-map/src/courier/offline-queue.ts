// OfflineQueue: every courier action is queued (persisted in localStorage) and sent in order with its Idempotency-Key and
// original timestamp; actions taken offline are replayed when the connection returns.

export interface QueuedAction {
  /** Idempotency-Key: the server applies a replayed action once. */
  readonly key: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** When the courier tapped the button, epoch ms (sent as the `X-Occurred-At` header). */
  readonly atMs: number;
  /** Human label for the queue banner. */
  readonly label: string;
}

/** What one send attempt found: delivered, refused for good (4xx), or worth retrying later (network, 5xx, 429). */
export type SendOutcome = { kind: 'sent' } | { kind: 'rejected'; reason: string } | { kind: 'retry'; reason: string };

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface FlushReport { sent: number; rejected: { action: QueuedAction; reason: string }[]; remaining: number }

export class OfflineQueue {
  private flushing: Promise<FlushReport> | null = null;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly storageKey: string,
    private readonly send: (action: QueuedAction) => Promise<SendOutcome>,
    private readonly newKey: () => string,
  ) {}

  pending(): QueuedAction[] {
    try { return JSON.parse(this.storage.getItem(this.storageKey) ?? '[]') as QueuedAction[]; } catch { return []; }
  }

  private save(actions: readonly QueuedAction[]): void {
    this.storage.setItem(this.storageKey, JSON.stringify(actions));
  }

  /** Records an action now (persisted before any network attempt). */
  enqueue(path: string, body: Record<string, unknown>, label: string, atMs = Date.now()): QueuedAction {
    const action: QueuedAction = { key: this.newKey(), path, body, atMs, label };
    this.save([...this.pending(), action]);
    return action;
  }

  /** Sends queued actions oldest first; stops at the first that must be retried. One flush at a time. */
  flush(): Promise<FlushReport> {
    this.flushing ??= this.drain().finally(() => { this.flushing = null; });
    return this.flushing;
  }

  private async drain(): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, rejected: [], remaining: 0 };
    for (;;) {
      const queue = this.pending();
      const head = queue[0];
      if (!head) break;
      const outcome = await this.send(head);
      if (outcome.kind === 'retry') break;
      if (outcome.kind === 'sent') report.sent++;
      else report.rejected.push({ action: head, reason: outcome.reason });
      this.save(this.pending().filter((a) => a.key !== head.key));
    }
    report.remaining = this.pending().length;
    return report;
  }
}

/** Sends one queued action over fetch: POST with bearer token, Idempotency-Key and the original time in `X-Occurred-At`. */
export function fetchSender(token: () => string): (action: QueuedAction) => Promise<SendOutcome> {
  return async (action) => {
    let response: Response;
    try {
      response = await fetch(action.path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json', authorization: `Bearer ${token()}`, 'idempotency-key': action.key,
          'x-occurred-at': new Date(action.atMs).toISOString(),
        },
        body: JSON.stringify(action.body),
      });
    } catch (error) {
      return { kind: 'retry', reason: (error as Error).message };
    }
    if (response.ok) return { kind: 'sent' };
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    const reason = `${problem.code ?? response.status}: ${problem.detail ?? response.statusText}`;
    if (response.status >= 500 || response.status === 429 || response.status === 408) return { kind: 'retry', reason };
    return { kind: 'rejected', reason };
  };
}
