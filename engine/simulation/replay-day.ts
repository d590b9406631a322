// Explicit orders of a replayed day, checked against the scenario (markets, stalls, the day's hours) and resolved; every
// error names where the value came from: a JSON path (`orders[3].items[0].stall`) or a CSV row and column.
import { InputError } from '../errors.js';
import type { ExplicitOrderSpec, MarketSpec, TimeOfDaySpec } from './scenario-schema.js';

/** One stall's share of a replayed order: the courier's pickup there. */
export interface ReplayPickup {
  readonly stall: string;
  readonly lon: number;
  readonly lat: number;
  readonly weightKg: number;
  readonly valueRp: number;
  /** Local hour the stall has all of this order's goods ready; absent: at once. */
  readonly readyAtHour?: number;
}

export interface ReplayOrder {
  readonly id: string;
  /** Where the order came from, for messages: `orders[3]` or `day.csv row 14`. */
  readonly source: string;
  /** Where its customer point came from: `orders[3].customer` or `day.csv row 14, columns lat/lon`. */
  readonly pointField: string;
  readonly market: string;
  /** Local hour the customer ordered. */
  readonly atHour: number;
  /** Local hour the customer booked the order for: the goods are ready and its wait counts from then; absent: at once. */
  readonly bookedForHour?: number;
  readonly lon: number;
  readonly lat: number;
  readonly customerName?: string;
  readonly customerPhone?: string;
  readonly pickups: readonly ReplayPickup[];
  /** Delivery promised within this many minutes of the order (of the booked hour for a booked one). */
  readonly promiseMin: number;
  readonly cod: boolean;
}

/** An order as read (JSON or one CSV order's rows), times in local hours, before it meets the scenario. */
export interface OrderDraft {
  readonly id: string;
  readonly atHour: number;
  readonly market?: string;
  readonly customer: { readonly name?: string; readonly phone?: string; readonly lon: number; readonly lat: number };
  readonly items: readonly { readonly stall: string; readonly qty: number; readonly unit?: string; readonly priceRp: number; readonly weightKg?: number; readonly readyAtHour?: number }[];
  readonly promiseMin?: number;
  readonly deliverByHour?: number;
  readonly bookedForHour?: number;
  readonly cod: boolean;
  readonly readyAtHour?: number;
}

export type OrderField = 'id' | 'at' | 'market' | 'customer' | 'promiseMin' | 'deliverBy' | 'bookedFor' | 'readyAt';
export type ItemField = 'stall' | 'readyAt';

/** Names a draft's fields in messages, and the error code of its source. */
export interface DraftLocator {
  readonly code: string;
  readonly source: string;
  field(name: OrderField): string;
  item(index: number, name: ItemField): string;
}

/** Kilograms per unit of the count words (pcs, ikat, bungkus, …) when a line gives no weight. */
export const PIECE_KG = 0.5;
const KG_PER_UNIT: Readonly<Record<string, number>> = {
  kg: 1, kilo: 1, kilogram: 1, g: 0.001, gr: 0.001, gram: 0.001, ons: 0.1, l: 1, liter: 1, litre: 1, ml: 0.001,
};

/** Weight of one line: as given, else from the unit (kg, g, ons, l, ml), else PIECE_KG per piece. */
export function itemWeightKg(qty: number, unit: string | undefined, weightKg: number | undefined): number {
  if (weightKg !== undefined) return weightKg;
  return qty * (KG_PER_UNIT[(unit ?? '').trim().toLowerCase()] ?? PIECE_KG);
}

/** Local hours of a time of day: a number of hours, or "HH:MM[:SS]". Null when it is neither or past 24:00. */
export function hourOf(value: TimeOfDaySpec | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 && value <= 24 ? value : null;
  const m = /^\s*(\d{1,2}):([0-5]\d)(?::([0-5]\d))?\s*$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]) + Number(m[2]) / 60 + Number(m[3] ?? 0) / 3600;
  return h <= 24 ? h : null;
}

/** "07:42" (or "07:42:30") for local hours, in messages. */
export function clockOf(hour: number): string {
  const s = Math.round(hour * 3600);
  const hh = String(Math.floor(s / 3600)).padStart(2, '0'), mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  return s % 60 === 0 ? `${hh}:${mm}` : `${hh}:${mm}:${String(s % 60).padStart(2, '0')}`;
}

/** The draft of a JSON order (`orders[i]`); times already checked by the schema's pattern. */
export function draftOfJson(spec: ExplicitOrderSpec, index: number): { draft: OrderDraft; locator: DraftLocator } {
  const at = (field: OrderField, v: TimeOfDaySpec): number => {
    const h = hourOf(v);
    if (h === null) throw new InputError('invalid_scenario', `scenario orders[${index}].${field}: ${JSON.stringify(v)} is not a time of day`, `orders[${index}].${field}`);
    return h;
  };
  const draft: OrderDraft = {
    id: spec.id, atHour: at('at', spec.at), ...(spec.market !== undefined ? { market: spec.market } : {}),
    customer: spec.customer,
    items: spec.items.map((it, j) => ({
      stall: it.stall, qty: it.qty ?? 1, priceRp: it.priceRp,
      ...(it.unit !== undefined ? { unit: it.unit } : {}), ...(it.weightKg !== undefined ? { weightKg: it.weightKg } : {}),
      ...(it.readyAt !== undefined ? { readyAtHour: at(`items[${j}].readyAt` as OrderField, it.readyAt) } : {}),
    })),
    ...(spec.promiseMin !== undefined ? { promiseMin: spec.promiseMin } : {}),
    ...(spec.deliverBy !== undefined ? { deliverByHour: at('deliverBy', spec.deliverBy) } : {}),
    ...(spec.bookedFor !== undefined ? { bookedForHour: at('bookedFor', spec.bookedFor) } : {}),
    ...(spec.readyAt !== undefined ? { readyAtHour: at('readyAt', spec.readyAt) } : {}),
    cod: spec.cod ?? false,
  };
  const path = `orders[${index}]`;
  return {
    draft,
    locator: { code: 'invalid_scenario', source: path, field: (n) => `${path}.${n}`, item: (j, n) => `${path}.items[${j}].${n}` },
  };
}

export interface ReplayContext {
  readonly markets: readonly MarketSpec[];
  readonly day: { readonly startHour: number; readonly endHour: number };
  readonly windowMin: number;
}

/** Checks drafts against the scenario and resolves them; ids must be unique across all of them. */
export function resolveOrders(drafts: readonly { draft: OrderDraft; locator: DraftLocator }[], ctx: ReplayContext): ReplayOrder[] {
  const seen = new Map<string, string>();
  const prefix = (loc: DraftLocator) => (loc.code === 'invalid_scenario' ? 'scenario ' : '');
  return drafts.map(({ draft: d, locator: loc }) => {
    const fail = (where: string, message: string): never => {
      throw new InputError(loc.code, `${prefix(loc)}${where}: ${message}`, where);
    };
    const before = seen.get(d.id);
    if (before !== undefined) fail(loc.field('id'), `order id "${d.id}" is used twice (also ${before})`);
    seen.set(d.id, loc.source);
    const market = marketOf(d.market, ctx.markets, (m) => fail(loc.field('market'), m));
    if (d.atHour < ctx.day.startHour || d.atHour > ctx.day.endHour) {
      fail(loc.field('at'), `${clockOf(d.atHour)} is outside the day (${clockOf(ctx.day.startHour)}–${clockOf(ctx.day.endHour)})`);
    }
    if (d.readyAtHour !== undefined && d.readyAtHour < d.atHour) fail(loc.field('readyAt'), `goods ready at ${clockOf(d.readyAtHour)}, before the order at ${clockOf(d.atHour)}`);
    if (d.promiseMin !== undefined && d.deliverByHour !== undefined) fail(loc.field('deliverBy'), 'give a promise in minutes or a deliver-by time, not both');
    if (d.bookedForHour !== undefined && d.bookedForHour < d.atHour) fail(loc.field('bookedFor'), `booked for ${clockOf(d.bookedForHour)}, before the order at ${clockOf(d.atHour)}`);
    if (d.bookedForHour !== undefined && d.bookedForHour > ctx.day.endHour) fail(loc.field('bookedFor'), `${clockOf(d.bookedForHour)} is after the day ends (${clockOf(ctx.day.endHour)})`);
    const dueHour = d.bookedForHour ?? d.atHour; // the promise counts from here
    if (d.deliverByHour !== undefined && d.deliverByHour <= dueHour) fail(loc.field('deliverBy'), `deliver by ${clockOf(d.deliverByHour)} is not after the order${d.bookedForHour !== undefined ? "'s booked hour" : ''} at ${clockOf(dueHour)}`);
    const stalls = new Map((market.stalls ?? []).map((s) => [s.id, s]));
    const pickups = new Map<string, { stall: string; lon: number; lat: number; weightKg: number; valueRp: number; readyAtHour?: number }>();
    d.items.forEach((item, j) => {
      const stall = stalls.get(item.stall);
      if (!stall) {
        fail(loc.item(j, 'stall'), market.stalls
          ? `"${item.stall}" is not a stall of market "${market.id}"`
          : `market "${market.id}" lists no stalls by id (give markets[].stalls to replay orders)`);
      }
      const ready = item.readyAtHour ?? d.readyAtHour;
      if (item.readyAtHour !== undefined && item.readyAtHour < d.atHour) fail(loc.item(j, 'readyAt'), `goods ready at ${clockOf(item.readyAtHour)}, before the order at ${clockOf(d.atHour)}`);
      const p = pickups.get(item.stall) ?? { stall: item.stall, lon: stall!.lon, lat: stall!.lat, weightKg: 0, valueRp: 0 };
      p.weightKg += itemWeightKg(item.qty, item.unit, item.weightKg);
      p.valueRp += item.priceRp;
      if (ready !== undefined) p.readyAtHour = Math.max(p.readyAtHour ?? ready, ready);
      pickups.set(item.stall, p);
    });
    return {
      id: d.id, source: loc.source, pointField: loc.field('customer'), market: market.id, atHour: d.atHour,
      ...(d.bookedForHour !== undefined ? { bookedForHour: d.bookedForHour } : {}),
      lon: d.customer.lon, lat: d.customer.lat,
      ...(d.customer.name ? { customerName: d.customer.name } : {}), ...(d.customer.phone ? { customerPhone: d.customer.phone } : {}),
      pickups: [...pickups.values()].map((p) => ({ ...p, weightKg: Math.round(p.weightKg * 1000) / 1000, valueRp: Math.round(p.valueRp) })),
      promiseMin: d.promiseMin ?? (d.deliverByHour !== undefined ? Math.round((d.deliverByHour - dueHour) * 60 * 100) / 100 : ctx.windowMin),
      cod: d.cod,
    };
  });
}

/** The market of an order or courier: the named one, or the only one. */
export function marketOf(id: string | undefined, markets: readonly MarketSpec[], fail: (message: string) => never): MarketSpec {
  if (id === undefined) {
    if (markets.length === 1) return markets[0];
    return fail(`needed when the scenario has several markets (${markets.map((m) => m.id).join(', ')})`);
  }
  return markets.find((m) => m.id === id) ?? fail(`"${id}" is not a market id`);
}
