// The write of order intake as one statement: chained data-modifying CTEs insert the new customer (if any), the
// order, its items (from unnest'ed arrays), `order.created` and the Idempotency-Key with its response. One statement
// is atomic without BEGIN/COMMIT; with a key, every insert is gated on the key being free, so a twin writes nothing.
import { preparedName, type Queryable } from '../db/database.js';
import type { EventRecord } from './events-store.js';
import { recordSql, type IdempotencyRecord } from './idempotency-store.js';
import { pointParam } from './geo-sql.js';
import type { Order } from '../schemas/orders.js';

/** A customer created with the order (inline `customer` in the request). */
export interface NewCustomer {
  readonly id: string;
  readonly marketId: string;
  readonly name: string;
  readonly phone: string;
  readonly address: { lon: number; lat: number };
  readonly landmark: string | null;
}

export interface OrderWrite {
  /** The order exactly as the response carries it (its id, items, totals, timestamps). */
  readonly order: Order;
  readonly newCustomer: NewCustomer | null;
  readonly eventId: string;
  readonly eventPayload: Record<string, unknown>;
  readonly idempotency: IdempotencyRecord | null;
}

/** Runs the statement; returns the appended event, or null when the Idempotency-Key was taken (nothing written). */
export async function writeOrder(q: Queryable, w: OrderWrite): Promise<EventRecord | null> {
  const params: unknown[] = [];
  const $ = (value: unknown, type: string): string => `$${params.push(value)}::${type}`;
  const ctes: string[] = [];
  let gate = '';
  if (w.idempotency) {
    ctes.push(`k AS (${recordSql(w.idempotency, 201, JSON.stringify(w.order), params)})`);
    gate = 'WHERE EXISTS (SELECT 1 FROM k)';
  }
  const c = w.newCustomer;
  if (c) {
    const lon = params.push(c.address.lon);
    params.push(c.address.lat);
    ctes.push(`c AS (INSERT INTO customers (id, market_id, name, phone, address, landmark)
      SELECT ${$(c.id, 'text')}, ${$(c.marketId, 'text')}, ${$(c.name, 'text')}, ${$(c.phone, 'text')}, ${pointParam(lon, lon + 1)}, ${$(c.landmark, 'text')} ${gate})`);
  }
  const o = w.order;
  const lon = params.push(o.delivery_location.lon);
  params.push(o.delivery_location.lat);
  ctes.push(`o AS (INSERT INTO orders (id, market_id, customer_id, delivery_location, delivery_note, window_start, window_end, booked_for,
      goods_total_rp, fee_rp, cod_total_rp, weight_kg, external_ref, source_fleet_id, created_at, updated_at)
    SELECT ${$(o.id, 'text')}, ${$(o.market_id, 'text')}, ${$(o.customer_id, 'text')}, ${pointParam(lon, lon + 1)}, ${$(o.delivery_note, 'text')},
      ${$(o.window?.start ?? null, 'timestamptz')}, ${$(o.window?.end ?? null, 'timestamptz')}, ${$(o.booked_for, 'timestamptz')}, ${$(o.goods_total_rp, 'int')}, ${$(o.fee_rp, 'int')},
      ${$(o.cod_total_rp, 'int')}, ${$(o.weight_kg, 'float8')}, ${$(o.external_ref, 'text')}, ${$(o.source_fleet_id, 'text')}, ${$(o.created_at, 'timestamptz')}, ${$(o.updated_at, 'timestamptz')} ${gate})`);
  const items = o.items;
  ctes.push(`i AS (INSERT INTO order_items (id, order_id, stall_id, position, name, quantity, unit, unit_price_rp, weight_kg, catalogue_item_id, ready_at)
    SELECT u.id, ${$(o.id, 'text')}, u.stall_id, u.position, u.name, u.quantity, u.unit, u.unit_price_rp, u.weight_kg, u.catalogue_item_id, u.ready_at
    FROM unnest(${$(items.map((it) => it.id), 'text[]')}, ${$(items.map((it) => it.stall_id), 'text[]')}, ${$(items.map((_, n) => n), 'int[]')},
      ${$(items.map((it) => it.name), 'text[]')}, ${$(items.map((it) => it.quantity), 'float8[]')}, ${$(items.map((it) => it.unit), 'text[]')},
      ${$(items.map((it) => it.unit_price_rp), 'int[]')}, ${$(items.map((it) => it.weight_kg), 'float8[]')},
      ${$(items.map((it) => it.catalogue_item_id ?? null), 'text[]')}, ${$(items.map((it) => it.ready_at ?? null), 'timestamptz[]')})
      AS u (id, stall_id, position, name, quantity, unit, unit_price_rp, weight_kg, catalogue_item_id, ready_at) ${gate})`);
  ctes.push(`e AS (INSERT INTO events (id, type, market_id, order_id, payload)
    SELECT ${$(w.eventId, 'text')}, 'order.created', ${$(o.market_id, 'text')}, ${$(o.id, 'text')}, ${$(JSON.stringify(w.eventPayload), 'jsonb')} ${gate}
    RETURNING seq, created_at)`);
  // Four texts at most (with or without a new customer, with or without a key): prepared once per connection.
  const sql = `WITH ${ctes.join(',\n  ')}\nSELECT seq, created_at FROM e`;
  const result = await q.query<{ seq: number; created_at: Date }>(sql, params, { name: preparedName(sql) });
  const row = result.rows[0];
  if (!row) return null;
  return {
    seq: Number(row.seq), id: w.eventId, type: 'order.created', marketId: o.market_id, fleetId: null, courierId: null, orderId: o.id,
    payload: w.eventPayload, createdAt: row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at)),
  };
}
