// Order intake: checks references (market, customer, stalls of that market), the service area and the window,
// prices the delivery from the market tariff, then writes customer, order, items, `order.created` and the
// Idempotency-Key in one statement (order-intake-write.ts). Hot path of `bench api`: one read, one write.
// Narrow imports (not engine/index.js): order intake needs only the tariff, not the solver and graph modules.
import { preparedName, type Queryable } from '../db/database.js';
import { ApiError, type FieldError } from '../errors.js';
import { newId } from '../ids.js';
import type { Point } from '../schemas/common.js';
import type { Order, OrderItem } from '../schemas/orders.js';
import type { PricedOrder as CreateOrder } from './order-catalogue.js';
import type { EventRecord } from './events-store.js';
import { pointColumns, pointOf, pointParam } from './geo-sql.js';
import { IDEMPOTENCY_STALE_CLAIM_S, liveKeySql, verdictOf, type ClaimResult, type IdempotencyRecord, type KeyRow } from './idempotency-store.js';
import { writeOrder, type NewCustomer } from './order-intake-write.js';
import { BOOKING_HORIZON_MS } from '../domain/booked-hour.js';
import { DISPATCH_DEFAULTS, orderFeeRp } from '../../engine/index.js';

/** What the one read returns: the market (null fields when unknown), the named customer (when any) and the stalls. */
interface Facts {
  market_id: string | null;
  base_rp: number;
  per_km_rp: number;
  min_rp: number;
  max_rp: number;
  distance_m: number;
  inside: boolean;
  /** Those of the order's stall ids that belong to this market. */
  stall_ids: string[] | null;
  customer_id: string | null;
  customer_market_id: string | null;
  customer_name: string;
  customer_phone: string;
  customer_landmark: string | null;
  /** The live Idempotency-Key row, when the request sent a key that is in use (null columns otherwise). */
  request_hash: string | null;
  response_status: number | null;
  response_body: unknown;
}

type OrderCustomer = NonNullable<Order['customer']> & { id: string };

export interface IntakeOptions {
  readonly now?: Date;
  /** Recorded with the write (response status 201 and the order as body); the write is skipped when the key is taken. */
  readonly idempotency?: IdempotencyRecord | null;
  /** The fleet whose API key places the order (a partner app); it may follow the order afterwards. */
  readonly sourceFleetId?: string | null;
}

export type IntakeResult =
  | { readonly kind: 'created'; readonly order: Order; readonly event: EventRecord }
  /** The key was used before (replay, other request or in flight): nothing checked, nothing written. */
  | { readonly kind: 'key_used'; readonly verdict: ClaimResult }
  | { readonly kind: 'key_taken' };

/** Straight-line metres × the dispatch detour factor: the road leg the fee is quoted on before a route exists. */
export function quotedLegM(straightM: number): number {
  return straightM * DISPATCH_DEFAULTS.etaDetourFactor;
}

function checkCustomerChoice(input: CreateOrder): void {
  if (input.customer_id && input.customer) {
    throw new ApiError('validation_failed', 'send customer_id or customer, not both', [{ path: '/body/customer', message: 'must not be sent with customer_id' }]);
  }
  if (!input.customer && !input.customer_id) {
    throw new ApiError('validation_failed', 'an order needs customer_id or customer', [{ path: '/body/customer_id', message: 'is required without customer' }]);
  }
}

/**
 * Market tariff, the delivery point's distance and service-area verdict, the named customer and the known stalls,
 * in one statement. The delivery point is `delivery_location`, else the inline customer's address, else the named
 * customer's stored address (resolved in SQL). With an Idempotency-Key, also the key's live row (if any).
 */
async function readFacts(q: Queryable, input: CreateOrder, key: IdempotencyRecord | null): Promise<Facts> {
  const at = input.delivery_location ?? input.customer?.address ?? null;
  const result = await q.query<Facts>(
    FACTS_SQL,
    [input.market_id, at?.lon ?? null, at?.lat ?? null, input.customer_id ?? null, [...new Set(input.items.map((i) => i.stall_id))],
      key?.scope ?? null, key?.key ?? null, IDEMPOTENCY_STALE_CLAIM_S],
    { name: preparedName(FACTS_SQL) },
  );
  return result.rows[0];
}

const FACTS_SQL = `WITH cu AS (SELECT id, market_id, name, phone, landmark, address FROM customers WHERE id = $4),
       p AS (SELECT COALESCE(${pointParam(2, 3)}, (SELECT address FROM cu)) AS at)
     SELECT m.id AS market_id, m.tariff_base_rp AS base_rp, m.tariff_per_km_rp AS per_km_rp, m.tariff_min_rp AS min_rp, m.tariff_max_rp AS max_rp,
       ST_Distance(m.location, p.at) AS distance_m,
       CASE WHEN m.service_area IS NOT NULL THEN ST_Covers(m.service_area, p.at)
            WHEN m.service_radius_m IS NOT NULL THEN ST_DWithin(m.location, p.at, m.service_radius_m)
            ELSE true END AS inside,
       (SELECT array_agg(s.id) FROM stalls s WHERE s.id = ANY($5::text[]) AND s.market_id = m.id) AS stall_ids,
       cu.id AS customer_id, cu.market_id AS customer_market_id, cu.name AS customer_name, cu.phone AS customer_phone,
       cu.landmark AS customer_landmark, ${pointColumns('cu.address', 'customer')},
       idempotency_keys.request_hash, idempotency_keys.response_status, idempotency_keys.response_body
     FROM p LEFT JOIN markets m ON m.id = $1 LEFT JOIN cu ON true
       LEFT JOIN idempotency_keys ON idempotency_keys.scope = $6::text AND idempotency_keys.key = $7::text AND ${liveKeySql('$8')}`;

/** The named customer (`customer_id`, same market or market-less), or null for an inline one; 422 when unknown. */
function existingCustomer(input: CreateOrder, facts: Facts): OrderCustomer | null {
  if (!input.customer_id) return null;
  if (facts.customer_id === null || (facts.customer_market_id !== null && facts.customer_market_id !== input.market_id)) {
    throw new ApiError('unknown_reference', `customer ${input.customer_id} does not exist in market ${input.market_id}`, [{ path: '/body/customer_id', message: 'no such customer in this market' }]);
  }
  const row = facts as unknown as Record<string, unknown>;
  return { id: facts.customer_id, name: facts.customer_name, phone: facts.customer_phone, landmark: facts.customer_landmark ?? null, address: pointOf(row, 'customer')! };
}

/** Every item's stall is in the order's market; otherwise 422 naming each bad line. */
function checkStalls(input: CreateOrder, knownIds: readonly string[] | null): void {
  const known = new Set(knownIds ?? []);
  const errors: FieldError[] = [];
  input.items.forEach((item, i) => {
    if (!known.has(item.stall_id)) errors.push({ path: `/body/items/${i}/stall_id`, message: `no stall ${item.stall_id} in market ${input.market_id}` });
  });
  if (errors.length > 0) throw new ApiError('unknown_reference', 'some items name stalls that are not in this market', errors);
}

function checkWindow(input: CreateOrder, now: Date): void {
  if (!input.window) return;
  const start = Date.parse(input.window.start);
  const end = Date.parse(input.window.end);
  if (!(end > start)) throw new ApiError('unprocessable', 'the delivery window ends before it starts', [{ path: '/body/window/end', message: 'must be after window.start' }]);
  if (end <= now.getTime()) throw new ApiError('unprocessable', 'the delivery window has already closed', [{ path: '/body/window/end', message: 'must be in the future' }]);
}

/**
 * An order is booked, and a line is ready, within the booking horizon; a booked hour comes before the window closes.
 * A past time means now.
 */
function checkBooking(input: CreateOrder, now: Date): void {
  input.items.forEach((item, i) => {
    if (item.ready_at !== undefined && Date.parse(item.ready_at) > now.getTime() + BOOKING_HORIZON_MS) {
      throw new ApiError('unprocessable', 'a line may be ready at most 7 days ahead', [{ path: `/body/items/${i}/ready_at`, message: 'must be within 7 days' }]);
    }
  });
  if (input.booked_for === undefined) return;
  const bookedForMs = Date.parse(input.booked_for);
  if (bookedForMs > now.getTime() + BOOKING_HORIZON_MS) {
    throw new ApiError('unprocessable', 'an order may be booked at most 7 days ahead', [{ path: '/body/booked_for', message: 'must be within 7 days' }]);
  }
  if (input.window && Date.parse(input.window.end) <= bookedForMs) {
    throw new ApiError('unprocessable', 'the delivery window closes before the hour the order is booked for', [{ path: '/body/window/end', message: 'must be after booked_for' }]);
  }
}

/** The order's lines with fresh ids, as the response carries them. */
function itemsOf(input: CreateOrder): OrderItem[] {
  return input.items.map((item) => ({
    id: newId('itm'), stall_id: item.stall_id, name: item.name, quantity: item.quantity, unit: item.unit ?? 'pcs',
    unit_price_rp: item.unit_price_rp, weight_kg: item.weight_kg, outcome: 'pending', substitute_name: null, substitute_price_rp: null,
    catalogue_item_id: item.catalogue_item_id ?? null, free_text: !item.catalogue_item_id,
    ready_at: item.ready_at !== undefined ? new Date(item.ready_at).toISOString() : null,
  }));
}

/** What the dispatch map shows of a new order, so it need not fetch the order (the customer's phone stays out). */
function createdPayload(order: Order, stallIds: readonly string[]): Record<string, unknown> {
  return {
    order_id: order.id, market_id: order.market_id, status: 'created', customer_id: order.customer_id, customer_name: order.customer?.name ?? null,
    delivery_location: order.delivery_location, window_end: order.window?.end ?? null, booked_for: order.booked_for, goods_total_rp: order.goods_total_rp,
    cod_total_rp: order.cod_total_rp, fee_rp: order.fee_rp, weight_kg: order.weight_kg, item_count: order.items.length,
    stall_ids: stallIds, created_at: order.created_at,
  };
}

/**
 * Creates the order in one statement (autocommit: do not call inside `app.tx`). Returns it as GET /v1/orders/:id
 * would, with the appended event for the caller to publish; `key_taken` when `idempotency` was taken meanwhile.
 */
export async function createOrder(q: Queryable, input: CreateOrder, options: IntakeOptions = {}): Promise<IntakeResult> {
  const now = options.now ?? new Date();
  const key = options.idempotency ?? null;
  const facts = await readFacts(q, input, key);
  // A used key answers before any check: a replay must not depend on what changed since (e.g. a closed window).
  if (key && facts.request_hash !== null) return { kind: 'key_used', verdict: verdictOf(facts as KeyRow, key.hash) };
  checkWindow(input, now);
  checkBooking(input, now);
  checkCustomerChoice(input);
  const existing = existingCustomer(input, facts);
  if (facts.market_id === null) throw new ApiError('unknown_reference', `market ${input.market_id} does not exist`, [{ path: '/body/market_id', message: 'no such market' }]);
  const delivery: Point = input.delivery_location ?? existing?.address ?? input.customer!.address;
  if (!facts.inside) {
    const path = input.delivery_location ? '/body/delivery_location' : existing ? '/body/customer_id' : '/body/customer/address';
    throw new ApiError('outside_service_area', 'the delivery point is outside the market service area', [{ path, message: 'outside the service area' }]);
  }
  checkStalls(input, facts.stall_ids);
  let newCustomer: NewCustomer | null = null;
  let customer = existing;
  if (!customer) {
    const c = input.customer!;
    newCustomer = { id: newId('cus'), marketId: input.market_id, name: c.name, phone: c.phone, address: c.address, landmark: c.landmark ?? null };
    customer = { id: newCustomer.id, name: c.name, phone: c.phone, landmark: newCustomer.landmark, address: { lon: c.address.lon, lat: c.address.lat } };
  }
  const goodsRp = input.items.reduce((sum, i) => sum + Math.round(i.quantity * i.unit_price_rp), 0);
  const weightKg = input.items.reduce((sum, i) => sum + i.weight_kg, 0);
  const feeRp = orderFeeRp(quotedLegM(Number(facts.distance_m)), { baseRp: facts.base_rp, perKmRp: facts.per_km_rp, minRp: facts.min_rp, maxRp: facts.max_rp });
  const createdAt = now.toISOString();
  const { id: customerId, ...contact } = customer;
  const order: Order = {
    id: newId('ord'), market_id: input.market_id, kind: 'standard', status: 'created', customer_id: customerId, customer: contact,
    delivery_location: { lon: delivery.lon, lat: delivery.lat }, delivery_note: input.delivery_note ?? null,
    window: input.window ? { start: new Date(input.window.start).toISOString(), end: new Date(input.window.end).toISOString() } : null,
    booked_for: input.booked_for !== undefined ? new Date(input.booked_for).toISOString() : null, delivery_eta: null, told_eta: null,
    items: itemsOf(input), goods_total_rp: goodsRp, fee_rp: feeRp, cod_total_rp: goodsRp + feeRp, cod_collected_rp: null, weight_kg: weightKg,
    parent_order_id: null, courier_id: null, route_id: null, external_ref: input.external_ref ?? null, failure_reason: null, dispatch_issue: null,
    source_fleet_id: options.sourceFleetId ?? null, version: 1, created_at: createdAt, updated_at: createdAt,
  };
  const stallIds = [...new Set(order.items.map((i) => i.stall_id))];
  const event = await writeOrder(q, { order, newCustomer, eventId: newId('evt'), eventPayload: createdPayload(order, stallIds), idempotency: key });
  return event ? { kind: 'created', order, event } : { kind: 'key_taken' };
}
