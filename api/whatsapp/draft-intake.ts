// Writes received WhatsApp messages to drafts in batches: the messages of notifications that arrive while earlier
// writes are in flight wait and go together in the next statement (at most `maxParallel` statements at once), so under
// load one round trip and one commit serve many messages. Each caller learns which of its messages were new; a batch
// that loses a race with a concurrent twin is run again (the twin is then skipped), and a batch that fails otherwise
// is split into its callers' own writes, so one bad notification fails alone.
import type { Database } from '../db/database.js';
import type { EventRecord } from '../store/events-store.js';
import { DraftsStore, isConcurrentTwin, type AddedMessages, type DraftAddition } from '../store/drafts-store.js';

interface Waiting {
  readonly additions: readonly DraftAddition[];
  resolve(result: { received: number; duplicates: number }): void;
  reject(error: unknown): void;
}

export interface DraftIntakeOptions {
  /** Batch statements in flight at once (default 2). */
  readonly maxParallel?: number;
  /** Messages per statement at most (default 200). */
  readonly maxBatch?: number;
  /** Called with the events of each committed batch (the event hub). */
  readonly onEvents: (events: readonly EventRecord[]) => void;
}

/** Deadlock (two batches met in the other order on other nodes) and unique-violation races are retried this often. */
const RACE_ATTEMPTS = 4;

export class DraftIntake {
  private readonly queue: Waiting[] = [];
  private running = 0;
  private readonly maxParallel: number;
  private readonly maxBatch: number;

  constructor(private readonly db: Database, private readonly options: DraftIntakeOptions) {
    this.maxParallel = options.maxParallel ?? 2;
    this.maxBatch = options.maxBatch ?? 200;
  }

  /** Adds one notification's messages to their drafts; how many were new and how many had been received before. */
  add(additions: readonly DraftAddition[]): Promise<{ received: number; duplicates: number }> {
    if (additions.length === 0) return Promise.resolve({ received: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      this.queue.push({ additions, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.maxParallel && this.queue.length > 0) {
      const batch: Waiting[] = [];
      let size = 0;
      while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0].additions.length <= this.maxBatch)) {
        const next = this.queue.shift()!;
        batch.push(next);
        size += next.additions.length;
      }
      this.running++;
      void this.write(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async write(batch: readonly Waiting[]): Promise<void> {
    let added: AddedMessages;
    try {
      added = await this.writeWithRetry(batch.flatMap((w) => w.additions));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else await Promise.all(batch.map((w) => this.write([w])));
      return;
    }
    this.options.onEvents(added.events);
    // A message id stored now counts as received for the first caller that sent it, as a duplicate for any other.
    const claimed = new Set<string>();
    for (const w of batch) {
      let received = 0;
      for (const a of w.additions) {
        if (added.stored.has(a.messageId) && !claimed.has(a.messageId)) {
          claimed.add(a.messageId);
          received++;
        }
      }
      w.resolve({ received, duplicates: w.additions.length - received });
    }
  }

  private async writeWithRetry(additions: readonly DraftAddition[]): Promise<AddedMessages> {
    const drafts = new DraftsStore(this.db);
    for (let attempt = 1; ; attempt++) {
      try {
        return await drafts.addMany(additions);
      } catch (error) {
        const race = isConcurrentTwin(error) || (error as { code?: string }).code === '40P01';
        if (!race || attempt >= RACE_ATTEMPTS) throw error;
      }
    }
  }
}
