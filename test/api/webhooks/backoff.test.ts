// Webhook retry schedule: doubling, capped, jittered within bounds, finite.

import { describe, expect, it } from 'vitest';
import { retryDelayMs, type BackoffPolicy } from '../../../api/webhooks/backoff.js';

const policy: BackoffPolicy = { baseDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 8, jitterRatio: 0.25 };

describe('retryDelayMs', () => {
  it('doubles from the base delay without jitter at the midpoint, then caps', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, policy, mid))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('keeps jitter within ±jitterRatio and never above the cap', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(3_000);
    expect(retryDelayMs(3, policy, () => 0.999999)).toBe(5_000);
    expect(retryDelayMs(7, policy, () => 0.999999)).toBe(30_000);
    expect(retryDelayMs(7, policy, () => 0)).toBe(22_500);
  });

  it('stops after maxAttempts attempts in all', () => {
    expect(retryDelayMs(7, policy)).not.toBeNull();
    expect(retryDelayMs(8, policy)).toBeNull();
    expect(retryDelayMs(50, policy)).toBeNull();
  });

  it('rejects a non-positive attempt count', () => {
    expect(() => retryDelayMs(0, policy)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5, policy)).toThrow(RangeError);
  });
});
