// Seeded synthetic market traffic in dispatch terms: orders of 1–4 stall pickups plus one home, and a courier fleet
// of pangkalan (at the market) and ojol (around it). For the dispatch benchmark, demos and tests.
import { offsetPoint } from '../geo.js';
import { Prng } from '../random/prng.js';
import type { LonLat } from '../routing/routing-provider.js';
import type { CourierPosition, DispatchCourier, DispatchOrder } from './dispatch-types.js';

export interface SyntheticMarketOptions {
  readonly marketId: string;
  readonly lon: number;
  readonly lat: number;
  readonly seed: number;
  /** Stalls within this radius of the market point (default 150 m). */
  readonly stallRadiusM?: number;
  readonly stallCount?: number;
  /** Homes within this radius (default 3 km). */
  readonly deliveryRadiusM?: number;
}

export class SyntheticMarket {
  private readonly rng: Prng;
  private readonly centre: LonLat;
  /** Stall positions around the market. */
  readonly stalls: readonly LonLat[];
  private orderCount = 0;

  constructor(readonly options: SyntheticMarketOptions) {
    this.rng = new Prng(options.seed);
    this.centre = [options.lon, options.lat];
    this.stalls = Array.from({ length: options.stallCount ?? 40 }, () => this.around(10, options.stallRadiusM ?? 150));
  }

  /** A point uniform over the ring between `minM` and `maxM` around the market. */
  around(minM: number, maxM: number): LonLat {
    const rangeM = Math.sqrt(this.rng.uniform(minM * minM, maxM * maxM));
    return offsetPoint(this.centre, this.rng.uniform(0, 2 * Math.PI), rangeM);
  }

  /** The next order: 1–4 distinct stalls, a home within the delivery radius, COD = goods + fee estimate. */
  nextOrder(): DispatchOrder {
    const n = ++this.orderCount;
    const id = `${this.options.marketId}_o${n}`;
    const stallCount = this.rng.weighted([4, 3, 2, 1]) + 1;
    const chosen = new Set<number>();
    while (chosen.size < stallCount) chosen.add(this.rng.intBetween(0, this.stalls.length - 1));
    const pickups = [...chosen].map((s, k) => ({
      id: `${id}_p${k}`, lon: this.stalls[s][0], lat: this.stalls[s][1], serviceS: this.rng.intBetween(60, 240),
      weightKg: this.rng.step(0.5, 5, 0.5), valueRp: this.rng.step(10_000, 120_000, 1_000),
    }));
    const home = this.around(300, this.options.deliveryRadiusM ?? 3_000);
    const goodsRp = pickups.reduce((s, p) => s + p.valueRp, 0);
    return { id, pickups, delivery: { id: `${id}_d`, lon: home[0], lat: home[1], serviceS: this.rng.intBetween(60, 180), codRp: goodsRp + 10_000 }, maxInBagS: 3_600 };
  }

  /** `count` couriers: the first `pangkalanCount` at the market, the others within `ojolRadiusM`. */
  fleet(count: number, pangkalanCount: number, nowMs: number, ojolRadiusM = 2_500): { courier: DispatchCourier; position: CourierPosition }[] {
    return Array.from({ length: count }, (_, i) => {
      const pangkalan = i < pangkalanCount;
      const at = pangkalan ? this.around(0, 60) : this.around(200, ojolRadiusM);
      const courier: DispatchCourier = {
        id: `${this.options.marketId}_c${i + 1}`, fleet: pangkalan ? 'pangkalan' : 'ojol', capacityKg: pangkalan ? 40 : 25,
        cashFloatRp: pangkalan ? 600_000 : 400_000, homeMarket: pangkalan,
        ...(pangkalan ? { base: { lon: this.options.lon, lat: this.options.lat } } : {}),
      };
      return { courier, position: { lon: at[0], lat: at[1], atMs: nowMs } };
    });
  }
}
