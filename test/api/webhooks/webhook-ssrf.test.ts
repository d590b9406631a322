// The webhook SSRF policy: loopback, private, link-local (metadata) and reserved targets are refused as literals at
// fleet creation and after DNS resolution before every delivery (and again on the connection itself), nothing is
// sent and the delivery log says why; an allow-list admits on-premise receivers; redirects are not followed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../../api/webhooks/signing.js';
import { SqlWebhookStore } from '../../../api/webhooks/sql-webhook-store.js';
import { forbiddenReason, WebhookUrlPolicy, type HostResolver } from '../../../api/webhooks/url-policy.js';
import { WebhookDispatcher } from '../../../api/webhooks/webhook-dispatcher.js';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, expectProblem } from '../helpers/fixtures.js';
import { Scenario } from '../transitions/seed.js';
import { MemoryWebhookStore } from './memory-webhook-store.js';
import { startReceiver, type Receiver } from './receiver.js';

const secret = generateWebhookSecret();
const noRetry = { baseDelayMs: 1_000, maxDelayMs: 1_000, maxAttempts: 3, jitterRatio: 0 };
/** Names resolved without DNS: `answers[name]` in turn (the last repeats). */
function resolverOf(answers: Record<string, string[][]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const turn = new Map<string, number>();
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const list = answers[hostname];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const i = turn.get(hostname) ?? 0;
    turn.set(hostname, i + 1);
    return list[Math.min(i, list.length - 1)];
  };
  return Object.assign(resolve, { calls });
}

let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

describe('webhook SSRF policy', () => {
  it('classifies loopback, private, link-local, carrier NAT, IPv6 local and mapped addresses as off limits', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '224.0.0.1']) {
      expect(forbiddenReason(address), address).not.toBeNull();
    }
    for (const address of ['8.8.8.8', '36.86.63.182', '2001:4860:4860::8888']) expect(forbiddenReason(address), address).toBeNull();
  });

  it('refuses literal forms of loopback and metadata addresses without resolving them', () => {
    const resolve = resolverOf({});
    const policy = new WebhookUrlPolicy({ resolve });
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:5432/', 'http://[::1]:8080/', 'http://2130706433:5432/', 'http://0x7f.1/', 'http://127.1/', 'http://[::ffff:169.254.169.254]/', 'http://localhost:3000/', 'ftp://fleet.example/', 'https://user:pw@fleet.example/']) {
      expect(() => policy.checkUrl(url), url).toThrow();
    }
    expect(resolve.calls).toEqual([]);
    expect(policy.checkUrl('https://fleet.example/hooks').hostname).toBe('fleet.example');
  });

  it('refuses a name that resolves to a forbidden address (any of its addresses); nothing is sent', async () => {
    receiver = await startReceiver(secret, [200]);
    const port = new URL(receiver.url).port;
    const resolve = resolverOf({ 'internal.fleet.example': [['36.86.63.182', '127.0.0.1']], 'metadata.fleet.example': [['169.254.169.254']] });
    const store = new MemoryWebhookStore();
    const now = new Date();
    store.add({ id: 'd1', fleetId: 'f1', url: `http://internal.fleet.example:${port}/hook`, secret, messageId: 'msg_1', body: '{}' }, now);
    store.add({ id: 'd2', fleetId: 'f1', url: 'http://metadata.fleet.example/latest/meta-data/', secret, messageId: 'msg_2', body: '{}' }, now);
    store.add({ id: 'd3', fleetId: 'f1', url: receiver.url, secret, messageId: 'msg_3', body: '{}' }, now);
    const dispatcher = new WebhookDispatcher({ store, policy: noRetry, urlPolicy: new WebhookUrlPolicy({ resolve }) });
    const outcomes = await dispatcher.tick();
    expect(outcomes.map((o) => [o.deliveryId, o.status, o.responseCode])).toEqual([['d1', 'dead', null], ['d2', 'dead', null], ['d3', 'dead', null]]);
    expect(outcomes[0].error).toMatch(/SSRF policy: internal\.fleet\.example is 127\.0\.0\.1: loopback/);
    expect(outcomes[1].error).toMatch(/169\.254\.169\.254: link-local/);
    expect(receiver.received).toEqual([]);
    await dispatcher.stop();
  });

  it('an allow-listed on-premise receiver is delivered to; a name re-pointed at loopback after the check is not', async () => {
    receiver = await startReceiver(secret, [200]);
    const port = new URL(receiver.url).port;
    const onPremise = new WebhookDispatcher({ store: new MemoryWebhookStore(), policy: noRetry, urlPolicy: new WebhookUrlPolicy({ allow: ['127.0.0.0/8'], resolve: resolverOf({}) }) });
    const store = (onPremise as unknown as { store: MemoryWebhookStore }).store;
    store.add({ id: 'd1', fleetId: 'f1', url: receiver.url, secret, messageId: 'msg_1', body: '{}' }, new Date());
    expect((await onPremise.tick()).map((o) => o.status)).toEqual(['succeeded']);
    await onPremise.stop();
    // DNS rebinding: the first answer is public, the connection's own lookup gets loopback and is refused.
    const rebinding = resolverOf({ 'rebind.fleet.example': [['36.86.63.182'], ['127.0.0.1']] });
    const rebound = new MemoryWebhookStore();
    rebound.add({ id: 'd2', fleetId: 'f1', url: `http://rebind.fleet.example:${port}/hook`, secret, messageId: 'msg_2', body: '{}' }, new Date());
    const dispatcher = new WebhookDispatcher({ store: rebound, policy: noRetry, urlPolicy: new WebhookUrlPolicy({ resolve: rebinding }) });
    const [outcome] = await dispatcher.tick();
    expect(outcome).toMatchObject({ status: 'retrying', responseCode: null });
    expect(rebinding.calls).toEqual(['rebind.fleet.example', 'rebind.fleet.example']);
    expect(receiver.received).toHaveLength(1);
    await dispatcher.stop();
  });

  it('does not follow a redirect (to the metadata address or anywhere)', async () => {
    const hits: string[] = [];
    const server = createServer((request, response) => {
      hits.push(String(request.url));
      response.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const store = new MemoryWebhookStore();
    store.add({ id: 'd1', fleetId: 'f1', url, secret, messageId: 'msg_1', body: '{}' }, new Date());
    const dispatcher = new WebhookDispatcher({ store, policy: noRetry, urlPolicy: new WebhookUrlPolicy({ allow: ['127.0.0.1'], resolve: resolverOf({}) }) });
    expect((await dispatcher.tick()).map((o) => [o.status, o.responseCode, o.error])).toEqual([['retrying', 307, 'HTTP 307']]);
    expect(hits).toEqual(['/hook']);
    await dispatcher.stop();
    await new Promise((resolve) => server.close(resolve));
  });
});

describeEachBackend('webhook SSRF policy in the API', (ctx) => {
  it('refuses a fleet whose webhook URL is a forbidden literal with 422 naming the field', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:5432/', 'http://[::1]/', 'http://2130706433:5432/']) {
      const res = await ctx.app.inject({ method: 'POST', url: '/v1/fleets', headers: await admin(ctx.app), payload: { kind: 'ojol', name: 'Ojek', webhook_url: url } });
      expect(expectProblem(res, 422, 'unprocessable').errors[0].path, url).toBe('/body/webhook_url');
    }
    expect((await ctx.db.query('SELECT 1 FROM fleets')).rows).toHaveLength(0);
  });

  it('a fleet webhook whose name resolves to a private address is logged dead with the reason and never called', async () => {
    const s = await Scenario.create(ctx.app);
    receiver = await startReceiver(secret, [200]);
    const fleet = await s.fleet({ webhook_url: `http://hooks.fleet.example:${new URL(receiver.url).port}/hook` });
    await s.offer((await s.route([await s.order()])).id, (await s.courier(fleet.id)).id);
    const urlPolicy = new WebhookUrlPolicy({ resolve: resolverOf({ 'hooks.fleet.example': [['10.0.0.5']] }) });
    const dispatcher = new WebhookDispatcher({ store: new SqlWebhookStore(ctx.db, { safetyMarginS: 0 }), urlPolicy, policy: noRetry });
    expect((await dispatcher.tick()).map((o) => o.status)).toEqual(['dead']);
    const log = (await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}/webhook-deliveries`, headers: fleet.headers })).json();
    expect(log.data[0]).toMatchObject({ status: 'dead', last_response_code: null });
    expect(log.data[0].attempt_log[0].error).toMatch(/10\.0\.0\.5: private/);
    expect(receiver.received).toEqual([]);
    await dispatcher.stop();
  });
});
