import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import realtime from '../../api/realtime/gateway.js';
import { createFleet, tokenFor } from '../api/helpers/fixtures.js';
import { connect } from './helpers/sockets.js';
import { workerPglite } from '../api/helpers/worker-database.js';

const token = async (app: FastifyInstance, ...args: Parameters<typeof tokenFor>extends [unknown, ...infer R] ? R : never) =>
  (await tokenFor(app, ...args)).authorization.slice('Bearer '.length);

describe('realtime gateway', () => {
  let app: FastifyInstance;
  let baseUrl: string;
  const append = (type: string, subject: { marketId?: string; courierId?: string; fleetId?: string }, payload = {}) =>
    app.tx((tx) => tx.events.append({ type, ...subject, payload }));

  beforeAll(async () => {
    app = await buildApp({ db: await workerPglite(), secret: 'test-secret-0123456789abcdef', docs: false, rateLimit: false });
    await app.register(realtime, { positionThrottleMs: 200 });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it('streams each market only to its dispatchers, with the event-log sequence', async () => {
    const a = await connect(baseUrl, '/dispatch', { token: await token(app, 'dispatcher', { marketIds: ['mkt_a'] }) });
    const b = await connect(baseUrl, '/dispatch', { token: await token(app, 'dispatcher', { marketIds: ['mkt_b'] }) });
    await Promise.all([a.ready, b.ready]);
    const inA = await append('order.created', { marketId: 'mkt_a' }, { n: 1 });
    const inB = await append('order.created', { marketId: 'mkt_b' }, { n: 2 });
    expect((await a.waitFor((e) => e.type === 'order.created')).seq).toBe(inA.seq);
    expect((await b.waitFor((e) => e.type === 'order.created')).seq).toBe(inB.seq);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.received.map((e) => e.marketId)).toEqual(['mkt_a']);
    expect(b.received.map((e) => e.marketId)).toEqual(['mkt_b']);
    a.close();
    b.close();
  });

  it('replays what a reconnecting client missed, then goes live without gaps or duplicates', async () => {
    const auth = { token: await token(app, 'dispatcher', { marketIds: ['mkt_r'] }) };
    const first = await connect(baseUrl, '/dispatch', auth);
    await first.ready;
    const seen = await append('plan.updated', { marketId: 'mkt_r' }, { v: 1 });
    await first.waitFor((e) => e.seq === seen.seq);
    first.close();
    const missed = [await append('order.created', { marketId: 'mkt_r' }, { v: 2 }), await append('order.cancelled', { marketId: 'mkt_r' }, { v: 3 })];
    await append('order.created', { marketId: 'mkt_other' });
    const again = await connect(baseUrl, '/dispatch', { ...auth, lastSeq: seen.seq });
    const ready = await again.ready;
    expect(ready.replayed).toBe(2);
    const live = await append('offer.created', { marketId: 'mkt_r' });
    await again.waitFor((e) => e.seq === live.seq);
    expect(again.received.map((e) => [e.seq, e.replay])).toEqual([[missed[0].seq, true], [missed[1].seq, true], [live.seq, false]]);
    again.close();
  });

  it('applies the REST scopes at the handshake', async () => {
    await expect(connect(baseUrl, '/dispatch', { token: 'jt_forged.sig' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(connect(baseUrl, '/dispatch', {})).rejects.toMatchObject({ code: 'unauthorized' });
    const courierToken = await token(app, 'courier', { courierId: 'cou_1', fleetId: 'flt_1' });
    await expect(connect(baseUrl, '/dispatch', { token: courierToken })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(connect(baseUrl, '/courier', { token: await token(app, 'dispatcher', { marketIds: ['mkt_a'] }) })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(connect(baseUrl, '/dispatch', { token: await token(app, 'dispatcher', { marketIds: ['mkt_a'] }), marketIds: ['mkt_b'] })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('gives a courier only its own events', async () => {
    const mine = await connect(baseUrl, '/courier', { token: await token(app, 'courier', { courierId: 'cou_me', fleetId: 'flt_1' }) });
    await mine.ready;
    await append('offer.created', { marketId: 'mkt_a', courierId: 'cou_other' });
    const own = await append('offer.created', { marketId: 'mkt_a', courierId: 'cou_me' });
    await mine.waitFor((e) => e.seq === own.seq);
    expect(mine.received.map((e) => e.courierId)).toEqual(['cou_me']);
    mine.close();
  });

  it('throttles position streams per courier and keeps the newest', async () => {
    const watcher = await connect(baseUrl, '/dispatch', { token: await token(app, 'dispatcher', { marketIds: ['mkt_p'] }) });
    await watcher.ready;
    for (let i = 0; i < 10; i++) app.realtime.publishEphemeral({ type: 'courier.position', marketId: 'mkt_p', courierId: 'cou_p', payload: { i } });
    const last = await watcher.waitFor((e) => e.type === 'courier.position' && (e.payload as { i: number }).i === 9, 2_000);
    const positions = watcher.received.filter((e) => e.type === 'courier.position');
    expect(positions.length).toBeLessThanOrEqual(2);
    expect(last.payload).toEqual({ i: 9 });
    watcher.close();
  });

  it('puts a fleet API key in its fleet room: its couriers\' events only', async () => {
    const { fleet, key } = await createFleet(app, { kind: 'ojol', name: 'Ojol Satu' });
    const other = await createFleet(app, { kind: 'ojol', name: 'Ojol Dua' });
    const socket = await connect(baseUrl, '/dispatch', { token: key });
    const ready = await socket.ready;
    expect(ready).toMatchObject({ role: 'fleet', fleetId: fleet.id, marketIds: [] });
    await append('offer.created', { marketId: 'mkt_f', fleetId: other.fleet.id, courierId: 'cou_x' });
    const own = await append('offer.created', { marketId: 'mkt_f', fleetId: fleet.id, courierId: 'cou_y' });
    await socket.waitFor((e) => e.seq === own.seq);
    expect(socket.received.map((e) => e.courierId)).toEqual(['cou_y']);
    socket.close();
  });
});
