// The planner report's words in Bahasa Indonesia (default, for a city trade office) and English: table rows, chart
// titles and axes, number formats and the glossary.

export type ReportLanguage = 'id' | 'en';
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['id', 'en'];

export interface ReportWords {
  readonly locale: string;
  readonly kpi: string;
  readonly summary: (p: { seed: number; orders: number; couriers: number; markets: number; routing: string; startHour: number; endHour: number; drainHours: number; windowMin: number }) => string;
  readonly rows: {
    readonly clickToDoor: string; readonly onTime: string; readonly servedUnserved: string; readonly cancelled: string; readonly exchanges: string;
    readonly courierKm: string; readonly courierHours: string; readonly ordersPerCourierHour: string; readonly utilisation: string;
    readonly timeInBag: string; readonly feeRevenue: string; readonly earningsPerHour: string; readonly earningsRatioCv: string;
    readonly costPerOrder: string; readonly plansOffersDeclines: string; readonly wallTime: string;
  };
  readonly charts: {
    readonly kpisAlt: string; readonly clickToDoorAlt: string; readonly utilisationAlt: string;
    readonly kpisTitle: string; readonly clickToDoorTitle: string; readonly utilisationTitle: string;
    readonly panels: readonly string[];
    readonly clickToDoorAxis: string; readonly hourAxis: string;
    readonly clampedNote: (values: string) => string;
  };
  readonly policies: (p: { coordinatorCallS: number; fifoBagSize: number }) => string;
  readonly glossaryTitle: string;
  readonly glossary: readonly (readonly [term: string, meaning: string])[];
  readonly otherLanguage: string;
}

const ID: ReportWords = {
  locale: 'id-ID',
  kpi: 'Ukuran',
  summary: (p) => `Benih acak ${p.seed}; ${p.orders} pesanan, ${p.couriers} kurir, ${p.markets} pasar; jalan: \`${p.routing}\`; `
    + `hari ${p.startHour}.00–${p.endHour}.00 + ${p.drainHours} jam penyelesaian. Janji antar: paling lama ${p.windowMin} menit.`,
  rows: {
    clickToDoor: 'pesan→antar rata-rata / p50 / p90 (menit)', onTime: 'tepat waktu (%)', servedUnserved: 'terlayani / tidak terlayani',
    cancelled: 'dibatalkan pelanggan karena menunggu', exchanges: 'penukaran (barang ditolak)', courierKm: 'km tempuh kurir',
    courierHours: 'jam kurir bertugas / sibuk', ordersPerCourierHour: 'pesanan per jam-kurir', utilisation: 'utilisasi (%)',
    timeInBag: 'lama barang di tas, p95 (menit)', feeRevenue: 'pendapatan ongkos kirim', earningsPerHour: 'penghasilan per jam: ojol / pangkalan',
    earningsRatioCv: 'rasio penghasilan (armada), CV (kurir)', costPerOrder: 'biaya kurir per pesanan', plansOffersDeclines: 'rencana / tawaran / penolakan',
    wallTime: 'waktu hitung (detik)',
  },
  charts: {
    kpisAlt: 'Ukuran per kebijakan', clickToDoorAlt: 'Sebaran waktu pesan→antar', utilisationAlt: 'Utilisasi kurir sepanjang hari',
    kpisTitle: 'ukuran per kebijakan', clickToDoorTitle: 'sebaran waktu pesan→antar', utilisationTitle: 'utilisasi kurir sepanjang hari',
    panels: ['Pesan→antar, rata-rata (menit)', 'Pesan→antar, p90 (menit)', 'Tepat waktu (%)', 'Pesanan terlayani', 'Km tempuh kurir',
      'Utilisasi (%)', 'Pesanan per jam-kurir', 'Biaya per pesanan (Rp)', 'Lama di tas, p95 (menit)'],
    clickToDoorAxis: 'menit dari pesan sampai diantar (kelompok 5 menit); sumbu tegak: % pesanan terlayani',
    hourAxis: 'jam setempat (WIB)',
    clampedNote: (values) => `di atas 100 % digambar pada 100 %: ${values}`,
  },
  policies: (p) => 'Kebijakan: `jejaring[-Ns]` = dispatcher dan solver produksi dengan jendela pengelompokan N detik; `nearest` = setiap pesanan '
    + 'langsung ke kurir bebas terdekat; `one-per-trip` = koordinator dengan telepon, kurir yang paling lama menunggu lebih dulu, satu pesanan per '
    + `perjalanan, ${p.coordinatorCallS} detik per panggilan; \`fifo[-Ns]\` = pesanan dikumpulkan selama N detik (bawaan 600) lalu dibagikan `
    + `menurut urutan masuk, ${p.fifoBagSize} per tas, lapak dulu lalu rumah sesuai urutan.`,
  glossaryTitle: 'Istilah',
  glossary: [
    ['pesan→antar (click-to-door)', 'menit dari pelanggan memesan sampai belanjaan diterima di pintu rumah.'],
    ['rata-rata, p50, p90', 'p50 (median): separuh pesanan tiba lebih cepat dari angka ini. p90: 9 dari 10 pesanan tiba paling lama '
      + 'sekian menit; sisanya (1 dari 10) lebih lama. p90 menunjukkan pengalaman pelanggan yang kurang beruntung, yang tidak terlihat dari rata-rata.'],
    ['tepat waktu', 'bagian dari semua pesanan (termasuk yang tidak terlayani) yang diantar dalam waktu yang dijanjikan.'],
    ['utilisasi', 'bagian dari jam bertugas kurir yang dipakai untuk mengambil dan mengantar; sisanya menunggu pesanan.'],
    ['pesanan per jam-kurir', 'pesanan terantar dibagi total jam bertugas semua kurir.'],
    ['lama di tas, p95', 'menit dari lapak pertama sampai pintu rumah; 95 dari 100 pesanan tidak lebih lama dari ini (kesegaran sayur, ikan, daging).'],
    ['rasio penghasilan', 'penghasilan per jam armada yang lebih tinggi dibagi armada yang lebih rendah (ojol dibanding ojek pangkalan). '
      + '1,00 = sama; 1,50 = satu armada mendapat 50 % lebih banyak per jam.'],
    ['CV (koefisien variasi)', 'simpangan baku penghasilan per jam antarkurir dibagi rata-ratanya, dalam persen. 0 % = semua kurir mendapat sama; '
      + 'makin tinggi, makin timpang pembagian pesanan.'],
    ['biaya kurir per pesanan', 'semua yang dibayarkan kepada kurir (bagian ongkos kirim dan upah per jam) dibagi pesanan terantar.'],
    ['penukaran', 'pelanggan menolak barang di pintu; kurir mengembalikannya ke lapak untuk ditukar.'],
  ],
  otherLanguage: 'English: [report.en.md](report.en.md)',
};

const EN: ReportWords = {
  locale: 'en-US',
  kpi: 'KPI',
  summary: (p) => `Seed ${p.seed}; ${p.orders} orders, ${p.couriers} couriers, ${p.markets} market(s); roads: \`${p.routing}\`; `
    + `day ${p.startHour}:00–${p.endHour}:00 + ${p.drainHours} h drain. Delivery promised within ${p.windowMin} min.`,
  rows: {
    clickToDoor: 'click-to-door mean / p50 / p90 (min)', onTime: 'on time (%)', servedUnserved: 'served / unserved',
    cancelled: 'cancelled by customers waiting', exchanges: 'exchanges (refused goods)', courierKm: 'courier km',
    courierHours: 'courier hours on shift / busy', ordersPerCourierHour: 'orders per courier-hour', utilisation: 'utilisation (%)',
    timeInBag: 'time in bag p95 (min)', feeRevenue: 'fee revenue', earningsPerHour: 'earnings per hour: ojol / pangkalan',
    earningsRatioCv: 'earnings ratio (fleets), CV (couriers)', costPerOrder: 'courier cost per order', plansOffersDeclines: 'plans / offers / declines',
    wallTime: 'wall time (s)',
  },
  charts: {
    kpisAlt: 'KPIs per policy', clickToDoorAlt: 'Click-to-door distribution', utilisationAlt: 'Utilisation over the day',
    kpisTitle: 'KPIs per policy', clickToDoorTitle: 'click-to-door distribution', utilisationTitle: 'courier utilisation over the day',
    panels: ['Click-to-door, mean (min)', 'Click-to-door, p90 (min)', 'On time (%)', 'Orders served', 'Courier km', 'Utilisation (%)',
      'Orders per courier-hour', 'Cost per order (Rp)', 'Time in bag, p95 (min)'],
    clickToDoorAxis: 'minutes from order to door (5-minute bins); vertical: % of served orders',
    hourAxis: 'local hour (WIB)',
    clampedNote: (values) => `above 100 % drawn at 100 %: ${values}`,
  },
  policies: (p) => 'Policies: `jejaring[-Ns]` = production dispatcher and solver with an N-second batching window; `nearest` = each order at once to '
    + 'the nearest free courier; `one-per-trip` = a coordinator with a phone, longest-waiting courier first, one order per trip, '
    + `${p.coordinatorCallS} s per call; \`fifo[-Ns]\` = orders collected for N s (default 600) and handed out in arrival order, `
    + `${p.fifoBagSize} per bag, stalls then homes in order.`,
  glossaryTitle: 'Glossary',
  glossary: [
    ['click-to-door', 'minutes from the customer\'s order to the shopping handed over at the door.'],
    ['mean, p50, p90', 'p50 (median): half of the orders arrive faster than this. p90: 9 in 10 orders arrive within this many minutes; the '
      + 'remaining 1 in 10 take longer. p90 shows what the less lucky customers live through, which the mean hides.'],
    ['on time', 'share of all orders (unserved ones included) delivered within the promised time.'],
    ['utilisation', 'share of the couriers\' on-shift hours spent picking up and delivering; the rest is waiting for orders.'],
    ['orders per courier-hour', 'delivered orders divided by all couriers\' on-shift hours.'],
    ['time in bag, p95', 'minutes from the first stall to the door; 95 in 100 orders take no longer (freshness of vegetables, fish, meat).'],
    ['earnings ratio', 'hourly earnings of the better-paid fleet divided by the other\'s (ojol against ojek pangkalan). 1.00 = equal; '
      + '1.50 = one fleet earns 50 % more per hour.'],
    ['CV (coefficient of variation)', 'standard deviation of hourly earnings across couriers divided by their mean, in percent. 0 % = every '
      + 'courier earns the same; the higher, the more unevenly orders are shared.'],
    ['courier cost per order', 'everything paid to couriers (fee shares and hourly wages) divided by delivered orders.'],
    ['exchange', 'the customer refuses goods at the door; the courier takes them back to the stall to be exchanged.'],
  ],
  otherLanguage: 'Bahasa Indonesia: [report.md](report.md)',
};

export const REPORT_WORDS: Readonly<Record<ReportLanguage, ReportWords>> = { id: ID, en: EN };
