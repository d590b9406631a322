// Courier availability events (online, pause, resume, offline, idle after a route) reach the dispatchers of the
// courier's current market over Socket.IO, and only them.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { newId } from '../../api/ids.js';
import { createMarket, tokenFor } from '../api/helpers/fixtures.js';
import { Scenario } from '../api/transitions/seed.js';
import { connect, type TestSocket } from './helpers/sockets.js';
import { workerPglite } from '../api/helpers/worker-database.js';

describe('courier availability over the dispatcher sockets', () => {
  let app: FastifyInstance;
  let baseUrl: string;
  const dispatcherOf = async (marketId: string): Promise<TestSocket> => {
    const token = (await tokenFor(app, 'dispatcher', { marketIds: [marketId] })).authorization.slice('Bearer '.length);
    const socket = await connect(baseUrl, '/dispatch', { token });
    await socket.ready;
    return socket;
  };

  beforeAll(async () => {
    app = await buildApp({ db: await workerPglite(), secret: 'test-secret-0123456789abcdef', docs: false, rateLimit: false, realtime: { positionThrottleMs: 100 } });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it('a pangkalan courier’s online / pause / resume / offline reach its home market’s dispatcher with the market id', async () => {
    const s = await Scenario.create(app);
    const fleet = await s.fleet({ kind: 'pangkalan' });
    const courier = await s.courier(fleet.id, 'offline');
    const other = await createMarket(app, { name: 'Pasar Lain' });
    const home = await dispatcherOf(s.marketId);
    const elsewhere = await dispatcherOf(other.id);
    for (const [action, type] of [['online', 'courier.idle'], ['pause', 'courier.paused'], ['resume', 'courier.idle'], ['offline', 'courier.offline']]) {
      const res = await s.post(`/v1/couriers/${courier.id}/${action}`, courier.headers);
      expect(res.statusCode, res.body).toBe(200);
      const version = res.json().version as number;
      const heard = await home.waitFor((e) => e.type === type && e.courierId === courier.id && e.payload.version === version);
      expect(heard.marketId).toBe(s.marketId);
      expect(heard.payload).toMatchObject({ market_id: s.marketId, courier_id: courier.id, event: action });
    }
    await new Promise((r) => setTimeout(r, 150));
    expect(elsewhere.received.filter((e) => e.courierId === courier.id)).toEqual([]);
    home.close();
    elsewhere.close();
  });

  it('an ojol courier of a two-market fleet is announced where it was last offered work; idle after its route there too', async () => {
    const s = await Scenario.create(app);
    const second = await createMarket(app, { name: 'Pasar Kedua' });
    const fleet = await s.fleet({ kind: 'ojol', market_ids: [s.marketId, second.id] });
    const courierId = newId('cou');
    await app.db.query(`INSERT INTO couriers (id, fleet_id, name, status) VALUES ($1, $2, 'Kurir Ojol', 'idle')`, [courierId, fleet.id]);
    const courier = { id: courierId, headers: await tokenFor(app, 'courier', { courierId, fleetId: fleet.id }) };
    const here = await dispatcherOf(s.marketId);
    const there = await dispatcherOf(second.id);

    // Nothing says where it is yet: no market, so no dispatcher room hears the pause.
    expect((await s.post(`/v1/couriers/${courier.id}/pause`, courier.headers)).statusCode).toBe(200);
    const unplaced = await app.db.query<{ market_id: string | null }>(`SELECT market_id FROM events WHERE courier_id = $1 AND type = 'courier.paused'`, [courier.id]);
    expect(unplaced.rows).toEqual([{ market_id: null }]);
    expect((await s.post(`/v1/couriers/${courier.id}/resume`, courier.headers)).statusCode).toBe(200);

    const order = await s.order();
    const route = await s.assigned([order], courier);
    const stops = route.stops[order.id];
    for (const stall of ['fish', 'veg'] as const) {
      await s.post(`/v1/stops/${stops.pickups[stall]}/arrive`, courier.headers);
      const picked = await s.post(`/v1/stops/${stops.pickups[stall]}/pickup`, courier.headers, { items: order.items[stall].map((id) => ({ item_id: id, outcome: 'picked' })) });
      expect(picked.statusCode, picked.body).toBe(200);
    }
    await s.post(`/v1/stops/${stops.delivery}/arrive`, courier.headers);
    expect((await s.post(`/v1/stops/${stops.delivery}/deliver`, courier.headers, { cod_collected_rp: 115000 })).statusCode).toBe(200);
    const idle = await here.waitFor((e) => e.type === 'courier.idle' && e.courierId === courier.id && e.payload.from === 'on_route');
    expect(idle.marketId).toBe(s.marketId);

    const paused = await s.post(`/v1/couriers/${courier.id}/pause`, courier.headers);
    expect(paused.statusCode, paused.body).toBe(200);
    const heard = await here.waitFor((e) => e.type === 'courier.paused' && e.courierId === courier.id && e.payload.version === paused.json().version);
    expect(heard.payload.market_id).toBe(s.marketId);
    await new Promise((r) => setTimeout(r, 150));
    expect(there.received.filter((e) => e.courierId === courier.id)).toEqual([]);
    here.close();
    there.close();
  });
});
