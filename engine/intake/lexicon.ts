// Indonesian shopping-list vocabulary: units and their conversions, number words, spellings and synonyms of market
// goods, the words of greetings and chatter, and the words that open an address or a landmark. Data only.

/** A unit family: quantities convert within a family by `factor` (size of the unit in the family's base unit). */
export type UnitFamily = 'mass' | 'volume' | 'count' | 'exact';

export interface UnitInfo {
  readonly unit: string;
  readonly family: UnitFamily;
  /** Size in the family's base unit (mass: kg, volume: litre, count: piece); 1 for exact units. */
  readonly factor: number;
}

const UNIT_TABLE: readonly [string, UnitFamily, number, readonly string[]][] = [
  ['kg', 'mass', 1, ['kg', 'kgs', 'kilo', 'kilogram', 'klo', 'kilo2']],
  ['ons', 'mass', 0.1, ['ons', 'on', 'ones']],
  ['gram', 'mass', 0.001, ['gram', 'gr', 'grm', 'g', 'grams']],
  ['liter', 'volume', 1, ['liter', 'litre', 'ltr', 'lt', 'l', 'literan']],
  ['ml', 'volume', 0.001, ['ml', 'mili']],
  ['buah', 'count', 1, ['buah', 'bh', 'pcs', 'pc', 'biji', 'bj', 'bji']],
  ['butir', 'count', 1, ['butir', 'btr', 'btir', 'butr']],
  ['ikat', 'exact', 1, ['ikat', 'iket', 'ikt', 'ikatan']],
  ['bungkus', 'exact', 1, ['bungkus', 'bks', 'bgks', 'bngks', 'bungkis', 'pack', 'pak', 'sachet', 'saset', 'sachet2']],
  ['papan', 'exact', 1, ['papan', 'ppn', 'tray', 'krat']],
  ['ekor', 'exact', 1, ['ekor', 'ekr', 'ekoran']],
  ['sisir', 'exact', 1, ['sisir', 'ssr']],
  ['botol', 'exact', 1, ['botol', 'btl']],
  ['pasang', 'exact', 1, ['pasang', 'psg']],
  ['kotak', 'exact', 1, ['kotak', 'box', 'dus']],
  ['karung', 'exact', 1, ['karung', 'sak']],
  ['batang', 'exact', 1, ['batang', 'btg']],
];

/** Every written form of a unit → the unit. */
export const UNIT_WORDS: ReadonlyMap<string, UnitInfo> = new Map(
  UNIT_TABLE.flatMap(([unit, family, factor, forms]) => forms.map((form) => [form, { unit, family, factor }] as const)),
);

/** Units as catalogues name them (a catalogue may write `kilo` or `pcs`): the canonical unit. */
export function unitInfo(unit: string): UnitInfo {
  return UNIT_WORDS.get(unit.toLowerCase()) ?? { unit: unit.toLowerCase(), family: 'exact', factor: 1 };
}

/** Number words, including the fractions customers write out. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['satu', 1], ['dua', 2], ['tiga', 3], ['empat', 4], ['lima', 5], ['enam', 6], ['tujuh', 7], ['delapan', 8],
  ['sembilan', 9], ['sepuluh', 10], ['sebelas', 11], ['selusin', 12], ['setengah', 0.5], ['stengah', 0.5],
  ['stgh', 0.5], ['setgh', 0.5], ['tengah', 0.5], ['seperempat', 0.25], ['sprempat', 0.25], ['seprapat', 0.25],
  ['separo', 0.5], ['separuh', 0.5],
  // Javanese and Sundanese: siji/hiji 1 … sepuluh/sapuluh 10, setengah/satengah ½, seprapat/saparapat ¼.
  ['siji', 1], ['hiji', 1], ['loro', 2], ['telu', 3], ['tilu', 3], ['papat', 4], ['opat', 4], ['limo', 5], ['enem', 6], ['genep', 6],
  ['pitu', 7], ['wolu', 8], ['dalapan', 8], ['songo', 9], ['salapan', 9], ['sapuluh', 10], ['satengah', 0.5], ['saparapat', 0.25],
]);

/** Half words: after a whole number (`satu setengah kilo`, `sekilo setengah`) they add ½ to it. */
export const HALF_WORDS: ReadonlySet<string> = new Set(['setengah', 'stengah', 'stgh', 'setgh', 'satengah']);

/** `se`/`sa`/`sak` before a unit: one of it (`se kilo`, `sak ons`; glued: `sekilo`, `sakilo`). */
export const ONE_PREFIXES: readonly string[] = ['sak', 'se', 'sa'];

/** Words that mean "an amount of money" after a number: `5rb`, `10 ribu`, `5k`. */
export const THOUSAND_WORDS: ReadonlySet<string> = new Set(['rb', 'ribu', 'rebu', 'rbu', 'k', 'rbn', 'ribuan']);

/** Spellings, regional words and abbreviations → the canonical word(s) catalogues use. */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map([
  ['cabe', ['cabai']], ['cabay', ['cabai']], ['cabé', ['cabai']], ['lombok', ['cabai']], ['lombo', ['cabai']], ['cengek', ['cabai', 'rawit']],
  ['ijo', ['hijau']], ['ijau', ['hijau']],
  ['telor', ['telur']], ['tlr', ['telur']], ['tlur', ['telur']],
  ['toge', ['tauge']], ['taoge', ['tauge']], ['kecambah', ['tauge']], ['togeh', ['tauge']],
  ['bayem', ['bayam']], ['kubis', ['kol']], ['mentimun', ['timun']], ['ketimun', ['timun']], ['terung', ['terong']],
  ['sereh', ['serai']], ['sere', ['serai']], ['laos', ['lengkuas']], ['kunir', ['kunyit']],
  ['pete', ['petai']], ['petei', ['petai']], ['bombai', ['bombay']],
  ['brambang', ['bawang', 'merah']], ['bamer', ['bawang', 'merah']], ['bawmer', ['bawang', 'merah']], ['bwmerah', ['bawang', 'merah']],
  ['baput', ['bawang', 'putih']], ['bawput', ['bawang', 'putih']], ['bwput', ['bawang', 'putih']],
  ['bwg', ['bawang']], ['bwng', ['bawang']], ['bawg', ['bawang']],
  ['indomie', ['mie']], ['supermi', ['mie']], ['sarimi', ['mie']], ['mi', ['mie']], ['mie2', ['mie']],
  ['migor', ['minyak', 'goreng']], ['alpokat', ['alpukat']], ['avokad', ['alpukat']], ['papaya', ['pepaya']],
  ['sledri', ['seledri']], ['saledri', ['seledri']], ['tempeh', ['tempe']], ['kates', ['pepaya']],
  ['ampla', ['ampela']], ['ampel', ['ampela']], ['atiampela', ['ati', 'ampela']], ['teri2', ['teri']],
  // Javanese and Sundanese names of common goods.
  ['endog', ['telur']], ['endhog', ['telur']], ['hayam', ['ayam']], ['kobis', ['kol']], ['gereh', ['ikan', 'asin']], ['bonteng', ['timun']],
  ['beureum', ['merah']], ['bodas', ['putih']], ['koneng', ['kuning']], ['waluh', ['labu']],
]);

/** Colour and taste words: a name missing one of them is a variety, not another good (`cabe` is still cabai merah). */
export const MODIFIER_WORDS: ReadonlySet<string> = new Set(['merah', 'hijau', 'putih', 'kuning', 'ungu', 'manis', 'segar', 'hitam', 'coklat']);

/** Words that correct the quantity just written (`2 ons… eh 1/4 aja`). */
export const CORRECTION_WORDS: ReadonlySet<string> = new Set(['eh', 'maksudnya', 'maksud', 'ralat', 'deh', 'aja', 'saja', 'jadi', 'jd', 'ganti']);

/** Words that join items in one line (split there). */
export const JOIN_WORDS: ReadonlySet<string> = new Set(['dan', 'sama', 'sm', 'serta', 'plus', 'trus', 'terus', 'lalu', 'juga', 'karo', 'kaliyan', 'jeung', 'sareng']);

/** "Each": the quantity that follows applies to every item named before it. */
export const EACH_WORDS: ReadonlySet<string> = new Set(['masing', 'msg', 'masing2', 'msg2', 'tiap', '@']);

/** Greetings, politeness, thanks and filler: a segment made only of these is chatter. */
export const CHATTER_WORDS: ReadonlySet<string> = new Set([
  'assalamualaikum', 'assalamu', 'alaikum', 'assalamu\'alaikum', 'ass', 'asw', 'wr', 'wb', 'wassalam', 'waalaikumsalam', 'salam', 'selamat',
  'pagi', 'siang', 'sore', 'malam', 'halo', 'hallo', 'hai', 'hi', 'permisi', 'maaf', 'mengganggu', 'ganggu', 'mohon', 'dibantu', 'bantu',
  'terima', 'kasih', 'makasih', 'makasi', 'mksh', 'trims', 'trimakasih', 'terimakasih', 'tks', 'thx', 'thanks', 'tq', 'nuhun', 'suwun',
  'matur', 'nuwun', 'maturnuwun', 'jazakillah', 'jazakallah', 'banyak', 'ya', 'yaa', 'yah', 'ok', 'oke', 'okey', 'siap', 'baik',
  'bu', 'ibu', 'buk', 'mbak', 'mba', 'mbk', 'kak', 'ka', 'kakak', 'mas', 'pak', 'bapak', 'bang', 'abang', 'min', 'admin', 'haji', 'hj',
  'mau', 'mo', 'pesan', 'pesen', 'order', 'pesanan', 'pesenan', 'beli', 'belikan', 'dibelikan', 'belanja', 'tolong', 'minta', 'saya', 'aku',
  'sy', 'dong', 'deh', 'aja', 'saja', 'ini', 'itu', 'yg', 'yang', 'nya', 'ditunggu', 'tunggu', 'lagi', 'dulu', 'nanti', 'besok', 'hari',
  'buat', 'untuk', 'utk', 'kalau', 'kalo', 'klo', 'ada', 'gak', 'ga', 'nggak', 'tidak', 'gpp', 'udah', 'sudah', 'wassalamualaikum',
  'nggih', 'ngih', 'njih', 'nyuwun', 'tulung', 'tumbas', 'tumbaske', 'tumbasne', 'tumbaskan', 'sampun', 'mbok', 'lho', 'kulo', 'kula',
  'abdi', 'bade', 'mesen', 'hatur', 'punten', 'ceu', 'euceu', 'akang', 'kang', 'neng', 'nya', 'atuh', 'wae',
  'seperti', 'biasa', 'kemarin', 'kayak', 'kaya', 'sama', 'lalu', 'minggu', 'dipilihkan', 'pilihkan', 'bagus', 'segar', 'seger', 'ke', 'di',
  'dan', 'jangan', 'lupa', 'dgn', 'dengan', 'juga', 'semua', 'berikut', 'list', 'daftar', 'sebagai', 'berikut:', 'kepada', 'yth',
]);

/** Words that open an address (`alamat`, `kirim ke`) and street words that start one (`jl.`, `gg`, `perum`, `rt`). */
export const ADDRESS_INTRODUCERS: readonly string[] = ['alamat', 'almt', 'alamatnya', 'kirim ke', 'dikirim ke', 'antar ke', 'diantar ke', 'anterin ke', 'dianter ke', 'anter ke', 'tolong kirim ke'];
export const STREET_WORDS: ReadonlySet<string> = new Set(['jl', 'jln', 'jalan', 'gg', 'gang', 'komplek', 'kompleks', 'komp', 'perum', 'perumahan', 'blok', 'rt', 'apartemen', 'apt', 'kampung', 'kp', 'cluster', 'ruko']);

/** Words that open a landmark (`patokan`, `dekat`, `depan`, `rumah …`). */
export const LANDMARK_WORDS: ReadonlySet<string> = new Set(['patokan', 'dekat', 'dkt', 'depan', 'dpn', 'sebelah', 'samping', 'belakang', 'blkg', 'seberang', 'rumah', 'pojok', 'pas']);

/** Abbreviations written with a full stop that does not end a sentence (`jl.`, `no.`, `gg.`). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(['jl', 'jln', 'gg', 'no', 'h', 'hj', 'rt', 'rw', 'kel', 'kec', 'bu', 'pak', 'dr', 'st', 'blk', 'komp', 'kp', 'ds', 'a.n', 'an', 'rp', 'ny', 'tn', 'sdr']);
