// What "at once" leaves as an order's booked hour when it is moved: now while the old hour is ahead, else the old hour.
import { expect, it } from 'vitest';
import { bookedHourAfterMs } from '../../../api/domain/booked-hour.js';

const NOW_MS = 1_800_000_000_000;

it('keeps an hour asked for, and reads at once as now while the old hour is still ahead', () => {
  expect(bookedHourAfterMs(NOW_MS + 60_000, null, NOW_MS)).toBe(NOW_MS + 60_000);
  expect(bookedHourAfterMs(null, NOW_MS + 3_600_000, NOW_MS)).toBe(NOW_MS);
});

it('leaves an hour that has already come, and no hour, as they were', () => {
  expect(bookedHourAfterMs(null, NOW_MS - 600_000, NOW_MS)).toBe(NOW_MS - 600_000);
  expect(bookedHourAfterMs(null, null, NOW_MS)).toBeNull();
});
