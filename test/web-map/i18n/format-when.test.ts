// A booked hour in the dispatcher's lists: the time alone today, with its date on another day.
import { describe, expect, it } from 'vitest';
import { formatClock, formatWhen } from '../../../web-map/src/i18n.js';

describe('formatWhen', () => {
  const now = new Date(2026, 11, 7, 8, 0).getTime(); // local 7 December, 08:00
  it('gives the time alone for later today', () => {
    const ten = new Date(2026, 11, 7, 10, 0).getTime();
    expect(formatWhen(ten, now)).toBe(formatClock(ten));
  });
  it('adds the date for another day', () => {
    const tomorrowTen = new Date(2026, 11, 8, 10, 0).getTime();
    expect(formatWhen(tomorrowTen, now)).toMatch(/^8 Des.*10[.:]00$/);
  });
});
