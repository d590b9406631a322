// The catalogue as the shopping-list parser searches it: each item's name in canonical words (synonyms applied), how
// many items share each word, and the vocabulary that misspelt words are corrected against. Built once per catalogue.
import { MODIFIER_WORDS, SYNONYMS, unitInfo, type UnitInfo } from './lexicon.js';

/** One sellable line of a stall's price board, as the parser needs it. */
export interface CatalogueEntry {
  readonly id: string;
  readonly name: string;
  /** The unit the price is per (kg, ikat, papan, …). */
  readonly unit: string;
  readonly priceRp: number;
  /** Items not available today are never matched. */
  readonly available?: boolean;
  /** How often this market's orders took the item: among goods a written name matches equally well, the most ordered wins. */
  readonly timesOrdered?: number;
}

export interface IndexedEntry {
  readonly entry: CatalogueEntry;
  /** Canonical words of the name (lower case, synonyms applied, no duplicates). */
  readonly words: readonly string[];
  readonly unit: UnitInfo;
  /** Position in the catalogue as given: the last tie-break between a good's stalls at one price. */
  readonly order: number;
  /** How often the market's orders took this good (same name and unit, any stall; 0 when unknown). */
  readonly timesOrdered: number;
}

export interface CatalogueIndex {
  readonly entries: readonly IndexedEntry[];
  /** Word → how many items' names contain it. */
  readonly itemsWithWord: ReadonlyMap<string, number>;
  /** Every word of every name (typo correction is against these). */
  readonly vocabulary: ReadonlySet<string>;
  /** Word → the items whose names contain it (only those can match a phrase with that word). */
  readonly entriesWithWord: ReadonlyMap<string, readonly IndexedEntry[]>;
}

/** Lower case, `cumi-cumi`/`cumi2` → `cumi`, diacritics dropped. */
export function plainWord(word: string): string {
  const w = word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const dashed = /^([a-z]+)-\1$/.exec(w);
  if (dashed) return dashed[1];
  const doubled = /^([a-z]{3,})2$/.exec(w);
  return doubled ? doubled[1] : w;
}

/** A word's canonical spelling(s): synonyms and regional words replaced. */
export function canonicalWords(word: string): readonly string[] {
  const plain = plainWord(word);
  return SYNONYMS.get(plain) ?? [plain];
}

/** Canonical words of a catalogue name. */
export function nameWords(name: string): string[] {
  const words = name.toLowerCase().split(/[^a-z0-9\u00c0-\u024f-]+/).filter(Boolean).flatMap(canonicalWords);
  return [...new Set(words)];
}

export function isModifier(word: string): boolean {
  return MODIFIER_WORDS.has(word);
}

/** Indexes the available items of a market's catalogues. */
export function indexCatalogue(items: readonly CatalogueEntry[]): CatalogueIndex {
  const entries: IndexedEntry[] = [];
  const itemsWithWord = new Map<string, number>();
  const entriesWithWord = new Map<string, IndexedEntry[]>();
  const goodKey = (words: readonly string[], unit: UnitInfo) => `${words.join(' ')}|${unit.unit}`;
  const ordered = new Map<string, number>();
  const named = items.map((entry) => ({ entry, words: nameWords(entry.name), unit: unitInfo(entry.unit) }));
  for (const { entry, words, unit } of named) {
    if (entry.available !== false) ordered.set(goodKey(words, unit), (ordered.get(goodKey(words, unit)) ?? 0) + (entry.timesOrdered ?? 0));
  }
  named.forEach(({ entry, words, unit }, order) => {
    if (entry.available === false) return;
    if (words.length === 0) return;
    const indexed = { entry, words, unit, order, timesOrdered: ordered.get(goodKey(words, unit)) ?? 0 };
    entries.push(indexed);
    for (const w of words) {
      itemsWithWord.set(w, (itemsWithWord.get(w) ?? 0) + 1);
      entriesWithWord.set(w, [...(entriesWithWord.get(w) ?? []), indexed]);
    }
  });
  return { entries, itemsWithWord, vocabulary: new Set(itemsWithWord.keys()), entriesWithWord };
}
