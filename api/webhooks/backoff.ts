// Retry schedule for webhook deliveries: exponential backoff with jitter, capped, and a maximum number of attempts.

export interface BackoffPolicy {
  /** Delay after the first failed attempt, before jitter. */
  readonly baseDelayMs: number;
  /** No delay exceeds this, jitter included. */
  readonly maxDelayMs: number;
  /** Attempts in all (the first one included); after the last failure the delivery is dead. */
  readonly maxAttempts: number;
  /** Each delay is scaled by a factor drawn uniformly from [1 - jitterRatio, 1 + jitterRatio]. */
  readonly jitterRatio: number;
}

/** 5 s, 10 s, 20 s, … capped at 1 h, ±20 %, 10 attempts in all (about 4.5 h of retries). */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 5_000, maxDelayMs: 3_600_000, maxAttempts: 10, jitterRatio: 0.2 };

/**
 * Delay before attempt `failedAttempts + 1`, given that `failedAttempts` (≥ 1) attempts have failed; null when
 * no attempt is left. `random` returns a number in [0, 1) and is injectable for tests.
 */
export function retryDelayMs(failedAttempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number | null {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError('failedAttempts must be an integer ≥ 1');
  if (failedAttempts >= policy.maxAttempts) return null;
  const exponential = policy.baseDelayMs * 2 ** Math.min(failedAttempts - 1, 52);
  const jitter = 1 + policy.jitterRatio * (2 * random() - 1);
  return Math.round(Math.min(policy.maxDelayMs, Math.min(exponential, policy.maxDelayMs) * jitter));
}
