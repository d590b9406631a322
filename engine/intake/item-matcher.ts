// Scores a written item name (canonical words) against every catalogue item and picks the best: words in common,
// minus the item's words the customer left out (half for colour/taste modifiers), minus catalogue words the customer
// wrote that the item lacks, plus or minus whether the written unit converts to the item's unit. Ties go to the
// same good's cheaper stall, then to the item listed first (a stall's usual variety).
import { isModifier, type CatalogueIndex, type IndexedEntry } from './catalogue-index.js';
import type { UnitInfo } from './lexicon.js';

export interface ItemMatch {
  readonly item: IndexedEntry;
  readonly score: number;
  /** The customer's unit converts to the item's (false when they wrote none). */
  readonly unitFits: boolean;
}

const UNIT_FITS_BONUS = 0.75;
const UNIT_CLASH_PENALTY = 2.5;

/** Whether a quantity written in `written` can be expressed in the item's `unit`. */
export function unitsConvert(written: UnitInfo, unit: UnitInfo): boolean {
  if (written.family === 'exact' || unit.family === 'exact') return written.unit === unit.unit;
  return written.family === unit.family;
}

/** `quantity` written in `written`, in the item's unit. */
export function convertQuantity(quantity: number, written: UnitInfo, unit: UnitInfo): number {
  return written.family === 'exact' ? quantity : (quantity * written.factor) / unit.factor;
}

function missingPenalty(word: string): number {
  return isModifier(word) ? 0.5 : 1;
}

/** The item's name is recognisable from these words: its first word, or one only this item has (kembung, fillet). */
function recognisable(item: IndexedEntry, words: ReadonlySet<string>, index: CatalogueIndex): boolean {
  if (words.has(item.words[0])) return true;
  return item.words.some((w) => words.has(w) && !isModifier(w) && index.itemsWithWord.get(w) === 1);
}

/** Score of `item` for the written words (null when the name is not recognisable in them). */
export function scoreItem(item: IndexedEntry, words: ReadonlySet<string>, unit: UnitInfo | null, index: CatalogueIndex): ItemMatch | null {
  if (!recognisable(item, words, index)) return null;
  let score = 0;
  for (const w of item.words) score += words.has(w) ? 1 : -missingPenalty(w);
  const own = new Set(item.words);
  for (const w of words) if (!own.has(w) && index.vocabulary.has(w)) score -= missingPenalty(w);
  let unitFits = false;
  if (unit) {
    unitFits = unitsConvert(unit, item.unit);
    score += unitFits ? UNIT_FITS_BONUS : -UNIT_CLASH_PENALTY;
  }
  return { item, score, unitFits };
}

function better(a: ItemMatch, b: ItemMatch): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const sameGood = a.item.words.join(' ') === b.item.words.join(' ') && a.item.unit.unit === b.item.unit.unit;
  if (sameGood && a.item.entry.priceRp !== b.item.entry.priceRp) return a.item.entry.priceRp < b.item.entry.priceRp;
  return a.item.order < b.item.order;
}

/** The best catalogue item for these words and unit, or null when no name is recognisable. */
export function bestItem(words: ReadonlySet<string>, unit: UnitInfo | null, index: CatalogueIndex): ItemMatch | null {
  let best: ItemMatch | null = null;
  const seen = new Set<IndexedEntry>();
  for (const w of words) {
    for (const item of index.entriesWithWord.get(w) ?? []) {
      if (seen.has(item)) continue;
      seen.add(item);
      const match = scoreItem(item, words, unit, index);
      if (match && (best === null || better(match, best))) best = match;
    }
  }
  return best;
}
