// Seeded pasar batches: orders of 1–5 stall pickups and one home delivery, a mixed ojol/pangkalan fleet, on any matrix.
import { RoutingError } from '../errors.js';
import type { CourierInput, MatrixInput, OrderInput, PickupInput, ProblemInput } from '../model/problem-input.js';
import type { LonLat, RoutingProvider } from '../routing/routing-provider.js';
import { haversineBetweenM } from '../geo.js';
import { generateMarketLayout, layoutLocations, type MarketLayout } from './market-layout.js';
import { resolveMarketOptions, type MarketBatchOptions, type ResolvedMarketOptions } from './market-options.js';
import { Prng } from '../random/prng.js';

export interface MarketBatch {
  readonly problem: ProblemInput;
  /** [lon, lat] of each location, in `problem.locations` order. */
  readonly points: readonly LonLat[];
  readonly options: ResolvedMarketOptions;
}

/** Relative frequency of orders with 1, 2, 3, 4 and 5 stalls. */
const STALLS_PER_ORDER_WEIGHTS = [0.3, 0.3, 0.2, 0.12, 0.08];
const PAD = (i: number) => String(i + 1).padStart(2, '0');

/**
 * A batch on great-circle distances at `speedKmh` (integer metres and seconds): no road network needed.
 * `layout` gives the points (e.g. a real market's stalls); by default they are drawn from the seed.
 */
export function generateMarketBatch(options: MarketBatchOptions = {}, layout?: MarketLayout): MarketBatch {
  const resolved = resolveMarketOptions(layoutCounts(options, layout));
  layout ??= generateMarketLayout(resolved);
  const { points } = layoutLocations(layout);
  const n = points.length;
  const speedMps = resolved.speedKmh / 3.6;
  // Row-major n × n over the layout's locations: metres and seconds.
  const distanceM = new Float64Array(n * n);
  const durationS = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const metres = Math.round(haversineBetweenM(points[i], points[j]));
      distanceM[i * n + j] = metres;
      durationS[i * n + j] = Math.round(metres / speedMps);
    }
  }
  return buildMarketBatch(layout, { durationS, distanceM }, resolved);
}

/** A batch on a road network: the same layout for the seed (or the given one), travel from `provider.table`. */
export async function generateMarketBatchOnRoads(provider: RoutingProvider, options: MarketBatchOptions = {}, layout?: MarketLayout): Promise<MarketBatch> {
  const resolved = resolveMarketOptions(layoutCounts(options, layout));
  layout ??= generateMarketLayout(resolved);
  const { ids, points } = layoutLocations(layout);
  const table = await provider.table({ sources: points });
  for (let k = 0; k < table.durationS.length; k++) {
    if (!Number.isFinite(table.durationS[k]) || !Number.isFinite(table.distanceM[k])) {
      const n = points.length;
      throw new RoutingError('no_route', `no route from ${ids[Math.floor(k / n)]} to ${ids[k % n]} on ${provider.name}`, 'locations');
    }
  }
  return buildMarketBatch(layout, { durationS: table.durationS, distanceM: table.distanceM }, resolved);
}

/** With a given layout, its market point and its counts of stalls, homes (orders) and ojol starts win. */
function layoutCounts(options: MarketBatchOptions, layout: MarketLayout | undefined): MarketBatchOptions {
  if (!layout) return options;
  const ojol = layout.ojolStarts.length;
  const pangkalanCount = options.pangkalanCount ?? Math.round((options.courierCount ?? 10) * 0.4);
  return { ...options, market: layout.market, stallCount: layout.stalls.length, orderCount: layout.homes.length, pangkalanCount, courierCount: pangkalanCount + ojol };
}

/** Orders and couriers drawn from the seed (independently of the layout draw), over the given matrix. */
export function buildMarketBatch(layout: MarketLayout, matrix: MatrixInput, options: ResolvedMarketOptions): MarketBatch {
  const rng = new Prng(options.seed * 104_729 + 3);
  const { ids, points } = layoutLocations(layout);
  const orders = layout.homes.map((home, o) => drawOrder(rng, layout, home, o, options));
  const couriers = Array.from({ length: options.courierCount }, (_, c) => drawCourier(rng, c, options));
  const problem: ProblemInput = {
    loadDimensions: ['weightKg', 'cashRp'],
    locations: ids.map((id, i) => ({ id, lon: points[i][0], lat: points[i][1] })),
    matrix,
    setupS: options.setupS,
    // The market point (pangkalan base, parking) and the stalls: walked between, parking paid once on entry.
    markets: [{ id: 'pasar', locationIds: ids.filter((id) => id === 'market' || id.startsWith('stall-')), walkingSpeedMps: options.walkingSpeedMps, parkingS: options.setupS }],
    orders,
    couriers,
  };
  return { problem, points, options };
}

function drawOrder(rng: Prng, layout: MarketLayout, home: LonLat, o: number, options: ResolvedMarketOptions): OrderInput {
  const orderId = `order-${PAD(o)}`;
  const stallCount = 1 + rng.weighted(STALLS_PER_ORDER_WEIGHTS);
  const stalls = rng.sample(layout.stalls.length, stallCount);
  let budgetKg = options.maxOrderKg;
  let goodsRp = 0;
  const pickups: PickupInput[] = [];
  const deliveryEarliestS = options.nowS + 30 * 60 + rng.step(0, 15 * 60, 60);
  const deliveryLatestS = deliveryEarliestS + rng.step(45 * 60, 60 * 60, 5 * 60);
  stalls.forEach((stall, k) => {
    const stallsLeft = stalls.length - k - 1;
    const weightKg = Math.max(1, Math.min(rng.step(1, 8, 0.5), budgetKg - stallsLeft));
    budgetKg -= weightKg;
    const valueRp = rng.step(20_000, 150_000, 1000);
    goodsRp += valueRp;
    const readyS = options.nowS + rng.step(0, 15 * 60, 60);
    pickups.push({
      id: `${orderId}/p${k + 1}`,
      locationId: `stall-${PAD(stall)}`,
      serviceS: rng.intBetween(60, 180),
      window: { earliestS: readyS, latestS: deliveryLatestS },
      load: [weightKg, valueRp],
    });
  });
  // Delivery fee: Rp 8,000 plus Rp 1,000 per km from the market, at most Rp 15,000.
  const feeRp = Math.min(15_000, 8000 + 1000 * Math.round(haversineBetweenM(layout.market, home) / 1000));
  const cold = rng.next() < options.coldShare;
  return {
    id: orderId,
    pickups,
    delivery: { id: `${orderId}/d`, locationId: `home-${PAD(o)}`, serviceS: 120, window: { earliestS: deliveryEarliestS, latestS: deliveryLatestS }, codRp: goodsRp + feeRp },
    maxInBagS: options.maxInBagS,
    ...(cold ? { skills: ['cold_box'] } : {}),
  };
}

function drawCourier(rng: Prng, c: number, options: ResolvedMarketOptions): CourierInput {
  const floatRp = rng.step(300_000, 500_000, 50_000);
  const pangkalan = c < options.pangkalanCount;
  if (pangkalan) {
    // The first pangkalan courier always has a cold box so cold orders have someone.
    const coldBox = c === 0 || rng.next() < 0.3;
    return {
      id: `pangkalan-${PAD(c)}`,
      fleet: 'pangkalan',
      startLocationId: 'market',
      startS: options.nowS,
      endLocationId: 'market',
      shift: { earliestS: options.nowS - 2 * 3600, latestS: options.nowS + 5 * 3600 },
      capacity: [options.boxKg, floatRp],
      ...(coldBox ? { skills: ['cold_box'] } : {}),
    };
  }
  const ojol = c - options.pangkalanCount;
  return {
    id: `ojol-${PAD(ojol)}`,
    fleet: 'ojol',
    startLocationId: `ojol-start-${PAD(ojol)}`,
    startS: options.nowS + rng.step(0, 10 * 60, 60),
    shift: { earliestS: options.nowS, latestS: options.nowS + 4 * 3600 },
    capacity: [Math.round(options.boxKg * 0.75), floatRp],
    maxStops: 12,
  };
}
