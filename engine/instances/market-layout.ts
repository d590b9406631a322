// Seeded geography of a pasar batch: the market point, its stalls, the customers' homes and the ojol couriers' positions.
import type { LonLat } from '../routing/routing-provider.js';
import { offsetPoint } from '../geo.js';
import type { ResolvedMarketOptions } from './market-options.js';
import { Prng } from '../random/prng.js';

export interface MarketLayout {
  readonly market: LonLat;
  /** Stall positions, clustered around the market point. */
  readonly stalls: readonly LonLat[];
  /** One home per order. */
  readonly homes: readonly LonLat[];
  /** One start position per ojol courier. */
  readonly ojolStarts: readonly LonLat[];
}

/** A point uniform over the ring between `minM` and `maxM` around `centre`. */
function inRing(rng: Prng, centre: LonLat, minM: number, maxM: number): LonLat {
  const rangeM = Math.sqrt(rng.uniform(minM * minM, maxM * maxM));
  return offsetPoint(centre, rng.uniform(0, 2 * Math.PI), rangeM);
}

/** Draws the layout from `options.seed` alone, so the haversine and road modes share it. */
export function generateMarketLayout(options: ResolvedMarketOptions): MarketLayout {
  const rng = new Prng(options.seed * 7919 + 1);
  const market = options.market;
  const stalls = Array.from({ length: options.stallCount }, () => inRing(rng, market, 10, options.stallRadiusM));
  const homes = Array.from({ length: options.orderCount }, () => inRing(rng, market, Math.min(300, options.deliveryRadiusM / 2), options.deliveryRadiusM));
  const ojolCount = Math.max(0, options.courierCount - options.pangkalanCount);
  const ojolStarts = Array.from({ length: ojolCount }, () => inRing(rng, market, 100, options.ojolRadiusM));
  return { market, stalls, homes, ojolStarts };
}

/** Location ids and points in matrix order: market, stalls, homes, ojol starts. */
export function layoutLocations(layout: MarketLayout): { ids: string[]; points: LonLat[] } {
  const pad = (i: number) => String(i + 1).padStart(2, '0');
  const ids = ['market', ...layout.stalls.map((_, i) => `stall-${pad(i)}`), ...layout.homes.map((_, i) => `home-${pad(i)}`), ...layout.ojolStarts.map((_, i) => `ojol-start-${pad(i)}`)];
  return { ids, points: [layout.market, ...layout.stalls, ...layout.homes, ...layout.ojolStarts] };
}
