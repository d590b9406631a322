// Webhooks end to end on both back ends: outbox events of a fleet's couriers → signed POSTs to a real local receiver → delivery log.

import { afterEach, expect, it } from 'vitest';
import { SqlWebhookStore } from '../../../api/webhooks/sql-webhook-store.js';
import { WebhookDispatcher } from '../../../api/webhooks/webhook-dispatcher.js';
import { WebhookUrlPolicy } from '../../../api/webhooks/url-policy.js';
import { describeEachBackend } from '../helpers/backends.js';
import { expectProblem } from '../helpers/fixtures.js';
import { Scenario } from '../transitions/seed.js';
import { startReceiver, type Receiver } from './receiver.js';

/** The receiver runs on loopback, which the default SSRF policy refuses. */
const loopbackAllowed = new WebhookUrlPolicy({ allow: ['127.0.0.1'] });
const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 3, jitterRatio: 0 };

describeEachBackend('webhook delivery', (ctx) => {
  let receiver: Receiver | null = null;
  afterEach(async () => {
    await receiver?.close();
    receiver = null;
  });

  async function setup(statuses: number[]) {
    const s = await Scenario.create(ctx.app);
    // The fleet's secret is only known after creation: start the receiver with it, then point the fleet at it.
    const probe = await s.fleet({ webhook_url: 'https://fleet.example/placeholder' });
    receiver = await startReceiver(probe.webhookSecret!, statuses, 300);
    await ctx.db.query('UPDATE fleets SET webhook_url = $2 WHERE id = $1', [probe.id, receiver.url]);
    const silent = await s.fleet({ name: 'Tanpa Webhook' });
    return { s, fleet: probe, silent, receiver };
  }

  it('delivers the fleet’s offer and order events, signed, once each, and logs them', async () => {
    const { s, fleet, silent, receiver } = await setup([204]);
    const courier = await s.courier(fleet.id);
    const outsider = await s.courier(silent.id);
    const [a, b] = [await s.order(), await s.order()];
    await s.assigned([a, b], courier);
    await s.assigned([await s.order()], outsider);
    const dispatcher = new WebhookDispatcher({ store: new SqlWebhookStore(ctx.db, { safetyMarginS: 0 }), urlPolicy: loopbackAllowed, policy });
    const outcomes = await dispatcher.tick();
    expect(outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(receiver.received.every((r) => r.verified === 'ok')).toBe(true);
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.type).sort()).toEqual(['offer.accepted', 'offer.created', 'order.assigned', 'order.assigned']);
    for (const [i, r] of receiver.received.entries()) expect(r.id).toBe(bodies[i].id);
    expect(bodies.find((b) => b.type === 'offer.accepted').data).toMatchObject({ route_id: expect.any(String), order_ids: [a.id, b.id].sort() });
    expect(await dispatcher.tick()).toEqual([]);
    expect(receiver.received).toHaveLength(4);

    const log = await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}/webhook-deliveries?limit=3`, headers: fleet.headers });
    expect(log.statusCode, log.body).toBe(200);
    const page = log.json();
    expect(page.data).toHaveLength(3);
    expect(page.next_cursor).toEqual(expect.any(String));
    expect(page.data[0]).toMatchObject({ fleet_id: fleet.id, status: 'succeeded', attempts: 1, last_response_code: 204, next_attempt_at: null });
    expect(page.data[0].attempt_log).toEqual([expect.objectContaining({ attempt: 1, response_code: 204, error: null })]);
    const seqs = page.data.map((d: { event_seq: number }) => d.event_seq);
    expect([...seqs].sort((x, y) => y - x)).toEqual(seqs);
    const rest = await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}/webhook-deliveries?limit=3&cursor=${page.next_cursor}`, headers: fleet.headers });
    expect(rest.json().data).toHaveLength(1);
    expect(rest.json().next_cursor).toBeNull();
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}/webhook-deliveries`, headers: silent.headers }), 404, 'not_found');
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}/webhook-deliveries`, headers: courier.headers }), 403, 'forbidden');
  });

  it('retries failures with backoff, keeping the webhook-id, until the receiver answers 2xx', async () => {
    const { s, fleet, receiver } = await setup([500, 200]);
    const courier = await s.courier(fleet.id);
    await s.offer((await s.route([await s.order()])).id, courier.id);
    let nowMs = Date.now();
    const dispatcher = new WebhookDispatcher({ store: new SqlWebhookStore(ctx.db, { safetyMarginS: 0 }), urlPolicy: loopbackAllowed, policy, now: () => new Date(nowMs) });
    expect((await dispatcher.tick()).map((o) => [o.status, o.responseCode])).toEqual([['retrying', 500]]);
    expect(await dispatcher.tick()).toEqual([]);
    nowMs += 1_000;
    expect((await dispatcher.tick()).map((o) => o.status)).toEqual(['succeeded']);
    expect(receiver.received.map((r) => r.id)).toEqual([receiver.received[0].id, receiver.received[0].id]);
    const log = (await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}/webhook-deliveries`, headers: fleet.headers })).json();
    expect(log.data[0].attempt_log.map((a: { response_code: number }) => a.response_code)).toEqual([500, 200]);
  });

  it('410 Gone disables the fleet’s endpoint until the fleet turns it back on', async () => {
    const { s, fleet, receiver } = await setup([410, 200]);
    const courier = await s.courier(fleet.id);
    await s.offer((await s.route([await s.order()])).id, courier.id);
    await s.offer((await s.route([await s.order()])).id, (await s.courier(fleet.id)).id);
    const dispatcher = new WebhookDispatcher({ store: new SqlWebhookStore(ctx.db, { safetyMarginS: 0 }), urlPolicy: loopbackAllowed, policy, batchSize: 1 });
    expect((await dispatcher.tick()).map((o) => o.status)).toEqual(['disabled']);
    expect(await dispatcher.tick()).toEqual([]);
    const enabled = await ctx.db.query<{ webhook_enabled: boolean }>('SELECT webhook_enabled FROM fleets WHERE id = $1', [fleet.id]);
    expect(enabled.rows[0].webhook_enabled).toBe(false);
    const log = (await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}/webhook-deliveries?status=disabled`, headers: fleet.headers })).json();
    expect(log.data).toHaveLength(2);
    const enable = await ctx.app.inject({ method: 'POST', url: `/v1/fleets/${fleet.id}/webhook/enable`, headers: fleet.headers });
    expect(enable.statusCode, enable.body).toBe(200);
    expect(enable.json()).toEqual({ webhook_enabled: true, requeued: 2 });
    expect((await dispatcher.tick()).map((o) => o.status)).toEqual(['succeeded']);
    expect((await dispatcher.tick()).map((o) => o.status)).toEqual(['succeeded']);
    expect(receiver.received).toHaveLength(3);
  });

  it('a dead delivery can be re-queued once; a delivered one cannot', async () => {
    const { s, fleet, receiver } = await setup([500, 500, 500, 200]);
    const courier = await s.courier(fleet.id);
    await s.offer((await s.route([await s.order()])).id, courier.id);
    let nowMs = Date.now();
    const dispatcher = new WebhookDispatcher({ store: new SqlWebhookStore(ctx.db, { safetyMarginS: 0 }), urlPolicy: loopbackAllowed, policy, now: () => new Date(nowMs) });
    for (let i = 0; i < 3; i++) (await dispatcher.tick(), (nowMs += 60_000));
    const dead = (await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}/webhook-deliveries`, headers: fleet.headers })).json().data[0];
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 });
    const retry = await ctx.app.inject({ method: 'POST', url: `/v1/fleets/${fleet.id}/webhook-deliveries/${dead.id}/retry`, headers: fleet.headers });
    expect(retry.statusCode, retry.body).toBe(202);
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/fleets/${fleet.id}/webhook-deliveries/${dead.id}/retry`, headers: fleet.headers }), 409, 'illegal_transition');
    nowMs = Date.now() + 1_000;
    expect((await dispatcher.tick()).map((o) => o.status)).toEqual(['succeeded']);
    expect(receiver.received).toHaveLength(4);
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/fleets/${fleet.id}/webhook-deliveries/${dead.id}/retry`, headers: fleet.headers }), 409, 'illegal_transition');
  });
});
