// Order intake: checks references (market, customer, stalls of that market), the service area and the window,
// prices the delivery from the market tariff, then writes the order, its items and `order.created` in the caller's
// transaction. Hot path of `bench api`: one read for market + stalls, three inserts (four with a new customer).
// Narrow imports (not engine/index.js): order intake needs only the tariff, not the solver and graph modules.
import { DISPATCH_DEFAULTS } from '../../engine/dispatch/dispatch-config.js';
import { orderFeeRp } from '../../engine/dispatch/tariff.js';
import { ApiError, type FieldError } from '../errors.js';
import { newId } from '../ids.js';
import type { Point } from '../schemas/common.js';
import type { CreateOrder, Order, OrderItem } from '../schemas/orders.js';
import { isoOf, pointColumns, pointOf, pointParam } from './geo-sql.js';
import type { Stores } from './stores.js';

interface MarketFacts {
  base_rp: number;
  per_km_rp: number;
  min_rp: number;
  max_rp: number;
  distance_m: number;
  inside: boolean;
  /** Those of the order's stall ids that belong to this market. */
  stall_ids: string[] | null;
}

type OrderCustomer = NonNullable<Order['customer']> & { id: string };

/** Straight-line metres × the dispatch detour factor: the road leg the fee is quoted on before a route exists. */
export function quotedLegM(straightM: number): number {
  return straightM * DISPATCH_DEFAULTS.etaDetourFactor;
}

/** The customer an order names: an existing one (`customer_id`, same market), or null for the inline one (created later). */
async function existingCustomer(tx: Stores, input: CreateOrder): Promise<OrderCustomer | null> {
  if (input.customer_id && input.customer) {
    throw new ApiError('validation_failed', 'send customer_id or customer, not both', [{ path: '/body/customer', message: 'must not be sent with customer_id' }]);
  }
  if (input.customer) return null;
  if (!input.customer_id) {
    throw new ApiError('validation_failed', 'an order needs customer_id or customer', [{ path: '/body/customer_id', message: 'is required without customer' }]);
  }
  const found = await tx.q.query(`SELECT id, market_id, name, phone, landmark, ${pointColumns('address')} FROM customers WHERE id = $1`, [input.customer_id]);
  const row = found.rows[0];
  if (!row || (row.market_id !== null && row.market_id !== input.market_id)) {
    throw new ApiError('unknown_reference', `customer ${input.customer_id} does not exist in market ${input.market_id}`, [{ path: '/body/customer_id', message: 'no such customer in this market' }]);
  }
  return { id: row.id as string, name: row.name as string, phone: row.phone as string, landmark: (row.landmark as string | null) ?? null, address: pointOf(row, 'address')! };
}

/** Tariff, distance to `at`, service-area verdict and the known stalls, in one statement. */
async function marketFacts(tx: Stores, input: CreateOrder, at: Point): Promise<MarketFacts> {
  const result = await tx.q.query<MarketFacts>(
    `SELECT tariff_base_rp AS base_rp, tariff_per_km_rp AS per_km_rp, tariff_min_rp AS min_rp, tariff_max_rp AS max_rp,
       ST_Distance(location, ${pointParam(2, 3)}) AS distance_m,
       CASE WHEN service_area IS NOT NULL THEN ST_Covers(service_area, ${pointParam(2, 3)})
            WHEN service_radius_m IS NOT NULL THEN ST_DWithin(location, ${pointParam(2, 3)}, service_radius_m)
            ELSE true END AS inside,
       (SELECT array_agg(s.id) FROM stalls s WHERE s.id = ANY($4::text[]) AND s.market_id = markets.id) AS stall_ids
     FROM markets WHERE id = $1`,
    [input.market_id, at.lon, at.lat, [...new Set(input.items.map((i) => i.stall_id))]],
  );
  if (!result.rows[0]) throw new ApiError('unknown_reference', `market ${input.market_id} does not exist`, [{ path: '/body/market_id', message: 'no such market' }]);
  return result.rows[0];
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

async function insertItems(tx: Stores, orderId: string, input: CreateOrder): Promise<OrderItem[]> {
  const values: string[] = [];
  const params: unknown[] = [];
  const items: OrderItem[] = input.items.map((item, i) => {
    const id = newId('itm');
    const base = params.push(id, orderId, item.stall_id, i, item.name, item.quantity, item.unit ?? 'pcs', item.unit_price_rp, item.weight_kg) - 9;
    values.push(`(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`);
    return { id, stall_id: item.stall_id, name: item.name, quantity: item.quantity, unit: item.unit ?? 'pcs', unit_price_rp: item.unit_price_rp, weight_kg: item.weight_kg, outcome: 'pending', substitute_name: null, substitute_price_rp: null };
  });
  await tx.q.query(`INSERT INTO order_items (id, order_id, stall_id, position, name, quantity, unit, unit_price_rp, weight_kg) VALUES ${values.join(', ')}`, params);
  return items;
}

/** Creates the order; call inside `app.tx`. Returns it as GET /v1/orders/:id would. */
export async function createOrder(tx: Stores, input: CreateOrder, now: Date = new Date()): Promise<Order> {
  checkWindow(input, now);
  const existing = await existingCustomer(tx, input);
  const delivery = input.delivery_location ?? existing?.address ?? input.customer!.address;
  const market = await marketFacts(tx, input, delivery);
  if (!market.inside) {
    const path = input.delivery_location ? '/body/delivery_location' : existing ? '/body/customer_id' : '/body/customer/address';
    throw new ApiError('outside_service_area', 'the delivery point is outside the market service area', [{ path, message: 'outside the service area' }]);
  }
  checkStalls(input, market.stall_ids);
  let customer = existing;
  if (!customer) {
    const created = await tx.customers.create({ ...input.customer!, market_id: input.market_id });
    customer = { id: created.id, name: created.name, phone: created.phone, landmark: created.landmark, address: created.address };
  }
  const goodsRp = input.items.reduce((sum, i) => sum + Math.round(i.quantity * i.unit_price_rp), 0);
  const weightKg = input.items.reduce((sum, i) => sum + i.weight_kg, 0);
  const feeRp = orderFeeRp(quotedLegM(Number(market.distance_m)), { baseRp: market.base_rp, perKmRp: market.per_km_rp, minRp: market.min_rp, maxRp: market.max_rp });
  const orderId = newId('ord');
  const inserted = await tx.q.query<{ created_at: Date; kind?: string }>(
    `INSERT INTO orders (id, market_id, customer_id, delivery_location, delivery_note, window_start, window_end,
       goods_total_rp, fee_rp, cod_total_rp, weight_kg, external_ref)
     VALUES ($1, $2, $3, ${pointParam(4, 5)}, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
    [orderId, input.market_id, customer.id, delivery.lon, delivery.lat, input.delivery_note ?? null, input.window?.start ?? null, input.window?.end ?? null,
      goodsRp, feeRp, goodsRp + feeRp, weightKg, input.external_ref ?? null],
  );
  const items = await insertItems(tx, orderId, input);
  await tx.events.append({
    type: 'order.created',
    marketId: input.market_id,
    orderId,
    payload: { order_id: orderId, market_id: input.market_id, status: 'created', cod_total_rp: goodsRp + feeRp, fee_rp: feeRp, weight_kg: weightKg, item_count: items.length },
  });
  const row = inserted.rows[0];
  const { id: customerId, ...contact } = customer;
  return {
    id: orderId, market_id: input.market_id, kind: row.kind ?? 'standard', status: 'created', customer_id: customerId, customer: contact,
    delivery_location: delivery, delivery_note: input.delivery_note ?? null,
    window: input.window ? { start: new Date(input.window.start).toISOString(), end: new Date(input.window.end).toISOString() } : null,
    items, goods_total_rp: goodsRp, fee_rp: feeRp, cod_total_rp: goodsRp + feeRp, cod_collected_rp: null, weight_kg: weightKg,
    parent_order_id: null, courier_id: null, route_id: null, external_ref: input.external_ref ?? null, failure_reason: null,
    version: 1, created_at: isoOf(row.created_at)!, updated_at: isoOf(row.created_at)!,
  };
}
