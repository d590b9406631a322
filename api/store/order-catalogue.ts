// Order lines priced from stall catalogues: a line naming `catalogue_item_id` takes its stall, name, unit, price per
// unit and weight (quantity × weight per unit) from the catalogue, never from the caller; a line without one is
// free text typed in by a coordinator (stall, name, price and weight all given) and stays flagged as such.
import type { Queryable } from '../db/database.js';
import { ApiError, type FieldError } from '../errors.js';
import type { CreateOrder } from '../schemas/orders.js';

type InputItem = CreateOrder['items'][number];

/** An order line with everything order intake needs, from the catalogue or from the caller. */
export interface PricedItem {
  readonly stall_id: string;
  readonly name: string;
  readonly quantity: number;
  readonly unit?: string;
  readonly unit_price_rp: number;
  readonly weight_kg: number;
  readonly catalogue_item_id?: string;
  readonly ready_at?: string;
}

export type PricedOrder = Omit<CreateOrder, 'items'> & { readonly items: readonly PricedItem[] };

interface CatalogueRow { id: string; market_id: string; stall_id: string; name: string; unit: string; price_rp: number; weight_kg: number; available: boolean }

/** The free-text fields a line without a catalogue item needs, and that a catalogue line must leave out. */
const CALLER_PRICED = ['unit_price_rp', 'weight_kg'] as const;
const FREE_TEXT_NEEDS = ['stall_id', 'name', 'unit_price_rp', 'weight_kg'] as const;

function checkShapes(items: readonly InputItem[]): void {
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    if (item.catalogue_item_id) {
      for (const field of CALLER_PRICED) if (item[field] !== undefined) errors.push({ path: `/body/items/${i}/${field}`, message: 'comes from the catalogue item; leave it out' });
    } else {
      for (const field of FREE_TEXT_NEEDS) if (item[field] === undefined) errors.push({ path: `/body/items/${i}/${field}`, message: 'is required for a line without catalogue_item_id' });
    }
  });
  if (errors.length > 0) throw new ApiError('validation_failed', 'order lines are either catalogue items or free text with stall, name, price and weight', errors);
}

/** Prices every catalogue line of `input` (one read when there is any); free-text lines pass unchanged. */
export async function priceFromCatalogue(q: Queryable, input: CreateOrder): Promise<PricedOrder> {
  checkShapes(input.items);
  const ids = [...new Set(input.items.flatMap((i) => (i.catalogue_item_id ? [i.catalogue_item_id] : [])))];
  if (ids.length === 0) return input as PricedOrder;
  const found = await q.query<CatalogueRow>(
    `SELECT id, market_id, stall_id, name, unit, price_rp, weight_kg, available FROM catalogue_items WHERE id = ANY($1::text[])`, [ids],
  );
  const byId = new Map(found.rows.map((r) => [r.id, r]));
  const unknown: FieldError[] = [];
  const unavailable: FieldError[] = [];
  const items = input.items.map((item, i): PricedItem => {
    if (!item.catalogue_item_id) return item as PricedItem;
    const path = `/body/items/${i}/catalogue_item_id`;
    const row = byId.get(item.catalogue_item_id);
    if (!row || row.market_id !== input.market_id || (item.stall_id && item.stall_id !== row.stall_id)) {
      unknown.push({ path, message: `no catalogue item ${item.catalogue_item_id} in market ${input.market_id}${item.stall_id ? ` at stall ${item.stall_id}` : ''}` });
      return item as PricedItem;
    }
    if (!row.available) unavailable.push({ path, message: `${row.name} is not available today` });
    return {
      stall_id: row.stall_id, name: row.name, quantity: item.quantity, unit: row.unit, unit_price_rp: Number(row.price_rp),
      weight_kg: Math.round(item.quantity * Number(row.weight_kg) * 1000) / 1000, catalogue_item_id: row.id,
      ...(item.ready_at !== undefined ? { ready_at: item.ready_at } : {}),
    };
  });
  if (unknown.length > 0) throw new ApiError('unknown_reference', 'some lines name catalogue items that are not in this market', unknown);
  if (unavailable.length > 0) throw new ApiError('catalogue_item_unavailable', 'some catalogue items are not available today', unavailable);
  return { ...input, items };
}
