// Stop events from the courier: arrived, picked up (per-item outcome), delivered (COD collected), failed (reason).

import { itemMachine, PICK_OUTCOME_EVENT, type PickOutcome } from '../domain/item-machine.js';
import { orderMachine } from '../domain/order-machine.js';
import { stopMachine } from '../domain/stop-machine.js';
import { ApiError, type FieldError } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import type { Stores } from '../store/stores.js';
import { applyTransition, occurredAtPayload, step } from './common.js';
import { assertCollectable, codPolicyOf, recordCodOutcome, repriceOrder, substituteCapRp } from './cod.js';
import { completeRouteIfDone } from './route-done.js';
import { substitutesFromCatalogue } from '../store/substitute-catalogue.js';
import { type LockedStop, lockStop } from './stop-read.js';

/** `now` is the server's clock; `occurredAt` the courier's tap (X-Occurred-At), recorded when given. */
type Opts = { expectedVersion?: number; now: Date; occurredAt?: Date };

function subjectOf(s: LockedStop) {
  return { marketId: s.marketId, fleetId: s.courier.fleet_id, courierId: s.courier.id, orderId: s.order.id };
}

/** The courier is at the stop; at a first stall the order starts picking. Delivery needs all goods on board. */
export async function arriveAtStop(tx: Stores, p: Principal, stopId: string, opts: Opts): Promise<LockedStop> {
  const s = await lockStop(tx, p, stopId, opts.expectedVersion);
  const at = opts.occurredAt ?? opts.now;
  if (s.stop.kind === 'delivery') step(orderMachine, s.order, 'deliver');
  await applyTransition(tx, { machine: stopMachine, table: 'stops', row: s.stop, event: 'arrive', set: 'arrived_at = $3', params: [at], subject: subjectOf(s), payload: { kind: s.stop.kind }, occurredAt: at });
  if (s.stop.kind !== 'delivery' && s.order.status === 'assigned') {
    await applyTransition(tx, { machine: orderMachine, table: 'orders', row: s.order, event: 'start_picking', subject: subjectOf(s), payload: { stop_id: stopId }, occurredAt: at });
  }
  return s;
}

/** One reported item at a stall. */
export interface ItemReport {
  readonly item_id: string;
  readonly outcome: PickOutcome;
  readonly substitute_name?: string;
  readonly substitute_price_rp?: number;
  /** A substitute from the same stall's catalogue: its name and price come from there. */
  readonly substitute_catalogue_item_id?: string;
  readonly note?: string;
}

interface ItemRow { id: string; outcome: string; version: number; quantity: number; unit_price_rp: number }

function checkReports(items: ItemRow[], reports: readonly ItemReport[]): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Map(items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  reports.forEach((r, i) => {
    const path = `/body/items/${i}`;
    if (!known.has(r.item_id)) errors.push({ path: `${path}/item_id`, message: 'is not an item to pick at this stop' });
    else if (seen.has(r.item_id)) errors.push({ path: `${path}/item_id`, message: 'is reported twice' });
    seen.add(r.item_id);
    const substitute = r.substitute_name !== undefined || r.substitute_price_rp !== undefined;
    if (r.outcome === 'substituted' && (r.substitute_name === undefined || r.substitute_price_rp === undefined)) errors.push({ path, message: 'a substitution needs substitute_name and substitute_price_rp' });
    if (r.outcome !== 'substituted' && substitute) errors.push({ path, message: 'only a substitution has a substitute' });
  });
  for (const item of items) if (!seen.has(item.id)) errors.push({ path: '/body/items', message: `item ${item.id} is not reported` });
  return errors;
}

/** Records every item of the stop's stall (picked / missing / substituted), reprices the order, completes the stop. */
export async function pickUpAtStop(tx: Stores, p: Principal, stopId: string, reported: readonly ItemReport[], opts: Opts): Promise<LockedStop> {
  const s = await lockStop(tx, p, stopId, opts.expectedVersion);
  const at = opts.occurredAt ?? opts.now;
  if (s.stop.kind !== 'pickup' && s.stop.kind !== 'return') throw new ApiError('unprocessable', `stop ${stopId} is a ${s.stop.kind} stop, not a pickup`);
  const reports = await substitutesFromCatalogue(tx.q, s.stop.stall_id, reported);
  const found = await tx.q.query<ItemRow>(
    `SELECT id, outcome, version, quantity, unit_price_rp FROM order_items WHERE order_id = $1 AND stall_id = $2 ORDER BY position FOR UPDATE`,
    [s.order.id, s.stop.stall_id],
  );
  const items = found.rows.filter((i) => i.outcome === 'pending');
  step(stopMachine, s.stop, 'complete');
  const errors = checkReports(items, reports);
  if (errors.length > 0) throw new ApiError('unprocessable', 'the item report does not match the stop', errors);
  // A substitute dearer than the market's cap waits for the customer's or a dispatcher's approval and is charged at
  // the original price until then: the courier's word alone cannot raise the amount due beyond the cap.
  const policy = await codPolicyOf(tx.q, s.marketId);
  const byId = new Map(items.map((i) => [i.id, i]));
  const awaiting: { item_id: string; unit_price_rp: number; substitute_price_rp: number; cap_rp: number }[] = [];
  for (const r of reports) {
    const outcome = step(itemMachine, { id: r.item_id, status: 'pending' }, PICK_OUTCOME_EVENT[r.outcome]);
    let approval: string | null = null;
    if (r.outcome === 'substituted') {
      const unitPriceRp = Number(byId.get(r.item_id)!.unit_price_rp);
      const capRp = substituteCapRp(unitPriceRp, policy);
      approval = r.substitute_price_rp! <= capRp ? 'within_cap' : 'awaiting';
      if (approval === 'awaiting') awaiting.push({ item_id: r.item_id, unit_price_rp: unitPriceRp, substitute_price_rp: r.substitute_price_rp!, cap_rp: capRp });
    }
    await tx.q.query(`UPDATE order_items SET outcome = $2, substitute_name = $3, substitute_price_rp = $4, note = $5, substitute_approval = $6, version = version + 1 WHERE id = $1`, [
      r.item_id, outcome, r.substitute_name ?? null, r.substitute_price_rp ?? null, r.note ?? null, approval,
    ]);
  }
  // Missing goods are not paid for; a substitute is paid at its own unit price (within the cap or approved). COD keeps the fee on top.
  const { goods_total_rp, cod_total_rp } = await repriceOrder(tx.q, s.order.id);
  s.order.version = Number(s.order.version) + 1;
  if (awaiting.length > 0) {
    await tx.events.append({ type: 'order.substitute_awaiting_approval', ...subjectOf(s), payload: { order_id: s.order.id, stop_id: stopId, items: awaiting, substitution_cap_pct: policy.substitutionCapPct } });
  }
  await applyTransition(tx, { machine: stopMachine, table: 'stops', row: s.stop, event: 'complete', set: 'completed_at = $3', params: [at], subject: subjectOf(s), payload: { kind: s.stop.kind }, occurredAt: at });
  await tx.events.append({ type: 'order.items_picked', ...subjectOf(s), payload: { order_id: s.order.id, stop_id: stopId, stall_id: s.stop.stall_id, items: reports, goods_total_rp, cod_total_rp, ...occurredAtPayload(at) } });
  const open = await tx.q.query(`SELECT 1 FROM stops WHERE route_id = $1 AND order_id = $2 AND kind IN ('pickup', 'return') AND status IN ('pending', 'arrived') LIMIT 1`, [s.stop.route_id, s.order.id]);
  if (open.rows.length === 0 && s.order.status === 'picking') {
    await applyTransition(tx, { machine: orderMachine, table: 'orders', row: s.order, event: 'depart', subject: subjectOf(s), payload: { goods_total_rp, cod_total_rp }, occurredAt: at });
  }
  return s;
}

/** Hands the goods over and records the cash taken; the order is delivered. */
export async function deliverAtStop(tx: Stores, p: Principal, stopId: string, codCollectedRp: number, opts: Opts): Promise<LockedStop> {
  const s = await lockStop(tx, p, stopId, opts.expectedVersion);
  if (s.stop.kind !== 'delivery') throw new ApiError('unprocessable', `stop ${stopId} is a ${s.stop.kind} stop, not a delivery`);
  const at = opts.occurredAt ?? opts.now;
  step(stopMachine, s.stop, 'complete');
  const due = await tx.q.query<{ cod_total_rp: number }>('SELECT cod_total_rp FROM orders WHERE id = $1', [s.order.id]);
  const codTotalRp = Number(due.rows[0].cod_total_rp);
  assertCollectable(codTotalRp, codCollectedRp, await codPolicyOf(tx.q, s.marketId), '/body/cod_collected_rp');
  await applyTransition(tx, { machine: orderMachine, table: 'orders', row: s.order, event: 'deliver', set: 'cod_collected_rp = $3, delivered_at = $4', params: [codCollectedRp, at], subject: subjectOf(s), payload: { cod_total_rp: codTotalRp, cod_collected_rp: codCollectedRp, cod_short_rp: codTotalRp - codCollectedRp }, occurredAt: at });
  await applyTransition(tx, { machine: stopMachine, table: 'stops', row: s.stop, event: 'complete', set: 'completed_at = $3, cod_collected_rp = $4', params: [at, codCollectedRp], subject: subjectOf(s), payload: { kind: 'delivery' }, occurredAt: at });
  await recordCodOutcome(tx, { marketId: s.marketId, orderId: s.order.id, courierId: s.courier.id, fleetId: s.courier.fleet_id, dueRp: codTotalRp, collectedRp: codCollectedRp, at });
  await completeRouteIfDone(tx, s.stop.route_id, at);
  return s;
}

export const FAILURE_REASONS = ['customer_absent', 'customer_refused', 'address_not_found', 'stall_closed', 'goods_unavailable', 'vehicle_breakdown', 'unsafe', 'other'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** The stop cannot be done: it fails, its order fails and the order's other open stops on the route are cancelled. */
export async function failAtStop(tx: Stores, p: Principal, stopId: string, reason: FailureReason, note: string | null, opts: Opts): Promise<LockedStop> {
  const s = await lockStop(tx, p, stopId, opts.expectedVersion);
  step(stopMachine, s.stop, 'fail');
  const at = opts.occurredAt ?? opts.now;
  const text = note ? `${reason}: ${note}` : reason;
  await applyTransition(tx, { machine: orderMachine, table: 'orders', row: s.order, event: 'fail', set: 'failure_reason = $3', params: [text], subject: subjectOf(s), payload: { reason, note, stop_id: stopId }, occurredAt: at });
  await applyTransition(tx, { machine: stopMachine, table: 'stops', row: s.stop, event: 'fail', set: 'failure_reason = $3, completed_at = $4', params: [text, at], subject: subjectOf(s), payload: { kind: s.stop.kind, reason }, occurredAt: at });
  await tx.q.query(`UPDATE stops SET status = 'cancelled', version = version + 1 WHERE route_id = $1 AND order_id = $2 AND status IN ('pending', 'arrived')`, [s.stop.route_id, s.order.id]);
  await completeRouteIfDone(tx, s.stop.route_id, at);
  return s;
}
