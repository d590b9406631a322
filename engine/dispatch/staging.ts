// Staging: an idle courier with no base, far from the market, is asked to wait near it when the orders the market
// expects soon outnumber the couriers already waiting there (an ojol driver waiting at the pasar, not across town). A
// called courier whose positions show it is not coming stops counting as on its way, so another is called instead.
import { freeWithNoWork, type DispatchCourierState, type DispatchOrderState } from './dispatch-state.js';
import { readyLaterThan } from './goods-ready.js';

export interface StagingPolicy {
  /** A courier within this distance of the market (metres) already waits near it. */
  readonly radiusM: number;
  /** Orders waiting plus those the last hour's rate brings within this long (ms) set how many couriers should wait near. */
  readonly lookaheadMs: number;
  /**
   * A called courier counts as on its way this long (ms) after the call; after that only while its positions have come
   * at least `approachM` (metres) closer to the market. One that has not no longer counts, so another is called.
   */
  readonly followCheckMs: number;
  readonly approachM: number;
  /** A courier that did not follow a call may be called again this long (ms) after it. */
  readonly recallAfterMs: number;
}

const HOUR_MS = 3_600_000;

/**
 * Orders the market needs couriers for soon: those waiting now (booked ones whose goods are ready within the lookahead)
 * plus the whole orders the last hour's rate brings within the lookahead.
 */
export function expectedOrders(orders: Iterable<DispatchOrderState>, nowMs: number, lookaheadMs: number): number {
  let pending = 0;
  let lastHour = 0;
  for (const s of orders) {
    if (s.status === 'pending' && !readyLaterThan(s.order, nowMs, lookaheadMs)) pending++;
    if (s.addedAtMs > nowMs - HOUR_MS && s.addedAtMs <= nowMs) lastHour++;
  }
  return pending + Math.floor((lastHour * lookaheadMs) / HOUR_MS);
}

/** Whether a courier called in this idle spell still counts as coming to the market (see `StagingPolicy.followCheckMs`). */
export function followingCall(c: DispatchCourierState, nowMs: number, policy: StagingPolicy): boolean {
  if (c.stagedAtMs === undefined) return false;
  return nowMs - c.stagedAtMs < policy.followCheckMs || c.distanceM <= (c.stagedFromM ?? Infinity) - policy.approachM;
}

/** true when a courier that did not follow its call may be called again now. */
function recallDue(c: DispatchCourierState, nowMs: number, policy: StagingPolicy): boolean {
  return c.callIgnored === true && nowMs - (c.stagedAtMs ?? nowMs) >= policy.recallAfterMs;
}

/**
 * Marks the calls whose courier has run out of time to show it is coming; true when the calls should be counted again
 * (a call lapsed, or an idle courier that let one pass may be called again).
 */
export function reviewCalls(couriers: Iterable<DispatchCourierState>, nowMs: number, policy: StagingPolicy): boolean {
  let recount = false;
  for (const c of couriers) {
    if (c.stagedAtMs === undefined) continue;
    if (!c.callIgnored && c.distanceM > policy.radiusM && !followingCall(c, nowMs, policy)) {
      c.callIgnored = true;
      recount = true;
    } else if (recallDue(c, nowMs, policy) && freeWithNoWork(c, nowMs)) recount = true;
  }
  return recount;
}

/**
 * Ids of the couriers to ask to wait at the market now, least earned first: idle couriers without a base, beyond the radius
 * and not asked yet in this idle spell, as many as the expected orders exceed the couriers waiting near (or on their way:
 * called and seen coming).
 */
export function stagingCalls(
  couriers: Iterable<DispatchCourierState>, orders: Iterable<DispatchOrderState>, nowMs: number, policy: StagingPolicy,
): string[] {
  let near = 0;
  const far: DispatchCourierState[] = [];
  for (const c of couriers) {
    if (!freeWithNoWork(c, nowMs)) continue;
    if (c.distanceM <= policy.radiusM || c.courier.base || followingCall(c, nowMs, policy)) near++;
    else if (c.stagedAtMs === undefined || recallDue(c, nowMs, policy)) far.push(c);
  }
  const wanted = expectedOrders(orders, nowMs, policy.lookaheadMs) - near;
  if (wanted <= 0 || far.length === 0) return [];
  // Fair work: the courier who has earned least today is asked first (then the nearest), so calls spread the fees.
  far.sort((a, b) => (a.earnedRp ?? 0) - (b.earnedRp ?? 0) || a.distanceM - b.distanceM || (a.courier.id < b.courier.id ? -1 : 1));
  return far.slice(0, wanted).map((c) => c.courier.id);
}
