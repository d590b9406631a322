// A coordinator's order sheet (CSV, one row per item; rows sharing an order_id are one order) read into order drafts;
// a bad cell is an InputError `invalid_orders_csv` naming the file, the row (as a spreadsheet numbers it) and the column.
import type { CsvRecord } from './csv.js';
import { openSheet } from './sheet.js';
import { type DraftLocator, type ItemField, type OrderDraft, type OrderField } from './replay-day.js';

/** The sheet's columns; `required` ones must be in the header. Order-level columns may be blank on an order's later rows. */
export const ORDER_CSV_COLUMNS = {
  order_id: { required: true, perOrder: true },
  time: { required: true, perOrder: true },
  market: { required: false, perOrder: true },
  customer_name: { required: false, perOrder: true },
  customer_phone: { required: false, perOrder: true },
  address: { required: false, perOrder: true },
  lat: { required: true, perOrder: true },
  lon: { required: true, perOrder: true },
  stall: { required: true, perOrder: false },
  item: { required: false, perOrder: false },
  qty: { required: false, perOrder: false },
  unit: { required: false, perOrder: false },
  price_rp: { required: true, perOrder: false },
  weight_kg: { required: false, perOrder: false },
  cod: { required: false, perOrder: true },
  promise_min: { required: false, perOrder: true },
  deliver_by: { required: false, perOrder: true },
  booked_for: { required: false, perOrder: true },
  ready_time: { required: false, perOrder: false },
  note: { required: false, perOrder: false },
} as const;

export type OrderCsvColumn = keyof typeof ORDER_CSV_COLUMNS;

const ORDER_COLUMN_OF: Record<OrderField, string> = {
  id: 'order_id', at: 'time', market: 'market', customer: 'lat/lon', promiseMin: 'promise_min', deliverBy: 'deliver_by', bookedFor: 'booked_for', readyAt: 'ready_time',
};
const ITEM_COLUMN_OF: Record<ItemField, string> = { stall: 'stall', readyAt: 'ready_time' };

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'cod']);
const NO = new Set(['tidak', 'tdk', 't', 'no', 'n', 'false', '0', '']);

/** Reads a sheet into drafts, one per order_id in the order of first appearance. `label` names the file in messages. */
export function readOrdersCsv(text: string, label: string): { draft: OrderDraft; locator: DraftLocator }[] {
  const sheet = openSheet<OrderCsvColumn>(text, label, 'invalid_orders_csv', ORDER_CSV_COLUMNS, 'orders');
  const { rows, where, fail, cell: cellOf, number, time } = sheet;

  interface Building {
    first: CsvRecord;
    /** Order-level column → the row and text that set it. */
    set: Map<string, { row: number; text: string }>;
    items: { stall: string; qty: number; unit?: string; priceRp: number; weightKg?: number; readyAtHour?: number; row: number }[];
  }
  const orders = new Map<string, Building>();
  for (const r of rows) {
    const id = sheet.id(r.row, 'order_id', cellOf(r, 'order_id'));
    let b = orders.get(id);
    if (!b) {
      b = { first: r, set: new Map(), items: [] };
      orders.set(id, b);
    }
    for (const [column, spec] of Object.entries(ORDER_CSV_COLUMNS)) {
      if (!spec.perOrder || column === 'order_id') continue;
      const text = cellOf(r, column as OrderCsvColumn);
      if (text === '') continue;
      const had = b.set.get(column);
      if (had && had.text !== text) fail(r.row, column, `"${text}" differs from row ${had.row} ("${had.text}") of order ${id}`);
      if (!had) b.set.set(column, { row: r.row, text });
    }
    const stall = cellOf(r, 'stall');
    if (stall === '') fail(r.row, 'stall', 'is blank');
    const price = cellOf(r, 'price_rp');
    if (price === '') fail(r.row, 'price_rp', 'is blank');
    const qtyText = cellOf(r, 'qty');
    const qty = qtyText === '' ? 1 : number(r.row, 'qty', qtyText);
    if (!(qty > 0)) fail(r.row, 'qty', `${qtyText} is not above zero`);
    const weightText = cellOf(r, 'weight_kg');
    const weightKg = weightText === '' ? undefined : number(r.row, 'weight_kg', weightText);
    if (weightKg !== undefined && (weightKg < 0 || weightKg > 200)) fail(r.row, 'weight_kg', `${weightText} is not between 0 and 200`);
    const readyText = cellOf(r, 'ready_time');
    const unit = cellOf(r, 'unit');
    b.items.push({
      stall, qty, priceRp: sheet.rupiah(r.row, 'price_rp', price), row: r.row,
      ...(unit !== '' ? { unit } : {}), ...(weightKg !== undefined ? { weightKg } : {}),
      ...(readyText !== '' ? { readyAtHour: time(r.row, 'ready_time', readyText) } : {}),
    });
  }

  return [...orders.entries()].map(([id, b]) => {
    const value = (column: OrderCsvColumn) => b.set.get(column);
    const need = (column: OrderCsvColumn) => value(column) ?? fail(b.first.row, column, `is blank for order ${id}`);
    const at = need('time');
    const lat = need('lat'), lon = need('lon');
    const atHour = time(at.row, 'time', at.text);
    const latV = sheet.latitude(lat.row, 'lat', lat.text), lonV = sheet.longitude(lon.row, 'lon', lon.text);
    const promise = value('promise_min');
    const promiseMin = promise ? number(promise.row, 'promise_min', promise.text) : undefined;
    if (promiseMin !== undefined && !(promiseMin > 0 && promiseMin <= 1440)) fail(promise!.row, 'promise_min', `${promise!.text} is not between 0 and 1440 minutes`);
    const by = value('deliver_by');
    const booked = value('booked_for');
    const cod = value('cod');
    if (cod && !YES.has(cod.text.toLowerCase()) && !NO.has(cod.text.toLowerCase())) fail(cod.row, 'cod', `"${cod.text}" is not ya/tidak (yes/no)`);
    const name = value('customer_name')?.text, phone = value('customer_phone')?.text;
    if (phone !== undefined && !/^\+?[0-9][0-9 ()-]{4,30}$/.test(phone)) fail(value('customer_phone')!.row, 'customer_phone', `"${phone}" is not a phone number`);
    const market = value('market')?.text;
    const draft: OrderDraft = {
      id, atHour, ...(market !== undefined ? { market } : {}),
      customer: { lon: lonV, lat: latV, ...(name !== undefined ? { name } : {}), ...(phone !== undefined ? { phone } : {}) },
      items: b.items.map(({ row: _row, ...item }) => item),
      ...(promiseMin !== undefined ? { promiseMin } : {}),
      ...(by ? { deliverByHour: time(by.row, 'deliver_by', by.text) } : {}),
      ...(booked ? { bookedForHour: time(booked.row, 'booked_for', booked.text) } : {}),
      cod: cod ? YES.has(cod.text.toLowerCase()) : false,
    };
    const rowFor = (field: OrderField): number => (field === 'customer' ? lat.row : value(ORDER_COLUMN_OF[field] as OrderCsvColumn)?.row ?? b.first.row);
    const locator: DraftLocator = {
      code: 'invalid_orders_csv', source: where(b.first.row),
      field: (f) => where(rowFor(f), f === 'customer' ? 'lat/lon' : ORDER_COLUMN_OF[f]),
      item: (j, f) => where(b.items[j].row, ITEM_COLUMN_OF[f]),
    };
    return { draft, locator };
  });
}
