// Options of the pasar batch generator with their defaults: one market, stall orders, mixed ojol and pangkalan fleet.
import type { LonLat } from '../routing/routing-provider.js';

export interface MarketBatchOptions {
  /** Same seed, same batch (default 1). */
  readonly seed?: number;
  /** Market point [lon, lat] (default Pasar Senen, Jakarta). */
  readonly market?: LonLat;
  readonly orderCount?: number;
  /** Stalls (pedagang) in the market, shared by the orders. */
  readonly stallCount?: number;
  readonly courierCount?: number;
  /** How many of the couriers are pangkalan (based at the market, returning there); the rest are ojol. */
  readonly pangkalanCount?: number;
  /** Batch time, seconds since midnight (default 08:00). */
  readonly nowS?: number;
  readonly stallRadiusM?: number;
  readonly deliveryRadiusM?: number;
  /** How far from the market ojol couriers are when the batch starts. */
  readonly ojolRadiusM?: number;
  /** Parking: paid on entering the market (and per change of location outside it). */
  readonly setupS?: number;
  /** Walking speed between stalls inside the market, m/s. */
  readonly walkingSpeedMps?: number;
  /** Freshness bound, first pickup to delivery. */
  readonly maxInBagS?: number;
  /** Box capacity of a pangkalan courier; ojol boxes hold three quarters of it. */
  readonly boxKg?: number;
  /** Upper bound of an order's total weight (customers do not order more than one bike carries). */
  readonly maxOrderKg?: number;
  /** Share of orders with fish or meat that need a cold box. */
  readonly coldShare?: number;
  /** Travel speed of the haversine mode. */
  readonly speedKmh?: number;
}

export type ResolvedMarketOptions = Required<MarketBatchOptions>;

/** Pasar Senen, Central Jakarta, [lon, lat]. */
export const PASAR_SENEN: LonLat = [106.8442, -6.1737];

export function resolveMarketOptions(options: MarketBatchOptions = {}): ResolvedMarketOptions {
  const courierCount = options.courierCount ?? 10;
  return {
    seed: options.seed ?? 1,
    market: options.market ?? PASAR_SENEN,
    orderCount: options.orderCount ?? 40,
    stallCount: options.stallCount ?? 30,
    courierCount,
    pangkalanCount: options.pangkalanCount ?? Math.round(courierCount * 0.4),
    nowS: options.nowS ?? 8 * 3600,
    stallRadiusM: options.stallRadiusM ?? 150,
    deliveryRadiusM: options.deliveryRadiusM ?? 5000,
    ojolRadiusM: options.ojolRadiusM ?? 2500,
    setupS: options.setupS ?? 120,
    walkingSpeedMps: options.walkingSpeedMps ?? 1,
    maxInBagS: options.maxInBagS ?? 45 * 60,
    boxKg: options.boxKg ?? 20,
    maxOrderKg: options.maxOrderKg ?? 18,
    coldShare: options.coldShare ?? 0.1,
    speedKmh: options.speedKmh ?? 20,
  };
}
