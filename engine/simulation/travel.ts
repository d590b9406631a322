// Riding times of simulated couriers: road duration and distance of a leg from the routing provider (cached per
// pair), slowed by the hour's market traffic factor and the courier's speed, with seeded noise.
import { haversineM } from '../geo.js';
import type { LonLat, RoutingProvider } from '../routing/routing-provider.js';
import type { Prng } from '../random/prng.js';
import { DAY_START_MS, HOUR_MS } from './world.js';

export interface Leg {
  /** Riding time, ms. */
  readonly durationMs: number;
  readonly distanceM: number;
}

/** Fallback when the network has no route between two points: straight line × 1.4 at 15 km/h. */
const FALLBACK_DETOUR = 1.4;
const FALLBACK_MPS = 15 / 3.6;

export class TravelModel {
  private readonly cache = new Map<string, { durationS: number; distanceM: number }>();

  constructor(
    private readonly routing: RoutingProvider,
    private readonly speedFactorByHour: readonly number[],
    private readonly noise: number,
  ) {}

  /** Free-flow road duration (s) and distance (m) from `a` to `b`. */
  async base(a: LonLat, b: LonLat): Promise<{ durationS: number; distanceM: number }> {
    const key = `${a[0]},${a[1]}>${b[0]},${b[1]}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let value: { durationS: number; distanceM: number };
    if (a[0] === b[0] && a[1] === b[1]) value = { durationS: 0, distanceM: 0 };
    else {
      try {
        const t = await this.routing.table({ sources: [a], destinations: [b] });
        value = { durationS: t.durationS[0], distanceM: t.distanceM[0] };
      } catch {
        value = { durationS: Infinity, distanceM: Infinity };
      }
      if (!Number.isFinite(value.durationS) || !Number.isFinite(value.distanceM)) {
        const m = haversineM(a[0], a[1], b[0], b[1]) * FALLBACK_DETOUR;
        value = { durationS: m / FALLBACK_MPS, distanceM: m };
      }
    }
    this.cache.set(key, value);
    return value;
  }

  /** A leg started at `departMs` by a courier of speed factor `courierSpeed`: traffic and noise (drawn from `rng`) applied. */
  async leg(a: LonLat, b: LonLat, departMs: number, rng: Prng, courierSpeed = 1): Promise<Leg> {
    const { durationS, distanceM } = await this.base(a, b);
    const hour = Math.floor((((departMs - DAY_START_MS) / HOUR_MS) % 24 + 24) % 24);
    const traffic = this.speedFactorByHour[hour] ?? 1;
    const jitter = Math.max(0.5, 1 + this.noise * rng.normal());
    return { durationMs: Math.round(((durationS * 1000) / (traffic * courierSpeed)) * jitter), distanceM };
  }
}

