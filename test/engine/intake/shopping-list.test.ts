// The shopping-list parser on hand-written cases (units, fractions, number words, typos, several items per line,
// addresses) and on the fixture test set (both halves at or above 95 % of items right).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ShoppingListParser, readTestSet, scoreTestSet, type CatalogueEntry } from '../../../engine/index.js';

const CATALOGUE: CatalogueEntry[] = [
  { id: 'kangkung', name: 'Kangkung', unit: 'ikat', priceRp: 3000 },
  { id: 'tomat-a', name: 'Tomat', unit: 'kg', priceRp: 12000 },
  { id: 'tomat-b', name: 'Tomat', unit: 'kg', priceRp: 11000 },
  { id: 'cabai-keriting', name: 'Cabai merah keriting', unit: 'kg', priceRp: 45000 },
  { id: 'cabai-rawit', name: 'Cabai rawit merah', unit: 'kg', priceRp: 60000 },
  { id: 'cabai-hijau', name: 'Cabai rawit hijau', unit: 'kg', priceRp: 40000 },
  { id: 'bawang-merah', name: 'Bawang merah', unit: 'kg', priceRp: 38000 },
  { id: 'bawang-putih', name: 'Bawang putih', unit: 'kg', priceRp: 36000 },
  { id: 'telur-kg', name: 'Telur ayam', unit: 'kg', priceRp: 28000 },
  { id: 'telur-papan', name: 'Telur ayam', unit: 'papan', priceRp: 55000 },
  { id: 'ayam-ekor', name: 'Ayam potong utuh', unit: 'ekor', priceRp: 42000 },
  { id: 'teri', name: 'Ikan teri', unit: 'ons', priceRp: 12000 },
  { id: 'minyak', name: 'Minyak goreng', unit: 'liter', priceRp: 18000 },
  { id: 'kentang', name: 'Kentang', unit: 'kg', priceRp: 16000 },
  { id: 'daun-bawang', name: 'Daun bawang', unit: 'ikat', priceRp: 2000 },
  { id: 'seledri', name: 'Seledri', unit: 'ikat', priceRp: 2000 },
  { id: 'habis', name: 'Kentang merah', unit: 'kg', priceRp: 20000, available: false },
];
const parser = new ShoppingListParser(CATALOGUE);
const itemsOf = (text: string) => parser.parse(text).items.map((i) => [i.catalogueItemId, i.quantity]);

describe('shopping-list parser', () => {
  it('reads quantities before or after the name, fractions, number words and se-units', () => {
    expect(itemsOf('kangkung 2 ikat')).toEqual([['kangkung', 2]]);
    expect(itemsOf('2 iket kangkung')).toEqual([['kangkung', 2]]);
    expect(itemsOf('bawang merah ½')).toEqual([['bawang-merah', 0.5]]);
    expect(itemsOf('bawang putih 1/4 kg')).toEqual([['bawang-putih', 0.25]]);
    expect(itemsOf('kentang setengah kilo')).toEqual([['kentang', 0.5]]);
    expect(itemsOf('kentang sekilo')).toEqual([['kentang', 1]]);
    expect(itemsOf('kentang 1,5 kg')).toEqual([['kentang', 1.5]]);
    expect(itemsOf('kentang 1 1/2 kg')).toEqual([['kentang', 1.5]]);
    expect(itemsOf('dua ikat kangkung')).toEqual([['kangkung', 2]]);
  });

  it('converts ons and grams to the catalogue unit, and kg to ons for goods sold per ons', () => {
    expect(itemsOf('cabe rawit 1 ons')).toEqual([['cabai-rawit', 0.1]]);
    expect(itemsOf('bawang putih 250 gram')).toEqual([['bawang-putih', 0.25]]);
    expect(itemsOf('teri 1/4 kg')).toEqual([['teri', 2.5]]);
    expect(itemsOf('minyak 500 ml')).toEqual([['minyak', 0.5]]);
  });

  it('picks the item whose unit the customer wrote, else the cheaper stall of the same good', () => {
    expect(itemsOf('telor 1 papan')).toEqual([['telur-papan', 1]]);
    expect(itemsOf('telur 1 kg')).toEqual([['telur-kg', 1]]);
    expect(itemsOf('tomat 1 kg')).toEqual([['tomat-b', 1]]);
  });

  it('knows spellings and regional words, and corrects small typos', () => {
    expect(itemsOf('brambang 1/4')).toEqual([['bawang-merah', 0.25]]);
    expect(itemsOf('bamer 1/4, baput 1 ons')).toEqual([['bawang-merah', 0.25], ['bawang-putih', 0.1]]);
    expect(itemsOf('cabe ijo 1 ons')).toEqual([['cabai-hijau', 0.1]]);
    expect(itemsOf('cabe 1/4')).toEqual([['cabai-keriting', 0.25]]);
    expect(itemsOf('kentank 1 kg')).toEqual([['kentang', 1]]);
    expect(parser.parse('kentank 1 kg').items[0].confidence).toBe('low');
  });

  it('splits several items on one line and applies "masing-masing" to each', () => {
    expect(itemsOf('tomat 1kg kentang 1/2kg kangkung 2 ikat')).toEqual([['tomat-b', 1], ['kentang', 0.5], ['kangkung', 2]]);
    expect(itemsOf('bawang merah bawang putih masing2 1/4')).toEqual([['bawang-merah', 0.25], ['bawang-putih', 0.25]]);
    expect(itemsOf('bawang merah, bawang putih masing-masing 1 ons')).toEqual([['bawang-merah', 0.1], ['bawang-putih', 0.1]]);
    expect(itemsOf('daun bawang seledri masing2 1 ikat')).toEqual([['daun-bawang', 1], ['seledri', 1]]);
    expect(itemsOf('telur ayam 1 kg')).toEqual([['telur-kg', 1]]);
  });

  it('takes amounts of money as a budget and a corrected quantity as the last one', () => {
    const [cabe] = parser.parse('cabe rawit 6rb').items;
    expect(cabe).toMatchObject({ catalogueItemId: 'cabai-rawit', budgetRp: 6000, quantity: 0.1 });
    expect(parser.parse('minyak rp 9.000').items[0]).toMatchObject({ catalogueItemId: 'minyak', budgetRp: 9000, quantity: 0.5 });
    expect(itemsOf('kentang 2 ons... eh 1/2 kg aja')).toEqual([['kentang', 0.5]]);
  });

  it('ignores greetings and thanks, keeps the address and landmark, and never matches items out of stock', () => {
    const parsed = parser.parse('Assalamualaikum bu 🙏\nkentang 1 kg\nAlamat: Jl. Mawar no. 5 RT 02, patokan depan masjid\nmakasih');
    expect(parsed.items.map((i) => i.catalogueItemId)).toEqual(['kentang']);
    expect(parsed.address).toBe('jl. mawar no. 5 rt 02');
    expect(parsed.landmark).toBe('depan masjid');
    expect(parsed.unparsed).toEqual([]);
    expect(itemsOf('kentang merah 1 kg')).toEqual([['kentang', 1]]);
  });

  it('leaves what it cannot read for the coordinator, and questions without a quantity are not orders', () => {
    const parsed = parser.parse('jengkol 1/2 kg kalau ada\nada cabe rawit?\nkangkung 1 ikat');
    expect(parsed.items.map((i) => i.catalogueItemId)).toEqual(['kangkung']);
    expect(parsed.unparsed).toEqual(['jengkol 1/2 kg kalau ada', 'ada cabe rawit']);
    expect(parser.parse('ok bu makasih ya').items).toEqual([]);
    expect(parser.parse('ok bu makasih ya').unparsed).toEqual([]);
  });

  it('flags items without a written quantity (1 assumed) and units that do not convert', () => {
    expect(parser.parse('kangkung').items[0]).toMatchObject({ quantity: 1, confidence: 'low' });
    expect(parser.parse('kangkung 2 kg').items[0]).toMatchObject({ catalogueItemId: 'kangkung', quantity: 2, confidence: 'low' });
  });

  it('reads Javanese and Sundanese words, a whole number and a half, and se-, sa- and sak units written glued or apart', () => {
    expect(itemsOf('endog sakilo')).toEqual([['telur-kg', 1]]);
    expect(itemsOf('bawang bodas saons, bawang beureum saparapat')).toEqual([['bawang-putih', 0.1], ['bawang-merah', 0.25]]);
    expect(itemsOf('kangkung loro karo seledri siji')).toEqual([['kangkung', 2], ['seledri', 1]]);
    expect(itemsOf('teri sak ons')).toEqual([['teri', 1]]);
    expect(itemsOf('kentang se kilo')).toEqual([['kentang', 1]]);
    expect(itemsOf('kentang sekilo setengah')).toEqual([['kentang', 1.5]]);
    expect(itemsOf('kentang satu setengah kilo')).toEqual([['kentang', 1.5]]);
    expect(itemsOf('2 setengah kg kentang')).toEqual([['kentang', 2.5]]);
    expect(itemsOf('kentang setengah kilo')).toEqual([['kentang', 0.5]]);
  });

  it('money written after a quantity is the price, not a budget; money alone is still a budget', () => {
    const parsed = (text: string) => parser.parse(text).items.map((i) => [i.catalogueItemId, i.quantity, i.budgetRp]);
    expect(parsed('kentang 1kg 17rb')).toEqual([['kentang', 1, null]]);
    expect(parsed('kentang 2 kg x 16000 = 32000')).toEqual([['kentang', 2, null]]);
    expect(parsed('bawang putih 1/4 kg = Rp 9.500')).toEqual([['bawang-putih', 0.25, null]]);
    expect(parsed('2 ikat kangkung 6rb')).toEqual([['kangkung', 2, null]]);
    expect(parsed('kentang 8rb')).toEqual([['kentang', 0.5, 8000]]);
    expect(parsed('2 ikat kangkung, 8rb kentang')).toEqual([['kangkung', 2, null], ['kentang', 0.5, 8000]]);
  });

  it('a name several goods match equally goes to the good this market orders most; without history the line is flagged with its candidates', () => {
    const ids = (text: string, p = parser) => p.parse(text).items.map((i) => [i.catalogueItemId, ...i.candidates.map((c) => c.catalogueItemId)].sort());
    // No history: whichever is listed, the item is low confidence and names every good it could be.
    expect(ids('bawang 1/4 kg')).toEqual([['bawang-merah', 'bawang-putih']]);
    expect(parser.parse('bawang 1/4 kg').items[0]).toMatchObject({ quantity: 0.25, confidence: 'low' });
    expect(ids('cabe 1/4')).toEqual([['cabai-hijau', 'cabai-keriting', 'cabai-rawit']]);
    expect(parser.parse('bawang merah 1/4 kg').items[0]).toMatchObject({ catalogueItemId: 'bawang-merah', candidates: [], confidence: 'high' });
    // History decides, whatever the catalogue order (names reversed alphabetically too); a good's stalls add up.
    const history: Record<string, number> = { 'bawang-putih': 3, 'bawang-merah': 2, 'bawang-merah-2': 2, 'cabai-hijau': 9 };
    const withHistory = [...CATALOGUE, { id: 'bawang-merah-2', name: 'Bawang merah', unit: 'kg', priceRp: 39000 }].map((e) => ({ ...e, timesOrdered: history[e.id] ?? 0 }));
    for (const list of [withHistory, [...withHistory].reverse()]) {
      const p = new ShoppingListParser(list);
      expect(p.parse('bawang 1/4 kg').items[0]).toMatchObject({ catalogueItemId: 'bawang-merah', quantity: 0.25, confidence: 'high', candidates: [{ catalogueItemId: 'bawang-putih', name: 'Bawang putih' }] });
      expect(p.parse('cabe 1 ons').items[0]).toMatchObject({ catalogueItemId: 'cabai-hijau', confidence: 'high' });
    }
    // Equal history is no decision.
    const even = new ShoppingListParser(CATALOGUE.map((e) => ({ ...e, timesOrdered: 4 })));
    expect(even.parse('bawang 1/4 kg').items[0].confidence).toBe('low');
  });
});

describe('shopping-list test set (fixtures/intake)', () => {
  const catalogue = JSON.parse(readFileSync(new URL('../../../fixtures/intake/catalogue.json', import.meta.url), 'utf8')) as {
    stalls: { items: [string, string, string, number, number][] }[];
  };
  const entries = catalogue.stalls.flatMap((s) => s.items.map(([id, name, unit, priceRp]) => ({ id, name, unit, priceRp })));
  const fixtureParser = new ShoppingListParser(entries);
  for (const half of ['dev', 'holdout']) {
    it(`${half}: at least 100 messages, ≥ 95 % of items with the right catalogue item and quantity`, () => {
      const messages = readTestSet(readFileSync(new URL(`../../../fixtures/intake/messages-${half}.txt`, import.meta.url), 'utf8'));
      expect(messages.length).toBeGreaterThanOrEqual(100);
      const score = scoreTestSet(messages, messages.map((m) => fixtureParser.parse(m.text)));
      expect(score.itemAccuracyPct, JSON.stringify(score.misses)).toBeGreaterThanOrEqual(95);
      expect(score.fields.item.precisionPct).toBeGreaterThanOrEqual(95);
    });
  }
  it('styles (voice-note transcripts, very short, Javanese and Sundanese words, prices written in): ≥ 95 % of items right', () => {
    const messages = readTestSet(readFileSync(new URL('../../../fixtures/intake/messages-styles.txt', import.meta.url), 'utf8'));
    expect(messages.length).toBeGreaterThanOrEqual(30);
    const score = scoreTestSet(messages, messages.map((m) => fixtureParser.parse(m.text)));
    expect(score.itemAccuracyPct, JSON.stringify(score.misses)).toBeGreaterThanOrEqual(95);
  });
});
