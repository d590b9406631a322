// Indonesian shopping-list parser: a customer's WhatsApp message → catalogue items with quantities in the item's
// unit, the address and landmark they wrote, and the parts nobody could read (kept for the coordinator). Pure.
import { canonicalWords, indexCatalogue, plainWord, type CatalogueEntry, type CatalogueIndex } from './catalogue-index.js';
import { bestItem, convertQuantity, type ItemMatch } from './item-matcher.js';
import {
  ABBREVIATIONS, ADDRESS_INTRODUCERS, CHATTER_WORDS, CORRECTION_WORDS, EACH_WORDS, JOIN_WORDS, LANDMARK_WORDS, STREET_WORDS, UNIT_WORDS,
  type UnitInfo,
} from './lexicon.js';
import { segmentTokens, type Quantity } from './quantity-tokens.js';
import { messageSegments, splitAtJoins, type Segment } from './segments.js';
import { correctTypo } from './typo.js';

export interface ParsedItem {
  readonly catalogueItemId: string;
  /** The catalogue item's name. */
  readonly name: string;
  /** In the catalogue item's unit. */
  readonly quantity: number;
  readonly unit: string;
  /** The customer asked for this many rupiah's worth (quantity = budget ÷ price). */
  readonly budgetRp: number | null;
  /** What the customer wrote for this item. */
  readonly text: string;
  /**
   * Other goods the written name matches exactly as well (`bawang` → bawang merah, bawang putih); empty when the name
   * is clear. The chosen item is the one this market orders most; without such history the choice is the coordinator's.
   */
  readonly candidates: readonly { readonly catalogueItemId: string; readonly name: string }[];
  /** `low`: no quantity written (1 assumed), a unit that does not convert, a corrected typo, or a name that several goods match equally and no order history decides: check it. */
  readonly confidence: 'high' | 'low';
}

export interface ParsedShoppingList {
  readonly items: ParsedItem[];
  readonly address: string | null;
  readonly landmark: string | null;
  /** Segments with content that matched no catalogue item (`jengkol kalau ada`, a question): shown to the coordinator. */
  readonly unparsed: string[];
}

/** A phrase of the message with its quantity (if any) before it is matched. */
interface Group {
  words: string[];
  quantity: Quantity | null;
  each: boolean;
  typo: boolean;
  text: string[];
}

/** Items of the current line still without a quantity: a later `masing-masing 1/4` gives them one. */
interface LineState {
  line: number;
  pending: ParsedItem[];
}

/** What naming a catalogue item is worth against leaving words unmatched (keeps `telur ayam` one item). */
const ITEM_BONUS = 0.5;

/** A parser bound to one market's catalogue (index built once). */
export class ShoppingListParser {
  private readonly index: CatalogueIndex;

  constructor(catalogue: readonly CatalogueEntry[]) {
    this.index = indexCatalogue(catalogue);
  }

  parse(text: string): ParsedShoppingList {
    const items: ParsedItem[] = [];
    const address: string[] = [];
    const landmark: string[] = [];
    const unparsed: string[] = [];
    let mode: 'address' | 'landmark' | null = null;
    const line: LineState = { line: -1, pending: [] };
    for (const segment of messageSegments(text, ABBREVIATIONS)) {
      if (segment.line !== line.line) {
        line.line = segment.line;
        line.pending = [];
      }
      const place = placeOf(segment.text);
      if (place) {
        if (place.kind === 'address') address.push(...(place.text ? [place.text] : []));
        else landmark.push(...(place.text ? [place.text] : []));
        mode = place.kind;
        continue;
      }
      const found = this.segmentItems(segment, items, line);
      if (found > 0) {
        mode = null;
      } else if (mode && !isChatter(segment.text)) {
        (mode === 'address' ? address : landmark).push(segment.text);
      } else if (!isChatter(segment.text)) {
        unparsed.push(segment.text);
      }
    }
    return { items, address: address.length ? address.join(', ') : null, landmark: landmark.length ? landmark.join(', ') : null, unparsed };
  }

  /** Adds the items of one segment to `items` (split at joining words, phrases grouped with their quantities); returns how many. */
  private segmentItems(segment: Segment, items: ParsedItem[], line: LineState): number {
    const before = items.length;
    const pending = line.pending;
    for (const part of splitAtJoins(segment.text, JOIN_WORDS)) {
      for (const group of this.groups(part)) {
        if (segment.question && !group.quantity) continue;
        const found = this.groupItems(group);
        if (found.length === 0) {
          // A quantity after a correction word (`2 ons… eh 1/4 aja`) replaces the previous item's.
          if (group.quantity && items.length > before && group.words.every((w) => CORRECTION_WORDS.has(w) || CHATTER_WORDS.has(w))) {
            const last = items.pop()!;
            items.push(...this.groupItems({ ...group, words: lastWords(last), text: [last.text, ...group.text] }));
          }
          continue;
        }
        if (group.each && group.quantity) {
          for (const earlier of pending.splice(0)) {
            items.splice(items.indexOf(earlier), 1, ...this.groupItems({ words: lastWords(earlier), quantity: group.quantity, each: false, typo: false, text: [earlier.text] }));
          }
        }
        if (!group.quantity) pending.push(...found);
        items.push(...found);
      }
    }
    return items.length - before;
  }

  /** Phrases of a part with their quantities: `tomat 1kg wortel 1/2kg` or `2 ikat kangkung 3 papan tempe`. */
  private groups(part: string): Group[] {
    const tokens = segmentTokens(part);
    const firstSignificant = tokens.find((t) => t.kind === 'quantity' || this.index.vocabulary.has(this.wordOf(t.text).words[0] ?? ''));
    const quantityFirst = firstSignificant?.kind === 'quantity';
    const groups: Group[] = [];
    let current: Group = { words: [], quantity: null, each: false, typo: false, text: [] };
    const close = () => {
      const previous = groups[groups.length - 1]?.quantity;
      // `2 ikat kangkung 6rb`: money alone after an item's quantity is its price.
      const priceNote = current.words.length === 0 && current.quantity && previous && isPriceNote(previous, current.quantity);
      if (!priceNote && (current.words.length > 0 || current.quantity)) groups.push(current);
      current = { words: [], quantity: null, each: false, typo: false, text: [] };
    };
    for (const token of tokens) {
      if (token.kind === 'quantity') {
        if (quantityFirst) {
          if (current.quantity && current.words.length === 0) current.quantity = token.quantity;
          else {
            close();
            current.quantity = token.quantity;
          }
        } else if (current.words.length === 0 && groups.length > 0 && groups[groups.length - 1].quantity) {
          // `tomat 1kg 12rb`, `bayam 3 iket x 3000 = 9000`: money after a quantity is its price, not a budget.
          if (isPriceNote(groups[groups.length - 1].quantity!, token.quantity)) continue;
          groups[groups.length - 1].quantity = token.quantity; // `beras 5kg 2 karung`: the later number wins
        } else if (current.words.length > 0 && current.words.every((w) => CORRECTION_WORDS.has(w) || CHATTER_WORDS.has(w)) && groups.length > 0) {
          groups[groups.length - 1].quantity = token.quantity;
          groups[groups.length - 1].text.push(...current.text);
          current = { words: [], quantity: null, each: false, typo: false, text: [] };
        } else {
          current.quantity = token.quantity;
          close();
        }
        continue;
      }
      current.text.push(token.text);
      if (EACH_WORDS.has(plainWord(token.text)) || EACH_WORDS.has(token.text)) {
        current.each = true;
        continue;
      }
      const { words, typo } = this.wordOf(token.text);
      current.words.push(...words);
      current.typo ||= typo;
    }
    close();
    return groups;
  }

  /** Canonical words of one written word: synonyms, `-nya` dropped, typos corrected against the catalogue. */
  private wordOf(raw: string): { words: readonly string[]; typo: boolean } {
    const words = canonicalWords(raw);
    const vocabulary = this.index.vocabulary;
    if (words.length > 1 || vocabulary.has(words[0]) || CHATTER_WORDS.has(words[0]) || UNIT_WORDS.has(words[0])) return { words, typo: false };
    const w = words[0];
    if (w.endsWith('nya') && vocabulary.has(w.slice(0, -3))) return { words: [w.slice(0, -3)], typo: false };
    if (!/^[a-z]+$/.test(w)) return { words, typo: false };
    const corrected = correctTypo(w, vocabulary);
    return corrected ? { words: [corrected], typo: true } : { words, typo: false };
  }

  /** The catalogue items a phrase names: the best split of its words into item names (most phrases name one). */
  private groupItems(group: Group): ParsedItem[] {
    const words = group.words;
    const n = words.length;
    const unit = group.quantity?.unit ?? null;
    // best[j]: the best value of covering words[0..j) with item spans or skipped words; from[j] how it got there.
    const best = new Float64Array(n + 1).fill(Number.NEGATIVE_INFINITY);
    const from: { start: number; match: ItemMatch | null }[] = new Array(n + 1);
    best[0] = 0;
    for (let j = 1; j <= n; j++) {
      // Skipping a word is free unless the catalogue knows it: a known word left unexplained costs one.
      best[j] = best[j - 1] - (this.index.vocabulary.has(words[j - 1]) ? 1 : 0);
      from[j] = { start: j - 1, match: null };
      for (let i = 0; i < j; i++) {
        const match = bestItem(new Set(words.slice(i, j)), unit, this.index);
        if (!match) continue;
        const value = best[i] + ITEM_BONUS + match.score;
        if (value >= best[j]) {
          best[j] = value;
          from[j] = { start: i, match };
        }
      }
    }
    const matches: ItemMatch[] = [];
    for (let j = n; j > 0; j = from[j].start) if (from[j].match) matches.unshift(from[j].match!);
    return matches.map((m) => {
      const item = this.item(m, group);
      matchedWords.set(item, m.item.words.filter((w) => words.includes(w)));
      return item;
    });
  }

  private item(match: ItemMatch, group: Group): ParsedItem {
    const entry = match.item.entry;
    const q = group.quantity;
    let quantity = 1;
    let budgetRp: number | null = null;
    if (q?.budgetRp && entry.priceRp > 0) {
      budgetRp = q.budgetRp;
      quantity = Math.round((q.budgetRp / entry.priceRp) * 1000) / 1000;
    } else if (q) {
      quantity = q.unit && match.unitFits ? convertQuantity(q.value, q.unit, match.item.unit) : q.value;
      quantity = Math.round(quantity * 1000) / 1000;
    }
    const undecided = match.alternatives.length > 0 && !match.byHistory;
    const sure = q !== null && (q.unit === null || match.unitFits) && !group.typo && quantity > 0 && !undecided;
    return {
      catalogueItemId: entry.id, name: entry.name, quantity, unit: entry.unit, budgetRp, text: group.text.join(' '),
      candidates: match.alternatives.map((a) => ({ catalogueItemId: a.entry.id, name: a.entry.name })), confidence: sure ? 'high' : 'low',
    };
  }
}

/** The words each parsed item was matched from, to match it again with another quantity. */
const matchedWords = new WeakMap<ParsedItem, readonly string[]>();

function lastWords(item: ParsedItem): string[] {
  return [...(matchedWords.get(item) ?? [])];
}

/** An amount of money written right after an item's quantity (`1/4 kg = rp 9.500`) is what it costs, not what to buy. */
function isPriceNote(previous: Quantity, next: Quantity): boolean {
  return next.budgetRp !== null && previous.budgetRp === null;
}

/** Only greetings, thanks and filler. */
function isChatter(text: string): boolean {
  return text.split(/\s+/).map((w) => plainWord(w.replace(/[^\p{L}\p{N}']/gu, ''))).filter(Boolean).every((w) => CHATTER_WORDS.has(w));
}

/** An address or landmark segment, with the part worth keeping. */
function placeOf(text: string): { kind: 'address' | 'landmark'; text: string } | null {
  const words = text.split(/\s+/);
  let k = 0;
  while (k < words.length && CHATTER_WORDS.has(words[k].replace(/[^a-z]/g, ''))) k++;
  const rest = words.slice(k).join(' ');
  const bare = (w: string) => w.replace(/[^a-z]/g, '');
  const street = words.findIndex((w, i) => STREET_WORDS.has(bare(w)) && (i === k || /\d/.test(text)) && i + 1 < words.length);
  const introducer = ADDRESS_INTRODUCERS.find((p) => rest === p || rest.startsWith(`${p} `));
  if (introducer || street >= 0) {
    const kept = street >= 0 ? words.slice(street).join(' ') : rest.slice(introducer!.length).trim();
    return { kind: 'address', text: street >= 0 || /\d/.test(kept) ? kept : '' };
  }
  const first = bare(words[k] ?? '');
  if (LANDMARK_WORDS.has(first)) {
    return { kind: 'landmark', text: first === 'patokan' ? words.slice(k + 1).join(' ') : rest };
  }
  return null;
}

/** Parses one message against a catalogue (builds the index each call; keep a ShoppingListParser for many). */
export function parseShoppingList(text: string, catalogue: readonly CatalogueEntry[]): ParsedShoppingList {
  return new ShoppingListParser(catalogue).parse(text);
}

export type { CatalogueEntry, UnitInfo };
