// Moves an order no courier has accepted to another hour (or to at once): a pending offer holding it is withdrawn, the
// booked hour (and window, kept, replaced or removed) written, `order.rescheduled` recorded so the dispatcher re-plans
// it from its new hour.
import { ApiError, notFound } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import { seesMarket } from '../auth/principal.js';
import { BOOKING_HORIZON_MS, bookedHourAfterMs, RESCHEDULE_PAST_TOLERANCE_MS } from '../domain/booked-hour.js';
import type { Stores } from '../store/stores.js';
import { checkVersion, lockMarkets, lockRows, type OrderRow, ORDER_COLUMNS, pendingOffersTouching } from './common.js';
import { closePendingOffers } from './offers.js';

/** States in which no courier has accepted the order yet: its hour may still move. */
export const RESCHEDULABLE_STATES: readonly string[] = ['created', 'batched', 'offered'];

export interface RescheduleInput {
  /** The new hour (epoch ms), or null for at once. */
  readonly bookedForMs: number | null;
  /** A new delivery window (epoch ms); null removes the order's window; undefined keeps it. */
  readonly window?: { readonly startMs: number; readonly endMs: number } | null;
}

interface ScheduleRow extends OrderRow {
  kind: string;
  booked_for: Date | string | null;
  window_start: Date | string | null;
  window_end: Date | string | null;
  source_fleet_id: string | null;
}
const SCHEDULE_COLUMNS = `${ORDER_COLUMNS}, kind, booked_for, window_start, window_end, source_fleet_id`;

const msOf = (v: Date | string | null): number | null => (v === null ? null : new Date(v).getTime());
const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const unprocessable = (detail: string, path: string, message: string) => new ApiError('unprocessable', detail, [{ path, message }]);

/** Admins, dispatchers of the order's market and the fleet that placed it; others see 404. */
function assertMayReschedule(p: Principal, order: ScheduleRow): void {
  const mine = p.role === 'fleet' ? order.source_fleet_id === p.fleetId : seesMarket(p, order.market_id);
  if (!mine) throw notFound('order', order.id);
}

/**
 * 409 `order_not_reschedulable` naming the state once a courier has accepted the order or it has ended; and for an
 * exchange, whose refused goods a courier already carries (its wait counts from the order it came from).
 */
function assertWaits(order: ScheduleRow): void {
  const extra = { entity_id: order.id, current_state: order.status, current_version: Number(order.version), kind: order.kind, reschedulable_states: RESCHEDULABLE_STATES };
  if (order.kind === 'exchange') {
    throw new ApiError('order_not_reschedulable', `order ${order.id} is an exchange: a courier carries its refused goods, so it cannot move to another hour`, undefined, extra);
  }
  if (RESCHEDULABLE_STATES.includes(order.status)) return;
  throw new ApiError('order_not_reschedulable', `order ${order.id} is ${order.status}: only an order no courier has accepted yet can move to another hour`, undefined, extra);
}

/** The intake's rules for the new hour and window (422 naming the field), the window checked against the hour asked. */
function checkSchedule(input: RescheduleInput, windowEndMs: number | null, nowMs: number): void {
  const asked = input.bookedForMs;
  if (asked !== null && asked > nowMs + BOOKING_HORIZON_MS) throw unprocessable('an order may be booked at most 7 days ahead', '/body/booked_for', 'must be within 7 days');
  if (asked !== null && asked < nowMs - RESCHEDULE_PAST_TOLERANCE_MS) throw unprocessable('the new hour has already passed', '/body/booked_for', 'must not be in the past');
  if (input.window) {
    if (!(input.window.endMs > input.window.startMs)) throw unprocessable('the delivery window ends before it starts', '/body/window/end', 'must be after window.start');
    if (input.window.endMs <= nowMs) throw unprocessable('the delivery window has already closed', '/body/window/end', 'must be in the future');
  }
  if (asked !== null && windowEndMs !== null && windowEndMs <= asked) {
    const path = input.window ? '/body/window/end' : '/body/booked_for';
    throw unprocessable('the delivery window closes before the new hour; send a new window with it', path, input.window ? 'must be after booked_for' : 'must be before the order\'s window closes');
  }
}

/** Reschedules order `orderId`; returns the order row as it now stands (status, version). */
export async function rescheduleOrder(tx: Stores, p: Principal, orderId: string, input: RescheduleInput, opts: { expectedVersion?: number; now: Date }): Promise<OrderRow> {
  const read = await tx.q.query<ScheduleRow>(`SELECT ${SCHEDULE_COLUMNS} FROM orders WHERE id = $1`, [orderId]);
  if (read.rows[0] === undefined) throw notFound('order', orderId);
  assertMayReschedule(p, read.rows[0]);
  await lockMarkets(tx.q, [read.rows[0].market_id]);
  const locked = (await lockRows<ScheduleRow>(tx.q, 'orders', [orderId], SCHEDULE_COLUMNS)).get(orderId)!;
  checkVersion('order', locked, opts.expectedVersion);
  assertWaits(locked);
  const nowMs = opts.now.getTime();
  checkSchedule(input, input.window !== undefined ? (input.window?.endMs ?? null) : msOf(locked.window_end), nowMs);
  const offers = await pendingOffersTouching(tx.q, [orderId], []);
  await closePendingOffers(tx, offers.map((o) => o.id), 'withdraw', 'order_rescheduled', opts.now);
  const order = (await lockRows<ScheduleRow>(tx.q, 'orders', [orderId], SCHEDULE_COLUMNS)).get(orderId)!; // batched again once its offer is withdrawn
  const previousMs = msOf(order.booked_for);
  const bookedForMs = bookedHourAfterMs(input.bookedForMs, previousMs, nowMs);
  const kept = order.window_start !== null && order.window_end !== null ? { startMs: msOf(order.window_start)!, endMs: msOf(order.window_end)! } : null;
  const window = input.window === undefined ? kept : input.window;
  const updated = await tx.q.query<{ version: number }>(
    `UPDATE orders SET booked_for = $2, window_start = $3, window_end = $4, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [orderId, isoOf(bookedForMs), isoOf(window?.startMs ?? null), isoOf(window?.endMs ?? null)],
  );
  order.version = Number(updated.rows[0].version);
  await tx.events.append({
    type: 'order.rescheduled', marketId: order.market_id, orderId, fleetId: order.source_fleet_id,
    payload: {
      order_id: orderId, status: order.status, previous_booked_for: isoOf(previousMs), booked_for: isoOf(bookedForMs),
      window_start: isoOf(window?.startMs ?? null), window_end: isoOf(window?.endMs ?? null), withdrawn_offer_ids: offers.map((o) => o.id), version: order.version,
    },
  });
  return order;
}
