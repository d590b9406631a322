// WhatsApp replies: a booked order's confirmation names the booked hour, and status updates the hour the courier is
// expected, in the market's own zone.
import { describe, expect, it } from 'vitest';
import { bookedHourText, confirmationText, statusText } from '../../../api/whatsapp/reply-texts.js';

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

describe('expected hour in status updates', () => {
  const status = { orderId: 'ord_1', codTotalRp: 14_000, codCollectedRp: null, deliveryEta: '2026-12-12T03:35:00.000Z', timezone: 'Asia/Jakarta' };

  it('tells the hour the courier is expected while it shops and while it rides, in the market\'s zone', () => {
    expect(statusText('order.assigned', status)).toBe('Pesanan ord_1 sedang diproses: kurir kami sedang berbelanja di pasar. Perkiraan tiba pukul 10.35 WIB.');
    expect(statusText('order.delivering', { ...status, timezone: 'Asia/Makassar' })).toBe('Pesanan ord_1 sedang dikirim ke alamat Anda. Perkiraan tiba pukul 11.35 WITA. Siapkan Rp 14.000 untuk bayar di tempat.');
  });

  it('says nothing of an hour it does not know, and the COD collected once delivered', () => {
    expect(statusText('order.assigned', { ...status, deliveryEta: null })).not.toContain('Perkiraan');
    expect(statusText('order.delivered', { ...status, codCollectedRp: 12_000 })).toBe('Pesanan ord_1 sudah sampai. Total COD: Rp 12.000. Terima kasih sudah berbelanja!');
  });
});
