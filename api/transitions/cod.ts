// Cash on delivery under control: a market's bounds (substitute price cap, largest surplus), the order's amount due
// (dear substitutes count at the original price until approved), and shortfalls or surpluses at the door recorded
// against the courier, announced to the market, and kept in the courier's COD balance until a dispatcher settles them.
import { ApiError, notFound } from '../errors.js';
import { assertMarket, type Principal } from '../auth/principal.js';
import type { Queryable } from '../db/database.js';
import type { Stores } from '../store/stores.js';
import { lockRows, type OrderRow, ORDER_COLUMNS } from './common.js';

export interface CodPolicy {
  /** A substitute may cost up to this percentage of the original unit price without approval. */
  readonly substitutionCapPct: number;
  /** Cash collected may exceed the amount due by at most this many rupiah. */
  readonly surplusMaxRp: number;
}

export const DEFAULT_COD_POLICY: CodPolicy = { substitutionCapPct: 150, surplusMaxRp: 50_000 };

export async function codPolicyOf(q: Queryable, marketId: string): Promise<CodPolicy> {
  const found = await q.query<{ substitution_cap_pct: number; surplus_max_rp: number }>(
    'SELECT substitution_cap_pct, surplus_max_rp FROM market_cod_policies WHERE market_id = $1', [marketId],
  );
  const r = found.rows[0];
  return r ? { substitutionCapPct: Number(r.substitution_cap_pct), surplusMaxRp: Number(r.surplus_max_rp) } : DEFAULT_COD_POLICY;
}

export async function setCodPolicy(q: Queryable, marketId: string, patch: Partial<CodPolicy>): Promise<CodPolicy> {
  const next = { ...(await codPolicyOf(q, marketId)), ...patch };
  await q.query(
    `INSERT INTO market_cod_policies (market_id, substitution_cap_pct, surplus_max_rp) VALUES ($1, $2, $3)
     ON CONFLICT (market_id) DO UPDATE SET substitution_cap_pct = $2, surplus_max_rp = $3, updated_at = now()`,
    [marketId, next.substitutionCapPct, next.surplusMaxRp],
  );
  return next;
}

/** The largest unit price a substitute for an item at `unitPriceRp` may have without approval. */
export function substituteCapRp(unitPriceRp: number, policy: CodPolicy): number {
  return Math.floor((unitPriceRp * policy.substitutionCapPct) / 100);
}

/** Recomputes the goods total and amount due from the items (missing: 0; substitutes awaiting approval: original price). */
export async function repriceOrder(q: Queryable, orderId: string): Promise<{ goods_total_rp: number; cod_total_rp: number }> {
  const totals = await q.query<{ goods_total_rp: number; cod_total_rp: number }>(
    `UPDATE orders o SET goods_total_rp = g.total, cod_total_rp = o.cod_total_rp - o.goods_total_rp + g.total, version = o.version + 1, updated_at = now()
       FROM (SELECT round(coalesce(sum(CASE
                 WHEN outcome = 'missing' THEN 0
                 WHEN outcome = 'substituted' AND substitute_approval IS DISTINCT FROM 'awaiting' THEN quantity * substitute_price_rp
                 ELSE quantity * unit_price_rp END), 0))::int AS total
               FROM order_items WHERE order_id = $1 AND outcome <> 'refused') g
      WHERE o.id = $1 RETURNING o.goods_total_rp, o.cod_total_rp`,
    [orderId],
  );
  return { goods_total_rp: Number(totals.rows[0].goods_total_rp), cod_total_rp: Number(totals.rows[0].cod_total_rp) };
}

/** 422 naming `path` when `collectedRp` exceeds `dueRp` by more than the market allows. */
export function assertCollectable(dueRp: number, collectedRp: number, policy: CodPolicy, path: string): void {
  if (collectedRp - dueRp > policy.surplusMaxRp) {
    throw new ApiError('unprocessable', `Rp ${collectedRp} collected exceeds the Rp ${dueRp} due by more than the market's Rp ${policy.surplusMaxRp}`, [
      { path, message: `at most Rp ${dueRp + policy.surplusMaxRp}` },
    ]);
  }
}

export interface CodOutcome {
  readonly marketId: string;
  readonly orderId: string;
  readonly courierId: string;
  readonly fleetId: string;
  readonly dueRp: number;
  readonly collectedRp: number;
  readonly at: Date;
}

/** Records a shortfall or surplus (nothing when the cash matches) and announces it to the market as `order.cod_discrepancy`. */
export async function recordCodOutcome(tx: Stores, o: CodOutcome): Promise<void> {
  if (o.collectedRp === o.dueRp) return;
  await tx.q.query(
    `INSERT INTO cod_discrepancies (order_id, market_id, courier_id, due_rp, collected_rp, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [o.orderId, o.marketId, o.courierId, o.dueRp, o.collectedRp, o.at],
  );
  const balance = await courierCodBalance(tx.q, o.courierId);
  await tx.events.append({
    type: 'order.cod_discrepancy', marketId: o.marketId, fleetId: o.fleetId, courierId: o.courierId, orderId: o.orderId,
    payload: {
      order_id: o.orderId, courier_id: o.courierId, due_rp: o.dueRp, collected_rp: o.collectedRp,
      short_rp: Math.max(0, o.dueRp - o.collectedRp), surplus_rp: Math.max(0, o.collectedRp - o.dueRp),
      courier_unsettled_short_rp: balance.unsettled_short_rp, courier_unsettled_surplus_rp: balance.unsettled_surplus_rp,
    },
  });
}

export interface CodBalance {
  readonly courier_id: string;
  /** Cash the courier still owes for orders paid short, rupiah. */
  readonly unsettled_short_rp: number;
  /** Cash taken over the amount due, not yet handed over or returned, rupiah. */
  readonly unsettled_surplus_rp: number;
  readonly unsettled_orders: number;
}

interface BalanceRow { courier_id: string; short_rp: number; surplus_rp: number; orders: number }
const BALANCE_SELECT = `SELECT courier_id, coalesce(sum(greatest(due_rp - collected_rp, 0)), 0)::int AS short_rp,
  coalesce(sum(greatest(collected_rp - due_rp, 0)), 0)::int AS surplus_rp, count(*)::int AS orders FROM cod_discrepancies`;
const balanceOf = (courierId: string, r?: BalanceRow): CodBalance => ({
  courier_id: courierId, unsettled_short_rp: Number(r?.short_rp ?? 0), unsettled_surplus_rp: Number(r?.surplus_rp ?? 0), unsettled_orders: Number(r?.orders ?? 0),
});

/** A courier's unsettled COD differences (across markets). */
export async function courierCodBalance(q: Queryable, courierId: string): Promise<CodBalance> {
  const found = await q.query<BalanceRow>(`${BALANCE_SELECT} WHERE courier_id = $1 AND settled_at IS NULL GROUP BY courier_id`, [courierId]);
  return balanceOf(courierId, found.rows[0]);
}

/** Unsettled COD differences in a market, by courier (couriers without any are left out). */
export async function marketCodBalances(q: Queryable, marketId: string): Promise<Map<string, CodBalance>> {
  const found = await q.query<BalanceRow>(`${BALANCE_SELECT} WHERE market_id = $1 AND settled_at IS NULL GROUP BY courier_id`, [marketId]);
  return new Map(found.rows.map((r) => [r.courier_id, balanceOf(r.courier_id, r)]));
}

async function lockOrder(tx: Stores, p: Principal, orderId: string): Promise<OrderRow> {
  const order = (await lockRows<OrderRow>(tx.q, 'orders', [orderId], ORDER_COLUMNS)).get(orderId);
  if (!order) throw notFound('order', orderId);
  assertMarket(p, order.market_id, 'order', orderId);
  return order;
}

/** A dispatcher settles an order's shortfall or surplus (the courier paid in, or the cash was returned). */
export async function settleCod(tx: Stores, p: Principal, orderId: string, note: string | null, now: Date): Promise<CodBalance> {
  const order = await lockOrder(tx, p, orderId);
  const settled = await tx.q.query<{ courier_id: string; due_rp: number; collected_rp: number }>(
    `UPDATE cod_discrepancies SET settled_at = $2, settled_by = $3, settlement_note = $4 WHERE order_id = $1 AND settled_at IS NULL RETURNING courier_id, due_rp, collected_rp`,
    [orderId, now, p.credentialId, note],
  );
  const row = settled.rows[0];
  if (!row) throw new ApiError('unprocessable', `order ${orderId} has no unsettled COD difference`);
  const balance = await courierCodBalance(tx.q, row.courier_id);
  await tx.events.append({
    type: 'order.cod_settled', marketId: order.market_id, courierId: row.courier_id, orderId,
    payload: { order_id: orderId, courier_id: row.courier_id, due_rp: Number(row.due_rp), collected_rp: Number(row.collected_rp), note, courier_unsettled_short_rp: balance.unsettled_short_rp, courier_unsettled_surplus_rp: balance.unsettled_surplus_rp },
  });
  return balance;
}

export type SubstituteApprover = 'customer' | 'dispatcher';

/** Approves a substitute dearer than the market's cap (the customer agreed, or the dispatcher decided); the order is repriced. */
export async function approveSubstitute(tx: Stores, p: Principal, orderId: string, itemId: string, approvedBy: SubstituteApprover): Promise<{ order: OrderRow; cod_total_rp: number }> {
  const order = await lockOrder(tx, p, orderId);
  if (order.status !== 'picking' && order.status !== 'delivering') {
    throw new ApiError('illegal_transition', `order ${orderId} is ${order.status}: substitutes are approved before delivery`, undefined, { entity: 'order', entity_id: orderId, current_state: order.status });
  }
  const updated = await tx.q.query<{ substitute_price_rp: number; unit_price_rp: number }>(
    `UPDATE order_items SET substitute_approval = $3, substitute_approved_by = $4, version = version + 1
      WHERE id = $2 AND order_id = $1 AND outcome = 'substituted' AND substitute_approval = 'awaiting' RETURNING substitute_price_rp, unit_price_rp`,
    [orderId, itemId, approvedBy === 'customer' ? 'approved_by_customer' : 'approved_by_dispatcher', p.credentialId],
  );
  if (!updated.rows[0]) throw new ApiError('unprocessable', `item ${itemId} of order ${orderId} has no substitute awaiting approval`, [{ path: '/params/itemId', message: 'no substitute awaiting approval' }]);
  const totals = await repriceOrder(tx.q, orderId);
  order.version = Number(order.version) + 1;
  await tx.events.append({
    type: 'order.substitute_approved', marketId: order.market_id, courierId: order.courier_id, orderId,
    payload: { order_id: orderId, item_id: itemId, approved_by: approvedBy, substitute_price_rp: Number(updated.rows[0].substitute_price_rp), unit_price_rp: Number(updated.rows[0].unit_price_rp), ...totals },
  });
  return { order, cod_total_rp: totals.cod_total_rp };
}
