// The engine's one seeded pseudo-random generator (xoshiro128**, splitmix-seeded): solver, instances, simulation, demo.
// Nothing in the engine calls Math.random: the same seed gives the same plan, instance and simulated day.

export class Prng {
  // xoshiro128** state: four 32-bit words, never all zero (d is forced odd).
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix-style scrambling so nearby seeds give unrelated streams.
    let s = (seed >>> 0) ^ 0x9e3779b9;
    const next = (): number => {
      s = (s + 0x6d2b79f5) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 15), z | 1);
      z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
      return (z ^ (z >>> 14)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next() | 1;
  }

  /** A generator resuming from a raw xoshiro128** state (four 32-bit words, not all zero). */
  static fromState(state: readonly [number, number, number, number]): Prng {
    if (state.every((word) => word >>> 0 === 0)) throw new RangeError('xoshiro128** state must not be all zero');
    const prng = new Prng(0);
    [prng.a, prng.b, prng.c, prng.d] = state.map((word) => word | 0);
    return prng;
  }

  /** The next raw 32-bit output (unsigned). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a; this.d ^= this.b; this.b ^= this.c; this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [low, high], both included. */
  intBetween(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Uniform in the range [low, high] given as a pair. */
  between(range: readonly [number, number]): number {
    return this.uniform(range[0], range[1]);
  }

  /** Uniform multiple of `step` in [low, high]. */
  step(low: number, high: number, step: number): number {
    return low + step * this.intBetween(0, Math.floor((high - low) / step));
  }

  /** true with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of `values`, uniformly. */
  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** `count` distinct indices out of [0, size), in draw order. */
  sample(size: number, count: number): number[] {
    const pool = Array.from({ length: size }, (_, i) => i);
    const out: number[] = [];
    for (let k = 0; k < Math.min(count, size); k++) {
      const j = k + this.int(size - k);
      [pool[k], pool[j]] = [pool[j], pool[k]];
      out.push(pool[k]);
    }
    return out;
  }

  /** Shuffles `values` in place (Fisher–Yates). */
  shuffle<T extends { length: number; [i: number]: unknown }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return values;
  }

  /** Standard normal draw (Box–Muller). */
  normal(): number {
    const u = Math.max(1e-12, this.next());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Exponential draw with the given mean (gaps of a Poisson stream). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** A stream derived from a seed and a purpose name (FNV-1a): streams differ, each is reproducible. */
export function prngStream(seed: number, purpose: string): Prng {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 16777619);
  return new Prng(h >>> 0);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
