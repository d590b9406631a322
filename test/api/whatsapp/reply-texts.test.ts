// WhatsApp replies: a booked order's confirmation names the booked hour in the market's own zone.
import { describe, expect, it } from 'vitest';
import { bookedHourText, confirmationText } from '../../../api/whatsapp/reply-texts.js';

const ORDER = { id: 'ord_1', items: [{ name: 'Kangkung', quantity: 2, unit: 'ikat', unit_price_rp: 3_000 }], fee_rp: 8_000, cod_total_rp: 14_000 };

describe('booked hour in replies', () => {
  it('names the day and hour in WIB, WITA or WIT (UTC+7, +8, +9)', () => {
    expect(bookedHourText('2026-12-12T03:00:00Z', 'Asia/Jakarta')).toBe('Sabtu, 12 Desember pukul 10.00 WIB');
    expect(bookedHourText('2026-12-12T03:00:00Z', 'Asia/Makassar')).toBe('Sabtu, 12 Desember pukul 11.00 WITA');
    expect(bookedHourText('2026-12-12T16:30:00Z', 'Asia/Jayapura')).toBe('Minggu, 13 Desember pukul 01.30 WIT');
  });

  it('adds the booked hour to the confirmation only for a booked order', () => {
    expect(confirmationText({ ...ORDER, booked_for: '2026-12-12T03:00:00.000Z' })).toContain('Dibelanjakan dan diantar mulai Sabtu, 12 Desember pukul 10.00 WIB');
    expect(confirmationText({ ...ORDER, booked_for: null })).not.toContain('diantar mulai');
    expect(confirmationText(ORDER).split('\n')).toHaveLength(6);
  });
});
