// The webhook loop inside a listening server: a committed fleet event reaches the receiver without anyone calling tick().

import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { Scenario } from '../transitions/seed.js';
import { startReceiver, type Receiver } from './receiver.js';

describeEachBackend('webhook plugin', (ctx) => {
  let receiver: Receiver | null = null;
  afterEach(async () => {
    await receiver?.close();
    receiver = null;
  });

  it('starts on listen, is woken by committed events and stops with the server', async () => {
    const app = await ctx.buildApp({ rateLimit: false, webhookAllow: ['127.0.0.1'] });
    const s = await Scenario.create(app);
    const fleet = await s.fleet({ webhook_url: 'https://fleet.example/later' });
    receiver = await startReceiver(fleet.webhookSecret!, [200], 300);
    await ctx.db.query('UPDATE fleets SET webhook_url = $2 WHERE id = $1', [fleet.id, receiver.url]);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const courier = await s.courier(fleet.id);
    await s.offer((await s.route([await s.order()])).id, courier.id);
    for (let i = 0; i < 100 && receiver.received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received.map((r) => [JSON.parse(r.body).type, r.verified])).toEqual([['offer.created', 'ok']]);
    await app.close();
  });
});
