// `serve --demo`: seeds a Jakarta market day, then streams orders (a burst at start, then a steady rate spread over
// the markets) while simulated couriers answer offers and ride their routes. Stops with the app.
import type { FastifyInstance } from 'fastify';
import type { RoutingProvider } from '../../engine/index.js';
import { DemoDrivers } from './demo-drivers.js';
import { call, seedJakartaDay, type DemoWorld } from './demo-seed.js';
import { DemoRandom, PASAR_GOODS } from './jakarta-day.js';

/** The demo's fast-forward: couriers ride this many times faster than a real motorbike (5.5 m/s). */
export const DEMO_TIME_FACTOR = 6;

export interface DemoOptions {
  readonly seed?: number;
  /** Orders per minute over all markets after the opening burst (default 20). */
  readonly ordersPerMinute?: number;
  /** Orders per market at start (default 3). */
  readonly openingOrders?: number;
  /** Demo fast-forward of courier speed (default 6 × 5.5 m/s). */
  readonly speedMps?: number;
  readonly stallsPerMarket?: number;
  readonly pangkalanPerMarket?: number;
  readonly ojolCouriers?: number;
}

export interface RunningDemo {
  readonly world: DemoWorld;
  stop(): void;
}

/**
 * A customer's door 0.5–3 km from the market: a random point moved onto the nearest road. Parts of the ring around
 * Pasar Induk Kramat Jati, Pasar Mayestik and Pasar Minggu lie farther than the router snaps (500 m) from every road
 * of the Jakarta extract; a point there is drawn again (the market's own point after ten tries).
 */
async function customerDoor(routing: RoutingProvider, rng: DemoRandom, market: { lon: number; lat: number }): Promise<{ lon: number; lat: number }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const drawn = rng.around(market.lon, market.lat, 500, 3_000);
    const [snapped] = await routing.nearest([drawn.lon, drawn.lat]).catch(() => []);
    if (snapped) return { lon: Math.round(snapped.location[0] * 1e6) / 1e6, lat: Math.round(snapped.location[1] * 1e6) / 1e6 };
  }
  return { lon: market.lon, lat: market.lat };
}

/** An order of 1–4 stalls' goods for a customer 0.5–3 km from the market. */
async function placeOrder(app: FastifyInstance, routing: RoutingProvider, world: DemoWorld, rng: DemoRandom, n: number): Promise<void> {
  const market = rng.pick(world.markets);
  const stalls = new Set<string>();
  const stallCount = rng.weighted([4, 3, 2, 1]) + 1;
  while (stalls.size < Math.min(stallCount, market.stallIds.length)) stalls.add(rng.pick(market.stallIds));
  const items = [...stalls].flatMap((stall_id) => Array.from({ length: rng.intBetween(1, 2) }, () => {
    const good = rng.pick(PASAR_GOODS);
    const quantity = rng.intBetween(1, 3);
    return { stall_id, name: good.name, quantity, unit: good.unit, unit_price_rp: good.priceRp, weight_kg: Math.round(good.kg * quantity * 10) / 10 };
  }));
  const phone = `+62812${String(10_000_000 + n).slice(-8)}`;
  await call(app, 'POST', '/v1/orders', world.admin, {
    market_id: market.id, items,
    customer: { name: `Pelanggan ${n}`, phone, address: await customerDoor(routing, rng, market), landmark: 'dekat masjid' },
  }).catch((error: Error) => app.log.debug({ err: error }, 'demo order refused'));
}

export async function startDemo(app: FastifyInstance, routing: RoutingProvider, options: DemoOptions = {}): Promise<RunningDemo> {
  const rng = new DemoRandom(options.seed ?? 20_260_522);
  const world = await seedJakartaDay(app, rng, { stallsPerMarket: options.stallsPerMarket ?? 8, pangkalanPerMarket: options.pangkalanPerMarket ?? 3, ojolCouriers: options.ojolCouriers ?? 20 });
  const manual = new Set(world.courierTokens.slice(0, 1).map((c) => c.courierId));
  const drivers = new DemoDrivers(app, world, routing, rng, { speedMps: options.speedMps ?? 5.5 * DEMO_TIME_FACTOR, tickMs: 2_000, acceptShare: 0.9, manual });
  const unsubscribe = app.events.subscribe((records) => { for (const r of records) drivers.onEvent(r); });
  let n = 0;
  let stopped = false;
  const timers: NodeJS.Timeout[] = [];
  for (let i = 0; i < (options.openingOrders ?? 3) * world.markets.length; i++) await placeOrder(app, routing, world, rng, ++n);
  const perMinute = options.ordersPerMinute ?? 20;
  const next = () => {
    if (stopped) return;
    timers[0] = setTimeout(() => void placeOrder(app, routing, world, rng, ++n).finally(next), rng.gapMs(perMinute));
    timers[0].unref();
  };
  next();
  timers[1] = setInterval(() => void drivers.keepAlive(), 45_000);
  timers[1].unref();
  function stop(): void {
    if (stopped) return;
    stopped = true;
    for (const t of timers) clearTimeout(t);
    drivers.stop();
    unsubscribe();
  }
  return { world, stop };
}
