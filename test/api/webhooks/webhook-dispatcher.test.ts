// WebhookDispatcher against a real local receiver: signing, retries with backoff, 410 disables, dead after max attempts.

import { afterEach, describe, expect, it } from 'vitest';
import { WebhookDispatcher } from '../../../api/webhooks/webhook-dispatcher.js';
import { generateWebhookSecret } from '../../../api/webhooks/signing.js';
import { WebhookUrlPolicy } from '../../../api/webhooks/url-policy.js';
import { MemoryWebhookStore } from './memory-webhook-store.js';
import { startReceiver, type Receiver } from './receiver.js';

const secret = generateWebhookSecret();
/** The receiver runs on loopback, which the default SSRF policy refuses. */
const loopbackAllowed = new WebhookUrlPolicy({ allow: ['127.0.0.1'] });
const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 3, jitterRatio: 0 };
let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

function setup(statuses: number[]) {
  let nowMs = Date.parse('2026-01-05T08:00:00Z');
  const store = new MemoryWebhookStore();
  const clock = {
    now: () => new Date(nowMs),
    advance: (ms: number) => (nowMs += ms),
  };
  return { store, clock, start: async () => (receiver = await startReceiver(secret, statuses)) };
}

describe('WebhookDispatcher', () => {
  it('delivers a signed message once on 2xx and logs it', async () => {
    const { store, clock, start } = setup([204]);
    const { url, received } = await start();
    store.add({ id: 'd1', fleetId: 'f1', url, secret, messageId: 'msg_1', body: '{"type":"offer.created"}' }, clock.now());
    const dispatcher = new WebhookDispatcher({ store, urlPolicy: loopbackAllowed, now: clock.now, policy });
    const outcomes = await dispatcher.tick();
    expect(outcomes.map((o) => [o.status, o.responseCode])).toEqual([['succeeded', 204]]);
    expect(received).toEqual([{ id: 'msg_1', timestamp: String(clock.now().getTime() / 1000), body: '{"type":"offer.created"}', verified: 'ok' }]);
    expect(await dispatcher.tick()).toEqual([]);
  });

  it('retries on 5xx with doubling delays, keeping the message id, then succeeds', async () => {
    const { store, clock, start } = setup([500, 503, 200]);
    const { url, received } = await start();
    store.add({ id: 'd1', fleetId: 'f1', url, secret, messageId: 'msg_1', body: '{}' }, clock.now());
    const dispatcher = new WebhookDispatcher({ store, urlPolicy: loopbackAllowed, now: clock.now, policy });
    const first = await dispatcher.tick();
    expect(first[0].status).toBe('retrying');
    expect(first[0].nextAttemptAt!.getTime() - clock.now().getTime()).toBe(1_000);
    clock.advance(999);
    expect(await dispatcher.tick()).toEqual([]);
    clock.advance(1);
    const second = await dispatcher.tick();
    expect(second[0].nextAttemptAt!.getTime() - clock.now().getTime()).toBe(2_000);
    clock.advance(2_000);
    expect((await dispatcher.tick())[0].status).toBe('succeeded');
    expect(received.map((r) => [r.id, r.verified])).toEqual([['msg_1', 'ok'], ['msg_1', 'ok'], ['msg_1', 'ok']]);
    expect(store.log.map((o) => o.responseCode)).toEqual([500, 503, 200]);
  });

  it('gives up after maxAttempts', async () => {
    const { store, clock, start } = setup([500]);
    const { url } = await start();
    store.add({ id: 'd1', fleetId: 'f1', url, secret, messageId: 'msg_1', body: '{}' }, clock.now());
    const dispatcher = new WebhookDispatcher({ store, urlPolicy: loopbackAllowed, now: clock.now, policy });
    for (let i = 0; i < 5; i++) (await dispatcher.tick(), clock.advance(60_000));
    expect(store.log.map((o) => o.status)).toEqual(['retrying', 'retrying', 'dead']);
  });

  it('disables the fleet endpoint on 410 and stops its other deliveries', async () => {
    const { store, clock, start } = setup([410]);
    const { url, received } = await start();
    store.add({ id: 'd1', fleetId: 'f1', url, secret, messageId: 'msg_1', body: '{}' }, clock.now());
    store.add({ id: 'd2', fleetId: 'f1', url, secret, messageId: 'msg_2', body: '{}' }, new Date(clock.now().getTime() + 5_000));
    const dispatcher = new WebhookDispatcher({ store, urlPolicy: loopbackAllowed, now: clock.now, policy });
    expect((await dispatcher.tick()).map((o) => o.status)).toEqual(['disabled']);
    clock.advance(10_000);
    expect(await dispatcher.tick()).toEqual([]);
    expect(received).toHaveLength(1);
    expect(store.disabledFleets.has('f1')).toBe(true);
  });

  it('counts a network error as a failed attempt without a response code', async () => {
    const { store, clock } = setup([200]);
    store.add({ id: 'd1', fleetId: 'f1', url: 'http://127.0.0.1:9/closed', secret, messageId: 'msg_1', body: '{}' }, clock.now());
    const failingFetch: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const dispatcher = new WebhookDispatcher({ store, urlPolicy: loopbackAllowed, now: clock.now, policy, fetch: failingFetch });
    const [outcome] = await dispatcher.tick();
    expect(outcome).toMatchObject({ status: 'retrying', responseCode: null, error: 'TypeError: fetch failed' });
  });

  it('runs as a loop until stopped', async () => {
    const { store, start } = setup([200]);
    const { url, received } = await start();
    const dispatcher = new WebhookDispatcher({ store, urlPolicy: loopbackAllowed, policy, pollIntervalMs: 10 });
    dispatcher.start();
    store.add({ id: 'd1', fleetId: 'f1', url, secret, messageId: 'msg_1', body: '{}' }, new Date());
    for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await dispatcher.stop();
    expect(received).toHaveLength(1);
    expect(store.deliveries[0].status).toBe('succeeded');
  });
});
