// The hour an order is booked for: how far ahead it may be, and what "at once" means when an order is moved.

/** How far ahead an order may be booked, or a line be ready (ms). */
export const BOOKING_HORIZON_MS = 7 * 24 * 3_600_000;

/** How far in the past a new hour may lie when an order is moved (clock skew of the caller), ms. */
export const RESCHEDULE_PAST_TOLERANCE_MS = 5 * 60_000;

/**
 * The booked hour an order keeps after it is moved to `askedMs` (epoch ms; null: at once). At once means from now: the
 * moment of the change while the old hour is still ahead (the customer's wait starts now, not when it first ordered),
 * the old hour once it has come (the wait started then), none when there was none.
 */
export function bookedHourAfterMs(askedMs: number | null, previousMs: number | null, nowMs: number): number | null {
  if (askedMs !== null) return askedMs;
  return previousMs !== null && previousMs > nowMs ? nowMs : previousMs;
}
