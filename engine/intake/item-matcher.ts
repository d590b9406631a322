// Scores a written item name (canonical words) against every catalogue item and picks the best: words in common,
// minus the item's words the customer left out (half for colour/taste modifiers), minus catalogue words the customer
// wrote that the item lacks, plus or minus whether the written unit converts to the item's unit. Ties between a good's
// stalls go to the cheaper one; ties between different goods (`bawang`: merah or putih) go to the good this market
// orders most, and the others are kept as alternatives so the coordinator sees the choice.
import { isModifier, type CatalogueIndex, type IndexedEntry } from './catalogue-index.js';
import type { UnitInfo } from './lexicon.js';

export interface ItemMatch {
  readonly item: IndexedEntry;
  readonly score: number;
  /** The customer's unit converts to the item's (false when they wrote none). */
  readonly unitFits: boolean;
  /** Other goods that match exactly as well (`bawang` → bawang putih beside bawang merah), most ordered first. */
  readonly alternatives: readonly IndexedEntry[];
  /** The market's order history settled the choice among the alternatives (false when there are none). */
  readonly byHistory: boolean;
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
  return { item, score, unitFits, alternatives: [], byHistory: false };
}

/** The same good (name and unit) at another stall. */
function sameGood(a: IndexedEntry, b: IndexedEntry): boolean {
  return a.words.join(' ') === b.words.join(' ') && a.unit.unit === b.unit.unit;
}

/** Negative when `a` is the better choice: score, then a good's cheaper stall, then the more ordered good, then catalogue order. */
function compare(a: ItemMatch, b: ItemMatch): number {
  if (a.score !== b.score) return b.score - a.score;
  if (sameGood(a.item, b.item) && a.item.entry.priceRp !== b.item.entry.priceRp) return a.item.entry.priceRp - b.item.entry.priceRp;
  if (a.item.timesOrdered !== b.item.timesOrdered) return b.item.timesOrdered - a.item.timesOrdered;
  return a.item.order - b.item.order;
}

/** The best catalogue item for these words and unit (with the other goods that tie with it), or null when no name is recognisable. */
export function bestItem(words: ReadonlySet<string>, unit: UnitInfo | null, index: CatalogueIndex): ItemMatch | null {
  let best: ItemMatch | null = null;
  let tied: ItemMatch[] = [];
  const seen = new Set<IndexedEntry>();
  for (const w of words) {
    for (const item of index.entriesWithWord.get(w) ?? []) {
      if (seen.has(item)) continue;
      seen.add(item);
      const match = scoreItem(item, words, unit, index);
      if (!match) continue;
      if (best === null || match.score > best.score) {
        best = match;
        tied = [match];
      } else if (match.score === best.score) {
        tied.push(match);
        if (compare(match, best) < 0) best = match;
      }
    }
  }
  if (best === null || tied.length === 1) return best;
  // One entry per other good (its best stall), most ordered first.
  const alternatives: IndexedEntry[] = [];
  for (const m of tied.sort(compare)) {
    if (!sameGood(m.item, best.item) && !alternatives.some((a) => sameGood(a, m.item))) alternatives.push(m.item);
  }
  const byHistory = alternatives.length > 0 && alternatives.every((a) => a.timesOrdered < best.item.timesOrdered);
  return { ...best, alternatives, byHistory };
}
