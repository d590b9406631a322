// The replies customers get on WhatsApp, in Bahasa Indonesia: the confirmation of their order (lines, delivery fee,
// COD total, the hour it is booked for) and its status (diproses and dikirim with the hour the courier is expected,
// a new hour when that hour moved, sampai with the COD total, dibatalkan or gagal).

const rupiah = (rp: number) => `Rp ${Math.round(rp).toLocaleString('id-ID')}`;

export interface ReplyOrder {
  readonly id: string;
  readonly items: readonly { name: string; quantity: number; unit: string; unit_price_rp: number }[];
  readonly fee_rp: number;
  readonly cod_total_rp: number;
  readonly booked_for?: string | null;
}

/** Indonesia's zones as customers name them. */
const ZONE_NAMES: Readonly<Record<string, string>> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** "Sabtu, 12 Desember pukul 10.00 WIB": a booked hour in the market's zone. */
export function bookedHourText(iso: string, timezone: string): string {
  const when = new Intl.DateTimeFormat('id-ID', { timeZone: timezone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `${when} ${ZONE_NAMES[timezone] ?? timezone}`;
}

/** "pukul 10.35 WIB": a time of today in the market's zone. */
export function clockText(iso: string, timezone: string): string {
  const when = new Intl.DateTimeFormat('id-ID', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `pukul ${when} ${ZONE_NAMES[timezone] ?? timezone}`;
}

export function confirmationText(order: ReplyOrder, timezone = 'Asia/Jakarta'): string {
  const lines = order.items.map((i) => `- ${i.name} ${String(i.quantity).replace('.', ',')} ${i.unit} × ${rupiah(i.unit_price_rp)}`);
  return [
    'Pesanan Anda sudah kami terima dan dicatat:',
    ...lines,
    ...(order.booked_for ? [`Dibelanjakan dan diantar mulai ${bookedHourText(order.booked_for, timezone)}`] : []),
    `Ongkos kirim: ${rupiah(order.fee_rp)}`,
    `Total bayar di tempat (COD): ${rupiah(order.cod_total_rp)}`,
    `No. pesanan: ${order.id}`,
    'Terima kasih 🙏',
  ].join('\n');
}

/** Order events customers hear about, and what they are told. */
export const STATUS_EVENTS = ['order.assigned', 'order.delivering', 'order.eta_changed', 'order.delivered', 'order.cancelled', 'order.failed'] as const;

/** What a status reply says of one order: its COD, and when its courier is expected at the door (ISO; null: unknown). */
export interface StatusOrder {
  readonly orderId: string;
  readonly codTotalRp: number;
  readonly codCollectedRp: number | null;
  readonly deliveryEta: string | null;
  /** The hour the customer was told before (ISO), for `order.eta_changed`. */
  readonly toldEta?: string | null;
  readonly timezone: string;
}

/** The expected hour moved from `toldIso` to `etaIso`: later with an apology, earlier with the good news. */
export function etaChangeText(orderId: string, etaIso: string, toldIso: string, timezone: string): string {
  const later = Date.parse(etaIso) > Date.parse(toldIso);
  const head = `Pesanan ${orderId}: perkiraan tiba berubah menjadi ${clockText(etaIso, timezone)} (sebelumnya ${clockText(toldIso, timezone)}).`;
  return `${head} ${later ? 'Mohon maaf atas keterlambatannya.' : 'Kurir kami akan tiba lebih cepat dari perkiraan.'}`;
}

export function statusText(type: string, order: StatusOrder): string {
  const { orderId, codTotalRp, codCollectedRp, deliveryEta, toldEta, timezone } = order;
  const expected = deliveryEta ? ` Perkiraan tiba ${clockText(deliveryEta, timezone)}.` : '';
  switch (type) {
    case 'order.assigned':
      return `Pesanan ${orderId} sedang diproses: kurir kami sedang berbelanja di pasar.${expected}`;
    case 'order.delivering':
      return `Pesanan ${orderId} sedang dikirim ke alamat Anda.${expected} Siapkan ${rupiah(codTotalRp)} untuk bayar di tempat.`;
    case 'order.eta_changed':
      return deliveryEta && toldEta ? etaChangeText(orderId, deliveryEta, toldEta, timezone) : `Pesanan ${orderId}: perkiraan tiba berubah.${expected}`;
    case 'order.delivered':
      return `Pesanan ${orderId} sudah sampai. Total COD: ${rupiah(codCollectedRp ?? codTotalRp)}. Terima kasih sudah berbelanja!`;
    case 'order.cancelled':
      return `Pesanan ${orderId} dibatalkan. Hubungi kami bila ada pertanyaan.`;
    default:
      return `Pesanan ${orderId} tidak dapat diantar. Koordinator pasar akan menghubungi Anda.`;
  }
}
