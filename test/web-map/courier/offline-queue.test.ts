import { describe, expect, it } from 'vitest';
import { OfflineQueue, type QueuedAction, type SendOutcome } from '../../../web-map/src/courier/offline-queue.js';

class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null { return this.data.get(key) ?? null; }
  setItem(key: string, value: string): void { this.data.set(key, value); }
}

function queueWith(outcomes: SendOutcome[], storage = new MemoryStorage()) {
  const sent: QueuedAction[] = [];
  let n = 0;
  const queue = new OfflineQueue(storage, 'q', async (action) => { sent.push(action); return outcomes.shift() ?? { kind: 'sent' }; }, () => `key-${++n}`);
  return { queue, sent, storage };
}

describe('OfflineQueue', () => {
  it('keeps actions taken offline, in order, with their original time, and replays them with the same keys', async () => {
    const offline: SendOutcome = { kind: 'retry', reason: 'Failed to fetch' };
    const { queue, sent, storage } = queueWith([offline]);
    queue.enqueue('/v1/stops/stp_1/arrived', {}, 'stop.arrived', 1_000);
    queue.enqueue('/v1/stops/stp_1/picked', { items: [] }, 'stop.picked', 2_000);
    const first = await queue.flush();
    expect(first).toEqual({ sent: 0, rejected: [], remaining: 2 });
    // a reload: a new queue over the same storage still holds both
    const again = new OfflineQueue(storage, 'q', async (action) => { sent.push(action); return { kind: 'sent' }; }, () => 'unused');
    const second = await again.flush();
    expect(second).toEqual({ sent: 2, rejected: [], remaining: 0 });
    expect(sent.map((a) => [a.key, a.path, a.atMs])).toEqual([
      ['key-1', '/v1/stops/stp_1/arrived', 1_000],
      ['key-1', '/v1/stops/stp_1/arrived', 1_000],
      ['key-2', '/v1/stops/stp_1/picked', 2_000],
    ]);
  });

  it('drops an action the server refuses for good and goes on with the next', async () => {
    const { queue } = queueWith([{ kind: 'rejected', reason: 'illegal_transition' }, { kind: 'sent' }]);
    queue.enqueue('/v1/offers/off_1/accept', {}, 'offer.accept');
    queue.enqueue('/v1/stops/stp_1/arrived', {}, 'stop.arrived');
    const report = await queue.flush();
    expect(report.sent).toBe(1);
    expect(report.rejected.map((r) => [r.action.path, r.reason])).toEqual([['/v1/offers/off_1/accept', 'illegal_transition']]);
    expect(queue.pending()).toEqual([]);
  });

  it('runs one flush at a time', async () => {
    const { queue, sent } = queueWith([]);
    queue.enqueue('/a', {}, 'a');
    const [a, b] = await Promise.all([queue.flush(), queue.flush()]);
    expect(a).toBe(b);
    expect(sent).toHaveLength(1);
  });
});
