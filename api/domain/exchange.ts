// Exchange planning (pure): from a parent order's items and the customer's refusals, the child order's items and its stops.

/** A parent item as the exchange needs it. */
export interface ExchangeParentItem {
  readonly id: string;
  readonly stallId: string;
  readonly name: string;
  /** Quantity handed to the customer, in the item's unit (kg, pcs, ikat…); the substitute counts as picked. */
  readonly quantity: number;
  readonly unitPriceRp: number;
  readonly weightKg: number;
  /** Item state after picking; only picked or substituted goods can be refused. */
  readonly state: string;
}

/** One refused line: which parent item and how many units (default: all). */
export interface ExchangeRefusal {
  readonly itemId: string;
  readonly quantity?: number;
  readonly reason: string;
}

export interface ExchangeChildItem {
  readonly parentItemId: string;
  readonly stallId: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceRp: number;
  readonly weightKg: number;
  readonly reason: string;
}

/** Stops of the child order: one return-to-stall (drop the refused goods, pick the replacement) per stall, then the redelivery. */
export type ExchangeStop = { readonly kind: 'return'; readonly stallId: string } | { readonly kind: 'delivery' };

export interface ExchangePlan {
  readonly items: ExchangeChildItem[];
  readonly stops: ExchangeStop[];
  /** Value of the refused goods, which the customer does not pay at the door. */
  readonly refusedValueRp: number;
}

/** A refusal that cannot be honoured; `index` points into the refusals array. */
export interface ExchangeProblem {
  readonly index: number;
  readonly code: 'unknown_item' | 'item_not_refusable' | 'duplicate_item' | 'quantity_out_of_range';
  readonly message: string;
}

/** Builds the exchange, or lists every refusal that is wrong. */
export function planExchange(
  parentItems: readonly ExchangeParentItem[],
  refusals: readonly ExchangeRefusal[],
): { ok: true; plan: ExchangePlan } | { ok: false; problems: ExchangeProblem[] } {
  const byId = new Map(parentItems.map((item) => [item.id, item]));
  const seen = new Set<string>();
  const problems: ExchangeProblem[] = [];
  const items: ExchangeChildItem[] = [];
  refusals.forEach((refusal, index) => {
    const item = byId.get(refusal.itemId);
    if (item === undefined) {
      problems.push({ index, code: 'unknown_item', message: `item ${refusal.itemId} is not part of this order` });
      return;
    }
    if (seen.has(item.id)) {
      problems.push({ index, code: 'duplicate_item', message: `item ${item.id} is refused twice` });
      return;
    }
    seen.add(item.id);
    if (item.state !== 'picked' && item.state !== 'substituted') {
      problems.push({ index, code: 'item_not_refusable', message: `item ${item.id} is ${item.state}, not handed over` });
      return;
    }
    const quantity = refusal.quantity ?? item.quantity;
    if (!Number.isFinite(quantity) || quantity <= 0 || quantity > item.quantity) {
      problems.push({ index, code: 'quantity_out_of_range', message: `quantity must be in (0, ${item.quantity}]` });
      return;
    }
    const { stallId, name, unitPriceRp, weightKg } = item;
    items.push({ parentItemId: item.id, stallId, name, quantity, unitPriceRp, weightKg, reason: refusal.reason });
  });
  if (refusals.length === 0) problems.push({ index: -1, code: 'unknown_item', message: 'at least one refused item is required' });
  if (problems.length > 0) return { ok: false, problems };
  const stalls = [...new Set(items.map((item) => item.stallId))];
  const stops: ExchangeStop[] = [...stalls.map((stallId) => ({ kind: 'return' as const, stallId })), { kind: 'delivery' }];
  const refusedValueRp = Math.round(items.reduce((sum, item) => sum + item.quantity * item.unitPriceRp, 0));
  return { ok: true, plan: { items, stops, refusedValueRp } };
}
