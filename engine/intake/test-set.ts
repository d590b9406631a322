// The shopping-list test set's text format (fixtures/intake/*.txt) and its scoring: items right (catalogue item and
// quantity both), and precision and recall per field (item, quantity, address, landmark). Pure: the caller reads files.
import type { ParsedShoppingList } from './shopping-list.js';

export interface ExpectedItem {
  readonly id: string;
  /** In the item's unit; null when the customer asked for an amount of money. */
  readonly quantity: number | null;
  readonly budgetRp: number | null;
}

export interface TestMessage {
  readonly id: string;
  readonly text: string;
  readonly items: readonly ExpectedItem[];
  readonly address: string | null;
  readonly landmark: string | null;
}

/** `### id`, the message, `===`, then `<item id> <quantity>` or `<item id> rp<amount>` lines and `@address`/`@landmark`. */
export function readTestSet(source: string): TestMessage[] {
  const messages: TestMessage[] = [];
  for (const block of source.split(/^### /m).slice(1)) {
    const [head, ...rest] = block.split('\n');
    const body = rest.join('\n');
    const cut = body.indexOf('\n===');
    const text = (cut >= 0 ? body.slice(0, cut) : body).trim();
    const expected = cut >= 0 ? body.slice(cut + 4).split('\n').map((l) => l.trim()).filter(Boolean) : [];
    const items: ExpectedItem[] = [];
    let address: string | null = null;
    let landmark: string | null = null;
    for (const line of expected) {
      if (line.startsWith('@address ')) address = line.slice(9).trim();
      else if (line.startsWith('@landmark ')) landmark = line.slice(10).trim();
      else {
        const [id, amount] = line.split(/\s+/);
        if (!id || !amount) throw new Error(`test set ${head.trim()}: bad expected line "${line}"`);
        items.push(amount.startsWith('rp') ? { id, quantity: null, budgetRp: Number(amount.slice(2)) } : { id, quantity: Number(amount), budgetRp: null });
      }
    }
    messages.push({ id: head.trim(), text, items, address, landmark });
  }
  return messages;
}

/** Counts behind one field's precision and recall. */
export interface FieldCounts {
  /** Found and right. */
  truePositives: number;
  /** Found by the parser. */
  predicted: number;
  /** In the expectations. */
  expected: number;
}

export interface TestSetScore {
  readonly messages: number;
  readonly expectedItems: number;
  /** Expected items found with the right catalogue item and the right quantity (or amount of money). */
  readonly itemsRight: number;
  readonly itemAccuracyPct: number;
  readonly fields: Record<'item' | 'quantity' | 'address' | 'landmark', FieldCounts & { precisionPct: number; recallPct: number }>;
  /** Messages with any expected item missed or any item too many: id → what differs. */
  readonly misses: { id: string; expected: string; got: string }[];
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const pct = (a: number, b: number) => (b === 0 ? 100 : Math.round((a / b) * 1000) / 10);

function quantityRight(expected: ExpectedItem, got: { quantity: number; budgetRp: number | null }): boolean {
  if (expected.budgetRp !== null) return got.budgetRp === expected.budgetRp;
  return got.budgetRp === null && Math.abs(got.quantity - expected.quantity!) < 1e-6;
}

/** Scores parser output against the expectations, message by message (same order). */
export function scoreTestSet(messages: readonly TestMessage[], parsed: readonly ParsedShoppingList[]): TestSetScore {
  const fields = {
    item: { truePositives: 0, predicted: 0, expected: 0 },
    quantity: { truePositives: 0, predicted: 0, expected: 0 },
    address: { truePositives: 0, predicted: 0, expected: 0 },
    landmark: { truePositives: 0, predicted: 0, expected: 0 },
  };
  let itemsRight = 0;
  let expectedItems = 0;
  const misses: TestSetScore['misses'] = [];
  messages.forEach((m, k) => {
    const got = parsed[k];
    expectedItems += m.items.length;
    fields.item.expected += m.items.length;
    fields.quantity.expected += m.items.length;
    fields.item.predicted += got.items.length;
    fields.quantity.predicted += got.items.length;
    const unused = [...got.items];
    let right = 0;
    for (const e of m.items) {
      const sameItem = unused.filter((g) => g.catalogueItemId === e.id);
      if (sameItem.length === 0) continue;
      fields.item.truePositives++;
      const exact = sameItem.find((g) => quantityRight(e, g));
      unused.splice(unused.indexOf(exact ?? sameItem[0]), 1);
      if (exact) {
        fields.quantity.truePositives++;
        right++;
      }
    }
    itemsRight += right;
    if (right < m.items.length || got.items.length > m.items.length) {
      misses.push({
        id: m.id,
        expected: m.items.map((e) => `${e.id} ${e.budgetRp !== null ? `rp${e.budgetRp}` : e.quantity}`).join(', '),
        got: got.items.map((g) => `${g.catalogueItemId} ${g.budgetRp !== null ? `rp${g.budgetRp}` : g.quantity}`).join(', '),
      });
    }
    for (const field of ['address', 'landmark'] as const) {
      const want = m[field];
      const found = got[field];
      if (want) fields[field].expected++;
      if (found) fields[field].predicted++;
      if (want && found && norm(found).includes(norm(want))) fields[field].truePositives++;
    }
  });
  const withRates = Object.fromEntries(
    Object.entries(fields).map(([name, c]) => [name, { ...c, precisionPct: pct(c.truePositives, c.predicted), recallPct: pct(c.truePositives, c.expected) }]),
  ) as TestSetScore['fields'];
  return { messages: messages.length, expectedItems, itemsRight, itemAccuracyPct: pct(itemsRight, expectedItems), fields: withRates, misses };
}
