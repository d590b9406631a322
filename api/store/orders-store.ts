// Orders and their items: read one (with items and customer), read many, list with filters and a cursor.
import type { Queryable } from '../db/database.js';
import type { Order, OrderItem } from '../schemas/orders.js';
import { deliveryEtaSql } from './delivery-eta.js';
import { isoOf, pointColumns, pointOf } from './geo-sql.js';

export const ORDER_SELECT = `o.id, o.market_id, o.kind, o.status, o.customer_id, ${pointColumns('o.delivery_location', 'delivery')},
  o.delivery_note, o.window_start, o.window_end, o.booked_for, o.goods_total_rp, o.fee_rp, o.cod_total_rp, o.cod_collected_rp, o.weight_kg,
  o.parent_order_id, o.courier_id, o.route_id, o.external_ref, o.source_fleet_id, o.failure_reason, o.dispatch_issue, o.version, o.created_at, o.updated_at,
  ${deliveryEtaSql('o')} AS delivery_eta, o.told_eta,
  c.name AS customer_name, c.phone AS customer_phone, ${pointColumns('c.address', 'customer')}, c.landmark AS customer_landmark`;

export const ORDER_FROM = 'orders o JOIN customers c ON c.id = o.customer_id';

const ITEM_SELECT = 'id, order_id, stall_id, name, quantity, unit, unit_price_rp, weight_kg, outcome, substitute_name, substitute_price_rp, catalogue_item_id, free_text, ready_at';

export function itemOfRow(r: Record<string, unknown>): OrderItem {
  return {
    id: r.id as string,
    stall_id: r.stall_id as string,
    name: r.name as string,
    quantity: Number(r.quantity),
    unit: r.unit as string,
    unit_price_rp: r.unit_price_rp as number,
    weight_kg: Number(r.weight_kg),
    outcome: r.outcome as string,
    substitute_name: (r.substitute_name as string | null) ?? null,
    substitute_price_rp: (r.substitute_price_rp as number | null) ?? null,
    catalogue_item_id: (r.catalogue_item_id as string | null) ?? null,
    free_text: (r.free_text as boolean | null) ?? true,
    ready_at: isoOf(r.ready_at),
  };
}

export function orderOfRow(r: Record<string, unknown>, items: OrderItem[]): Order {
  return {
    id: r.id as string,
    market_id: r.market_id as string,
    kind: (r.kind as string | undefined) ?? 'standard',
    status: r.status as string,
    customer_id: r.customer_id as string,
    customer: { name: r.customer_name as string, phone: r.customer_phone as string, address: pointOf(r, 'customer')!, landmark: (r.customer_landmark as string | null) ?? null },
    delivery_location: pointOf(r, 'delivery')!,
    delivery_note: (r.delivery_note as string | null) ?? null,
    window: r.window_start && r.window_end ? { start: isoOf(r.window_start)!, end: isoOf(r.window_end)! } : null,
    booked_for: isoOf(r.booked_for) ?? null,
    delivery_eta: isoOf(r.delivery_eta),
    told_eta: isoOf(r.told_eta),
    items,
    goods_total_rp: r.goods_total_rp as number,
    fee_rp: r.fee_rp as number,
    cod_total_rp: r.cod_total_rp as number,
    cod_collected_rp: (r.cod_collected_rp as number | null) ?? null,
    weight_kg: Number(r.weight_kg),
    parent_order_id: (r.parent_order_id as string | null) ?? null,
    courier_id: (r.courier_id as string | null) ?? null,
    route_id: (r.route_id as string | null) ?? null,
    external_ref: (r.external_ref as string | null) ?? null,
    source_fleet_id: (r.source_fleet_id as string | null) ?? null,
    failure_reason: (r.failure_reason as string | null) ?? null,
    dispatch_issue: (r.dispatch_issue as string | null) ?? null,
    version: r.version as number,
    created_at: isoOf(r.created_at)!,
    updated_at: isoOf(r.updated_at)!,
  };
}

/** Filters of GET /v1/orders; the scope fields come from the caller's principal, not the query. */
export interface ListOrdersFilter {
  readonly afterId?: string;
  readonly limit: number;
  readonly marketIds?: readonly string[];
  readonly statuses?: readonly string[];
  readonly courierId?: string;
  readonly customerId?: string;
  /** Only orders this fleet placed or its couriers hold. */
  readonly fleetId?: string;
  readonly createdAfter?: string;
  readonly createdBefore?: string;
}

export class OrdersStore {
  constructor(private readonly q: Queryable) {}

  /** Orders by id, each with its items (in line order); missing ids are skipped. Result follows `ids` order. */
  async getMany(ids: readonly string[]): Promise<Order[]> {
    if (ids.length === 0) return [];
    const rows = await this.q.query(`SELECT ${ORDER_SELECT} FROM ${ORDER_FROM} WHERE o.id = ANY($1::text[])`, [ids]);
    const items = await this.q.query(`SELECT ${ITEM_SELECT} FROM order_items WHERE order_id = ANY($1::text[]) ORDER BY order_id, position`, [ids]);
    const byOrder = new Map<string, OrderItem[]>();
    for (const item of items.rows) {
      const list = byOrder.get(item.order_id as string) ?? [];
      list.push(itemOfRow(item));
      byOrder.set(item.order_id as string, list);
    }
    const byId = new Map(rows.rows.map((r) => [r.id as string, orderOfRow(r, byOrder.get(r.id as string) ?? [])]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  async get(id: string): Promise<Order | null> {
    return (await this.getMany([id]))[0] ?? null;
  }

  /** Orders ordered by id, `limit + 1` of them for the pager. */
  async list(filter: ListOrdersFilter): Promise<Order[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.afterId) where.push(`o.id > $${params.push(filter.afterId)}`);
    if (filter.marketIds) where.push(`o.market_id = ANY($${params.push(filter.marketIds)}::text[])`);
    if (filter.statuses && filter.statuses.length > 0) where.push(`o.status = ANY($${params.push(filter.statuses)}::text[])`);
    if (filter.courierId) where.push(`o.courier_id = $${params.push(filter.courierId)}`);
    if (filter.customerId) where.push(`o.customer_id = $${params.push(filter.customerId)}`);
    if (filter.fleetId) {
      const fleet = params.push(filter.fleetId);
      where.push(`(o.source_fleet_id = $${fleet} OR o.courier_id IN (SELECT id FROM couriers WHERE fleet_id = $${fleet}))`);
    }
    if (filter.createdAfter) where.push(`o.created_at >= $${params.push(filter.createdAfter)}::timestamptz`);
    if (filter.createdBefore) where.push(`o.created_at < $${params.push(filter.createdBefore)}::timestamptz`);
    const sql = `SELECT o.id FROM orders o ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.id LIMIT $${params.push(filter.limit + 1)}`;
    const ids = (await this.q.query<{ id: string }>(sql, params)).rows.map((r) => r.id);
    return this.getMany(ids);
  }
}
