// The simulated pasar floor: a courier walks between two stalls of one market and parks once on riding into it, as live
// dispatch plans (`stallWalking`); every other leg is ridden on the roads.
import { coordinateKey, haversineM } from '../geo.js';
import type { LonLat } from '../routing/routing-provider.js';
import type { StallWalking } from '../dispatch/stall-walking.js';

const keyOf = (p: LonLat): string => coordinateKey(p[0], p[1]);

export class StallFloor {
  /** Stall coordinate key → index of its market. */
  private readonly marketOfStall = new Map<string, number>();

  /** `stallsByMarket`: each market's stall coordinates; `walking` null: stall legs are ridden like any other. */
  constructor(stallsByMarket: Iterable<readonly LonLat[]>, private readonly walking: StallWalking | null) {
    let m = 0;
    for (const stalls of stallsByMarket) {
      for (const p of stalls) this.marketOfStall.set(keyOf(p), m);
      m++;
    }
  }

  /** Milliseconds walked from `a` to `b` when both are stalls of one market; undefined when the leg is ridden. */
  walkMs(a: LonLat, b: LonLat): number | undefined {
    if (!this.walking || !this.sameMarket(a, b)) return undefined;
    return Math.round((haversineM(a[0], a[1], b[0], b[1]) / this.walking.walkingSpeedMps) * 1000);
  }

  /** Milliseconds to park on riding from `a` into the market of stall `b` (0 when `b` is no stall). */
  parkingMs(a: LonLat, b: LonLat): number {
    if (!this.walking || !this.marketOfStall.has(keyOf(b)) || this.sameMarket(a, b)) return 0;
    return this.walking.parkingS * 1000;
  }

  /** Both points are stalls of one market. */
  private sameMarket(a: LonLat, b: LonLat): boolean {
    const m = this.marketOfStall.get(keyOf(b));
    return m !== undefined && this.marketOfStall.get(keyOf(a)) === m;
  }
}
