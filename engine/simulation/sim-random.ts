// Seeded random streams for the simulator: one independent stream per purpose so policies see the same world.
import { SeededRandom } from '../instances/seeded-random.js';

export class SimRandom extends SeededRandom {
  /** Standard normal draw (Box–Muller). */
  normal(): number {
    const u = Math.max(1e-12, this.next());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** true with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform in the closed range [low, high]. */
  between(range: readonly [number, number]): number {
    return this.uniform(range[0], range[1]);
  }
}

/** A stream derived from the scenario seed and a purpose name: streams differ, each is reproducible. */
export function stream(seed: number, purpose: string): SimRandom {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 16777619);
  return new SimRandom(h >>> 0);
}
