// A small seeded pseudo-random generator (mulberry32) so generated instances are the same for the same seed.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Uniform integer in [low, high], both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** Uniform multiple of `step` in [low, high]. */
  step(low: number, high: number, step: number): number {
    return low + step * this.int(0, Math.floor((high - low) / step));
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
      const j = k + Math.floor(this.next() * (size - k));
      [pool[k], pool[j]] = [pool[j], pool[k]];
      out.push(pool[k]);
    }
    return out;
  }
}
