// WhatsApp replies: a booked order's confirmation names the booked hour, and status updates the hour the courier is
// expected, in the market's own zone, and the new hour when it moved.
import { describe, expect, it } from 'vitest';
import { bookedHourText, confirmationText, statusText } from '../../../api/whatsapp/reply-texts.js';
import { statusReply, type StatusEventRow } from '../../../api/whatsapp/status-reply.js';

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

describe('a moved hour', () => {
  const status = { orderId: 'ord_1', codTotalRp: 14_000, codCollectedRp: null, deliveryEta: '2026-12-12T03:55:00.000Z', toldEta: '2026-12-12T03:35:00.000Z', timezone: 'Asia/Jakarta' };

  it('names the new hour and the one told before, with an apology when later and the good news when earlier', () => {
    expect(statusText('order.eta_changed', status)).toBe('Pesanan ord_1: perkiraan tiba berubah menjadi pukul 10.55 WIB (sebelumnya pukul 10.35 WIB). Mohon maaf atas keterlambatannya.');
    expect(statusText('order.eta_changed', { ...status, deliveryEta: '2026-12-12T03:20:00.000Z', timezone: 'Asia/Jayapura' }))
      .toBe('Pesanan ord_1: perkiraan tiba berubah menjadi pukul 12.20 WIT (sebelumnya pukul 12.35 WIT). Kurir kami akan tiba lebih cepat dari perkiraan.');
  });

  const row: StatusEventRow = {
    type: 'order.eta_changed', orderId: 'ord_1', orderStatus: 'delivering', payload: { eta: '2026-12-12T03:55:00.000Z', told_eta: '2026-12-12T03:35:00.000Z' },
    codTotalRp: 14_000, codCollectedRp: null, deliveryEta: '2026-12-12T03:56:00.000Z', timezone: 'Asia/Makassar',
  };

  it('tells the event\'s hour, which becomes the hour told', () => {
    expect(statusReply(row, '2026-12-12T03:35:00.000Z')).toEqual({
      body: 'Pesanan ord_1: perkiraan tiba berubah menjadi pukul 11.55 WITA (sebelumnya pukul 11.35 WITA). Mohon maaf atas keterlambatannya.',
      tellsIso: '2026-12-12T03:55:00.000Z',
    });
    expect(statusReply({ ...row, type: 'order.delivering' }, '2026-12-12T03:35:00.000Z')?.tellsIso).toBe('2026-12-12T03:56:00.000Z');
    expect(statusReply({ ...row, type: 'order.delivered', orderStatus: 'delivered', deliveryEta: null }, '2026-12-12T03:35:00.000Z')?.tellsIso).toBeNull();
  });

  it('says nothing once the door is done, before any hour was told, or when a newer hour went out since', () => {
    for (const orderStatus of ['delivered', 'cancelled', 'failed']) expect(statusReply({ ...row, orderStatus }, '2026-12-12T03:35:00.000Z')).toBeNull();
    expect(statusReply({ ...row, deliveryEta: null }, '2026-12-12T03:35:00.000Z')).toBeNull();
    expect(statusReply(row, null)).toBeNull();
    expect(statusReply(row, '2026-12-12T03:50:00.000Z')).toBeNull();
  });
});
