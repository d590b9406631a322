// Planned routes carry their road geometry: plan.updated and the market state hold each route's line from the
// routing provider, through its stops; straight lines (flagged) when the router fails or is slow.
import { afterEach, describe, expect, it } from 'vitest';
import { lineThrough, RouteLineCache } from '../../api/dispatch/route-geometry.js';
import { haversineM, HaversineProvider, type LonLat, type Route, type RoutingProvider } from '../../engine/index.js';
import { tokenFor } from '../api/helpers/fixtures.js';
import { goOnline, placeOrder, seedMarket, startLiveApp, type LiveApp } from './helpers/live-app.js';
import { connect } from './helpers/sockets.js';

const SENEN = { lon: 106.8442, lat: -6.1737 };

/** Roads that bend: every leg goes through a point 50 m east of its midpoint. */
class BendingRoads extends HaversineProvider {
  routeCalls = 0;
  override async route(waypoints: readonly LonLat[]): Promise<Route> {
    this.routeCalls++;
    const straight = await super.route(waypoints);
    const coordinates: LonLat[] = [waypoints[0]];
    for (let i = 1; i < waypoints.length; i++) {
      const [a, b] = [waypoints[i - 1], waypoints[i]];
      coordinates.push([(a[0] + b[0]) / 2 + 0.00045, (a[1] + b[1]) / 2], b);
    }
    return { ...straight, geometry: { type: 'LineString', coordinates } };
  }
}

class NoRoads extends HaversineProvider {
  override async route(): Promise<Route> { throw new Error('router down'); }
}

type Stop = { stopId: string; lon: number; lat: number };
const pairs = (line: number[]): [number, number][] => Array.from({ length: line.length / 2 }, (_, k) => [line[2 * k], line[2 * k + 1]]);

describe('lineThrough', () => {
  const stops: Stop[] = [{ stopId: 'a', lon: 106.84, lat: -6.17 }, { stopId: 'b', lon: 106.84, lat: -6.17 }, { stopId: 'c', lon: 106.85, lat: -6.16 }];

  it('asks the router once through the distinct stops and flattens its geometry', async () => {
    const roads = new BendingRoads();
    const got = await lineThrough(roads, stops, 1_000);
    expect(got.lineKind).toBe('road');
    expect(pairs(got.line)).toEqual([[106.84, -6.17], [106.845 + 0.00045, -6.165], [106.85, -6.16]]);
    expect(roads.routeCalls).toBe(1);
  });

  it('falls back to the straight line through every stop when the router fails or is too slow', async () => {
    expect(await lineThrough(new NoRoads(), stops, 1_000)).toEqual({ lineKind: 'straight', line: [106.84, -6.17, 106.84, -6.17, 106.85, -6.16] });
    const slow = new (class extends HaversineProvider { override route(): Promise<Route> { return new Promise(() => undefined); } })();
    expect((await lineThrough(slow, stops, 20)).lineKind).toBe('straight');
  });

  it('the cache answers by stop sequence and drops the oldest beyond capacity', () => {
    const cache = new RouteLineCache(1);
    cache.set(stops, { line: [1, 2, 3, 4], lineKind: 'road' });
    expect(cache.get([...stops])).toEqual({ line: [1, 2, 3, 4], lineKind: 'road' });
    expect(cache.lineOrStraight(stops.slice(1)).lineKind).toBe('straight');
    cache.set(stops.slice(1), { line: [5, 6, 7, 8], lineKind: 'road' });
    expect(cache.get(stops)).toBeUndefined();
  });
});

describe('plan events carry road lines', () => {
  let live: LiveApp | undefined;
  afterEach(async () => { await live?.app.close(); live = undefined; });

  async function planOneOrder(routing: RoutingProvider) {
    live = await startLiveApp({ routing });
    const market = await seedMarket(live, 'Pasar Senen', SENEN, 1);
    const dispatcher = await connect(live.baseUrl, '/dispatch', { token: (await tokenFor(live.app, 'dispatcher', { marketIds: [market.marketId] })).authorization.slice(7) });
    await dispatcher.ready;
    await goOnline(live, market, 0);
    await expect.poll(async () => (await live!.get(`/v1/dispatch/markets/${market.marketId}/state`)).couriers.length, { timeout: 5_000 }).toBe(1);
    await placeOrder(live, market, 1);
    const plan = await dispatcher.waitFor((e) => e.type === 'plan.updated' && (e.payload.routes as unknown[]).length > 0);
    dispatcher.close();
    const route = (plan.payload.routes as { courierId: string; stops: Stop[]; line: number[]; lineKind: string }[])[0];
    return { market, route };
  }

  it('plan.updated holds the router’s line from the first to the last stop; the market state shows it', async () => {
    const roads = new BendingRoads();
    const { market, route } = await planOneOrder(roads);
    expect(route.lineKind).toBe('road');
    const points = pairs(route.line);
    const first = route.stops[0];
    const last = route.stops[route.stops.length - 1];
    expect(haversineM(points[0][0], points[0][1], first.lon, first.lat)).toBeLessThan(5);
    expect(haversineM(points[points.length - 1][0], points[points.length - 1][1], last.lon, last.lat)).toBeLessThan(5);
    // Bends between the stops: more points than stops, and off the straight segments.
    expect(points.length).toBeGreaterThan(route.stops.length);
    expect(roads.routeCalls).toBeGreaterThan(0);

    const state = await live!.get(`/v1/dispatch/markets/${market.marketId}/state`);
    const courier = state.couriers.find((c: { courier_id: string }) => c.courier_id === route.courierId);
    if (courier.route.length > 0 && courier.route.map((s: { stop_id: string }) => s.stop_id).join() === route.stops.map((s) => s.stopId).join()) {
      expect(courier).toMatchObject({ line: route.line, line_kind: 'road' });
    } else {
      expect(courier.line_kind).toBe('straight');
      expect(pairs(courier.line)).toEqual(courier.route.map((s: Stop) => [s.lon, s.lat]));
    }
  });

  it('a router that fails gives straight lines through the stops, flagged', async () => {
    const { route } = await planOneOrder(new NoRoads());
    expect(route.lineKind).toBe('straight');
    expect(pairs(route.line)).toEqual(route.stops.map((s) => [s.lon, s.lat]));
  });
});
