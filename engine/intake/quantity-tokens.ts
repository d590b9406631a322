// Turns one segment of a shopping list into words and quantities: numbers (1, 1,5, 1/2, ½, 1 1/2), number words
// (dua, setengah, seperempat, Javanese loro, Sundanese sapuluh), `se`-units (sekilo, seikat, sakilo, sak ons), a half
// after a whole number (satu setengah kilo, sekilo setengah), a unit after a number (2 kg, 2kg, 3 iket), amounts of
// money (5rb, 10 ribu, rp 5.000) and multipliers (x2).
import { HALF_WORDS, NUMBER_WORDS, ONE_PREFIXES, THOUSAND_WORDS, UNIT_WORDS, type UnitInfo } from './lexicon.js';

export interface Quantity {
  readonly value: number;
  /** The unit written after the number, or null. */
  readonly unit: UnitInfo | null;
  /** The customer asked for this many rupiah's worth instead of a quantity. */
  readonly budgetRp: number | null;
}

export type SegmentToken = { readonly kind: 'word'; readonly text: string } | { readonly kind: 'quantity'; readonly quantity: Quantity };

/** Budgets below this are read as quantities (`beras 5`), from it on as rupiah (`cabe 5000`). */
const MIN_BARE_BUDGET_RP = 500;

/** A written number: `2`, `1,5`, `1.5`, `10.000`, `1/4`; NaN when it is not one. */
export function numberOf(text: string): number {
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replaceAll('.', ''));
  if (/^\d+([.,]\d+)?$/.test(text)) return Number(text.replace(',', '.'));
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  if (fraction && Number(fraction[2]) > 0) return Number(fraction[1]) / Number(fraction[2]);
  return Number.NaN;
}

/** Splits `2kg`, `1/2kg`, `10rb`, `x2`, `rp5000` into their number and word parts. */
function splitGlued(raw: string): string[] {
  const numberFirst = /^(\d+(?:[.,]\d+)*(?:\/\d+)?)([a-z]+)$/.exec(raw);
  if (numberFirst) return [numberFirst[1], numberFirst[2]];
  const wordFirst = /^(x|rp)(\d+(?:[.,]\d+)*)$/.exec(raw);
  if (wordFirst) return [wordFirst[1], wordFirst[2]];
  return [raw];
}

/** `sekilo`, `seikat`, `sebungkus`, `sakilo`: one of that unit. */
function seUnit(word: string): UnitInfo | null {
  for (const prefix of ONE_PREFIXES) {
    if (!word.startsWith(prefix) || word.length < prefix.length + 2) continue;
    const unit = UNIT_WORDS.get(word.slice(prefix.length));
    if (unit) return unit;
  }
  return null;
}

/** The raw pieces of a segment: numbers kept whole (`1,5`, `1/2`, `10.000`), punctuation around words dropped. */
export function rawPieces(segment: string): string[] {
  return segment
    .split(/\s+/)
    .map((p) => p.replace(/^[^a-z0-9@]+|[^a-z0-9]+$/g, ''))
    .filter(Boolean)
    .flatMap(splitGlued);
}

/** Words and quantities of a segment, in order. */
export function segmentTokens(segment: string): SegmentToken[] {
  const pieces = rawPieces(segment);
  const tokens: SegmentToken[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    let value = numberOf(piece);
    if (Number.isNaN(value)) value = NUMBER_WORDS.get(piece) ?? Number.NaN;
    if (piece === 'rp' && i + 1 < pieces.length && !Number.isNaN(numberOf(pieces[i + 1]))) {
      let amount = numberOf(pieces[++i]);
      if (i + 1 < pieces.length && THOUSAND_WORDS.has(pieces[i + 1])) { amount *= 1000; i++; }
      tokens.push({ kind: 'quantity', quantity: { value: amount, unit: null, budgetRp: amount } });
      continue;
    }
    if (piece === 'x' && i + 1 < pieces.length && !Number.isNaN(numberOf(pieces[i + 1]))) continue;
    // `sekilo`, or `se kilo` / `sak ons` written apart; `sekilo setengah` is one and a half.
    const se = seUnit(piece) ?? (ONE_PREFIXES.includes(piece) && i + 1 < pieces.length && UNIT_WORDS.has(pieces[i + 1]) ? UNIT_WORDS.get(pieces[++i])! : null);
    if (se) {
      const half = i + 1 < pieces.length && HALF_WORDS.has(pieces[i + 1]);
      if (half) i++;
      tokens.push({ kind: 'quantity', quantity: { value: half ? 1.5 : 1, unit: se, budgetRp: null } });
      continue;
    }
    if (Number.isNaN(value)) {
      tokens.push({ kind: 'word', text: piece });
      continue;
    }
    // A whole number followed by a fraction: 1 1/2.
    if (Number.isInteger(value) && i + 1 < pieces.length && /^\d+\/\d+$/.test(pieces[i + 1])) value += numberOf(pieces[++i]);
    // A whole number and a half: `satu setengah kilo`, `2 setengah kg`.
    else if (Number.isInteger(value) && value >= 1 && i + 1 < pieces.length && HALF_WORDS.has(pieces[i + 1])) {
      value += 0.5;
      i++;
    }
    const next = pieces[i + 1];
    if (next !== undefined && THOUSAND_WORDS.has(next)) {
      i++;
      tokens.push({ kind: 'quantity', quantity: { value: value * 1000, unit: null, budgetRp: value * 1000 } });
    } else if (next !== undefined && UNIT_WORDS.has(next)) {
      i++;
      tokens.push({ kind: 'quantity', quantity: { value, unit: UNIT_WORDS.get(next)!, budgetRp: null } });
    } else if (next === 'x') {
      i++;
      tokens.push({ kind: 'quantity', quantity: { value, unit: null, budgetRp: null } });
    } else {
      const budget = value >= MIN_BARE_BUDGET_RP && Number.isInteger(value) ? value : null;
      tokens.push({ kind: 'quantity', quantity: { value, unit: null, budgetRp: budget } });
    }
  }
  return tokens;
}
