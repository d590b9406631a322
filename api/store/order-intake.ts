// Order intake: checks references (market, customer, stalls of that market), the service area and the window,
// prices the delivery from the market tariff, then writes the order, its items and `order.created` in the caller's transaction.
import { DISPATCH_DEFAULTS, orderFeeRp } from '../../engine/index.js';
import { ApiError, type FieldError } from '../errors.js';
import { newId } from '../ids.js';
import type { Point } from '../schemas/common.js';
import type { CreateOrder, Order } from '../schemas/orders.js';
import { pointColumns, pointOf, pointParam } from './geo-sql.js';
import type { Stores } from './stores.js';

interface MarketFacts {
  base_rp: number;
  per_km_rp: number;
  min_rp: number;
  max_rp: number;
  distance_m: number;
  inside: boolean;
}

/** Straight-line metres × the dispatch detour factor: the road leg the fee is quoted on before a route exists. */
export function quotedLegM(straightM: number): number {
  return straightM * DISPATCH_DEFAULTS.etaDetourFactor;
}

/** The customer an order names: an existing one (`customer_id`, same market) or the inline one (created later). */
async function existingCustomer(tx: Stores, input: CreateOrder): Promise<{ id: string; address: Point } | null> {
  if (input.customer_id && input.customer) {
    throw new ApiError('validation_failed', 'send customer_id or customer, not both', [{ path: '/body/customer', message: 'must not be sent with customer_id' }]);
  }
  if (input.customer) return null;
  if (!input.customer_id) {
    throw new ApiError('validation_failed', 'an order needs customer_id or customer', [{ path: '/body/customer_id', message: 'is required without customer' }]);
  }
  const found = await tx.q.query(`SELECT id, market_id, ${pointColumns('address')} FROM customers WHERE id = $1`, [input.customer_id]);
  const row = found.rows[0];
  if (!row || (row.market_id !== null && row.market_id !== input.market_id)) {
    throw new ApiError('unknown_reference', `customer ${input.customer_id} does not exist in market ${input.market_id}`, [{ path: '/body/customer_id', message: 'no such customer in this market' }]);
  }
  return { id: row.id as string, address: pointOf(row, 'address')! };
}

async function marketFacts(tx: Stores, marketId: string, at: Point): Promise<MarketFacts> {
  const result = await tx.q.query<MarketFacts>(
    `SELECT tariff_base_rp AS base_rp, tariff_per_km_rp AS per_km_rp, tariff_min_rp AS min_rp, tariff_max_rp AS max_rp,
       ST_Distance(location, ${pointParam(2, 3)}) AS distance_m,
       CASE WHEN service_area IS NOT NULL THEN ST_Covers(service_area, ${pointParam(2, 3)})
            WHEN service_radius_m IS NOT NULL THEN ST_DWithin(location, ${pointParam(2, 3)}, service_radius_m)
            ELSE true END AS inside
     FROM markets WHERE id = $1`,
    [marketId, at.lon, at.lat],
  );
  if (!result.rows[0]) throw new ApiError('unknown_reference', `market ${marketId} does not exist`, [{ path: '/body/market_id', message: 'no such market' }]);
  return result.rows[0];
}

/** Every stall of the items exists in the order's market; otherwise 422 naming each bad line. */
async function checkStalls(tx: Stores, input: CreateOrder): Promise<void> {
  const ids = [...new Set(input.items.map((i) => i.stall_id))];
  const found = await tx.q.query<{ id: string }>('SELECT id FROM stalls WHERE id = ANY($1::text[]) AND market_id = $2', [ids, input.market_id]);
  const known = new Set(found.rows.map((r) => r.id));
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

/** Creates the order; call inside `app.tx`. */
export async function createOrder(tx: Stores, input: CreateOrder, now: Date = new Date()): Promise<Order> {
  checkWindow(input, now);
  const existing = await existingCustomer(tx, input);
  const delivery = input.delivery_location ?? existing?.address ?? input.customer!.address;
  const market = await marketFacts(tx, input.market_id, delivery);
  if (!market.inside) {
    const path = input.delivery_location ? '/body/delivery_location' : existing ? '/body/customer_id' : '/body/customer/address';
    throw new ApiError('outside_service_area', 'the delivery point is outside the market service area', [{ path, message: 'outside the service area' }]);
  }
  await checkStalls(tx, input);
  const customer = existing ?? (await tx.customers.create({ ...input.customer!, market_id: input.market_id }));
  const goodsRp = input.items.reduce((sum, i) => sum + Math.round(i.quantity * i.unit_price_rp), 0);
  const weightKg = input.items.reduce((sum, i) => sum + i.weight_kg, 0);
  const feeRp = orderFeeRp(quotedLegM(Number(market.distance_m)), { baseRp: market.base_rp, perKmRp: market.per_km_rp, minRp: market.min_rp, maxRp: market.max_rp });
  const orderId = newId('ord');
  await tx.q.query(
    `INSERT INTO orders (id, market_id, customer_id, delivery_location, delivery_note, window_start, window_end,
       goods_total_rp, fee_rp, cod_total_rp, weight_kg, external_ref)
     VALUES ($1, $2, $3, ${pointParam(4, 5)}, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [orderId, input.market_id, customer.id, delivery.lon, delivery.lat, input.delivery_note ?? null, input.window?.start ?? null, input.window?.end ?? null,
      goodsRp, feeRp, goodsRp + feeRp, weightKg, input.external_ref ?? null],
  );
  const values: string[] = [];
  const params: unknown[] = [];
  input.items.forEach((item, i) => {
    const base = params.push(newId('itm'), orderId, item.stall_id, i, item.name, item.quantity, item.unit ?? 'pcs', item.unit_price_rp, item.weight_kg) - 9;
    values.push(`(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`);
  });
  await tx.q.query(`INSERT INTO order_items (id, order_id, stall_id, position, name, quantity, unit, unit_price_rp, weight_kg) VALUES ${values.join(', ')}`, params);
  await tx.events.append({
    type: 'order.created',
    marketId: input.market_id,
    orderId,
    payload: { order_id: orderId, market_id: input.market_id, status: 'created', cod_total_rp: goodsRp + feeRp, fee_rp: feeRp, weight_kg: weightKg, item_count: input.items.length },
  });
  return (await tx.orders.get(orderId))!;
}
