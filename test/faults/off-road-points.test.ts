// Points are checked against the configured road network when markets, stalls, customers and orders are created and
// when a WhatsApp draft is confirmed into an order: (0,0), another city or a field 2 km from the nearest road get 422
// `off_road_network` naming the field and the distance to the nearest road, and nothing is written; so does a point
// whose nearest road is an island that no route reaches. Road network: three hand-built streets near the fixtures and
// one island street.
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildRoadGraph } from '../../engine/index.js';
import { hubSignature } from '../../api/whatsapp/signature.js';
import { describeEachBackend } from '../api/helpers/backends.js';
import { admin, countRows, createMarket, createStall, expectProblem, marketBody, orderBody } from '../api/helpers/fixtures.js';

const residential = { highway: 'residential' };
const GRAPH = buildRoadGraph([ // joined at shared vertices (the builder keeps the connected network)
  { coordinates: [[106.770, -6.2405], [106.7781, -6.2405], [106.7849, -6.2405], [106.790, -6.2405]], tags: residential }, // past the market and its stalls
  { coordinates: [[106.7849, -6.2450], [106.7849, -6.2405], [106.7849, -6.2300]], tags: residential }, // the fixtures' customer street
  { coordinates: [[106.7781, -6.2405], [106.7781, -6.2370]], tags: residential }, // to the pangkalan base
  { coordinates: [[106.7700, -6.2200], [106.7720, -6.2200]], tags: residential }, // a road island, joined to nothing
], 'motorbike');

describeEachBackend('points off the road network', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await ctx.buildApp({ roadGraph: GRAPH, rateLimit: false });
  });

  const post = async (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, headers: await admin(app), payload });
  const refusal = (res: Awaited<ReturnType<typeof post>>, path: string) => {
    const problem = expectProblem(res, 422, 'off_road_network');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    expect(problem.detail).toContain(path);
    return problem.fields[0].distance_to_road_m as number;
  };

  it('refuses markets at (0,0), in another city or with a base far from any road; accepts one on the roads', async () => {
    expect(refusal(await post('/v1/markets', marketBody({ location: { lon: 0, lat: 0 } })), '/body/location')).toBeGreaterThan(11_000_000);
    const surabayaM = refusal(await post('/v1/markets', marketBody({ location: { lon: 112.7521, lat: -7.2575 } })), '/body/location');
    expect(surabayaM).toBeGreaterThan(600_000);
    expect(surabayaM).toBeLessThan(700_000);
    const farBase = marketBody({ bases: [{ name: 'Sawah', location: { lon: 106.7700, lat: -6.2600 } }] });
    expect(refusal(await post('/v1/markets', farBase), '/body/bases/0/location')).toBeGreaterThan(2_000);
    expect(await countRows(app, 'markets')).toBe(0);
    expect((await post('/v1/markets', marketBody())).statusCode).toBe(201);
  });

  it('refuses a stall, a customer and an order whose point is far from any road, with the distance', async () => {
    const market = await createMarket(app);
    // 0.0195° of latitude south of the west end of the street along -6.2405: about 2,160 m.
    const stallM = refusal(await post(`/v1/markets/${market.id}/stalls`, { name: 'Kios Sawah', stall_code: 'X-1', location: { lon: 106.7700, lat: -6.26 } }), '/body/location');
    expect(stallM).toBeGreaterThan(2_100);
    expect(stallM).toBeLessThan(2_200);
    const customer = { market_id: market.id, name: 'Ibu Sari', phone: '081298765432', address: { lon: 0, lat: 0 } };
    refusal(await post('/v1/customers', customer), '/body/address');
    const stall = await createStall(app, market.id);
    const offRoad = orderBody(market.id, [stall.id], { customer: { name: 'Ibu Sari', phone: '+6281234567890', address: { lon: 106.80, lat: -6.2346 } } });
    refusal(await post('/v1/orders', offRoad), '/body/customer/address');
    refusal(await post('/v1/orders', { ...orderBody(market.id, [stall.id]), delivery_location: { lon: 112.7521, lat: -7.2575 } }), '/body/delivery_location');
    expect(await countRows(app, 'orders')).toBe(0);
    expect(await countRows(app, 'customers')).toBe(0);
    expect((await post('/v1/orders', orderBody(market.id, [stall.id]))).statusCode).toBe(201);
  });

  it('refuses to confirm a WhatsApp draft whose customer shared a location off the roads; the draft stays as it was', async () => {
    const market = await createMarket(app);
    const stall = await createStall(app, market.id);
    const headers = await admin(app);
    const items = await app.inject({ method: 'POST', url: `/v1/stalls/${stall.id}/catalogue`, headers, payload: { items: [{ name: 'Kangkung', unit: 'ikat', price_rp: 3000, weight_kg: 0.25 }] } });
    expect(items.statusCode, items.body).toBe(200);
    const secret = 'road-check-app-secret';
    const channel = { phone_number_id: '555000111', verify_token: 'road-check-verify', app_secret: secret, access_token: 'road-check-access', api_base_url: 'http://127.0.0.1:9' };
    expect((await app.inject({ method: 'PUT', url: `/v1/markets/${market.id}/whatsapp`, headers, payload: channel })).statusCode).toBe(200);
    const from = '6281234567890';
    const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { phone_number_id: channel.phone_number_id }, contacts: [{ profile: { name: 'Bu Sari' }, wa_id: from }],
      messages: [
        { from, id: 'wamid.road1', timestamp: '1733468400', type: 'text', text: { body: 'kangkung 2 ikat' } },
        // East of the street ends: about 1,290 m from the east end of the street along -6.2405, the nearest road.
        { from, id: 'wamid.road2', timestamp: '1733468460', type: 'location', location: { latitude: -6.2346, longitude: 106.80 } },
      ] } }] }] });
    const hook = await app.inject({ method: 'POST', url: '/whatsapp/webhook', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, secret) }, payload: raw });
    expect(hook.statusCode, hook.body).toBe(200);
    const [draft] = (await app.inject({ method: 'GET', url: `/v1/markets/${market.id}/drafts`, headers })).json().data;
    expect(draft.location).toEqual({ lon: 106.80, lat: -6.2346 });
    const confirm = (location: { lon: number; lat: number }) => app.inject({
      method: 'POST', url: `/v1/drafts/${draft.id}/confirm`, headers: { ...headers, 'if-match': `"${draft.version}"` },
      payload: { items: [{ catalogue_item_id: draft.items[0].catalogue_item_id, quantity: 2 }], customer_name: 'Bu Sari', delivery_location: location },
    });
    const distanceM = refusal(await confirm(draft.location), '/body/delivery_location');
    expect(distanceM).toBeGreaterThan(1_250);
    expect(distanceM).toBeLessThan(1_330);
    const after = (await app.inject({ method: 'GET', url: `/v1/drafts/${draft.id}`, headers })).json();
    expect(after).toEqual(draft);
    expect(await countRows(app, 'orders')).toBe(0);
    expect(await countRows(app, 'whatsapp_outbox')).toBe(0);
    const onRoad = await confirm({ lon: 106.7849, lat: -6.2346 });
    expect(onRoad.statusCode, onRoad.body).toBe(201);
    expect(onRoad.json().draft.status).toBe('confirmed');
  });

  it('refuses an order delivered by a road island: its nearest road is not connected to the market’s network', async () => {
    const market = await createMarket(app);
    const stall = await createStall(app, market.id);
    const onIsland = orderBody(market.id, [stall.id], { customer: { name: 'Ibu Sari', phone: '+6281234567890', address: { lon: 106.771, lat: -6.2201 } } });
    const res = await post('/v1/orders', onIsland);
    const problem = expectProblem(res, 422, 'off_road_network');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['/body/customer/address']);
    expect(problem.errors[0].message).toContain('not connected');
    expect(problem.fields[0]).toMatchObject({ path: '/body/customer/address', on_road_island: true });
    expect(problem.fields[0].distance_to_road_m).toBeLessThan(20);
    expect(problem.fields[0].distance_to_connected_road_m).toBeGreaterThan(1_000);
    expect(await countRows(app, 'orders')).toBe(0);
  });
});
