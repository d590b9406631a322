// Tunables of the live dispatch loop per market: batching, offers, courier pool, staleness, ETAs, tariff and objective.
import type { ClickToDoorInput } from '../model/problem-input.js';
import type { StagingPolicy } from './staging.js';
import { STALL_WALKING, type StallWalking } from './stall-walking.js';

/** A market's delivery tariff: base + per km of the delivery leg, clamped, integer rupiah. */
export interface Tariff {
  readonly baseRp: number;
  readonly perKmRp: number;
  readonly minRp: number;
  readonly maxRp: number;
}

export interface CourierPoolPolicy {
  /** Ojol couriers farther than this from the market (metres) are not candidates. */
  readonly ojolRadiusM: number;
  /** At most this many couriers without work join one problem (pangkalan first); couriers with work always do. */
  readonly maxCouriers: number;
  /** A position older than this (ms) is stale. */
  readonly stalePositionMs: number;
  /** `exclude`: stale couriers get no new work; `penalise`: they do, at `staleFixedCost` extra. */
  readonly stale: 'exclude' | 'penalise';
  readonly staleFixedCost: number;
}

export interface DispatchConfig {
  /** A batch is planned this long (ms) after the first order of the batch started waiting. */
  readonly batchWindowMs: number;
  /** …or as soon as this many orders wait. */
  readonly batchMaxOrders: number;
  /** An offer not answered within this time (ms) expires. */
  readonly offerTtlMs: number;
  /**
   * When a fleet's couriers lately answered late or let offers expire, its offers get up to this long (ms): the slowest
   * of the fleet's last answers in the market (an expiry counts as its whole TTL) plus a quarter. Equal to offerTtlMs:
   * every offer has the same TTL. The cost: a courier who never answers holds its orders this long.
   */
  readonly offerTtlMaxMs: number;
  /** A courier who let an offer expire gets no new offer for this long (ms). */
  readonly offerCooldownMs: number;
  /** false: only couriers with no accepted route get offers (their routes are still re-sequenced). */
  readonly offerToBusyCouriers: boolean;
  readonly pool: CourierPoolPolicy;
  readonly tariff: Tariff;
  /** Straight-line speed and detour factor that estimate the leg from a live position to the next stop. */
  readonly etaSpeedMps: number;
  readonly etaDetourFactor: number;
  /** An `eta.updated` event is emitted only when some stop's ETA moves at least this much (ms). */
  readonly etaThresholdMs: number;
  /** `kpi` events at most this often (ms). */
  readonly kpiIntervalMs: number;
  /** Lateness is priced, not forbidden: a live order is delivered late rather than dropped. */
  readonly softTimeWindows: boolean;
  /** Cost of moving an already planned order to another courier. */
  readonly stabilityCost: number;
  /** Solver time budget per batch (ms). */
  readonly solveTimeLimitMs: number;
  /** A courier may finish the trip in hand this long (ms) after its shift end; plans may run into it. */
  readonly shiftGraceMs: number;
  /** At most this many orders on one courier's route (a motorbike bag); a plan never offers more. */
  readonly maxOrdersPerRoute: number;
  /** An order is planned at once, without waiting for the batch, when its slack to the promise falls below this (ms). */
  readonly slackTriggerMs: number;
  /** A new order is planned at once when a courier with no work waits for one (no batching wait). */
  readonly planOnIdleCourier: boolean;
  /** Cost per second of lateness past the promise (soft: an order is delivered late rather than dropped). */
  readonly latenessCostPerS: number;
  /** Fair work: each place further back in a fleet's idle queue costs this much (longest idle first at equal cost). */
  readonly idleQueueStepCost: number;
  /** Fair work: cost per rupiah a courier earned today above the least-earning courier of its fleet in the plan. */
  readonly earningsBalanceCostPerRp: number;
  /**
   * Orders accepted but not yet picked up may move to another courier when the plan serves customers better that way
   * (the stability cost is the bar): the first courier sees `order.unassigned` with reason `moved`, the other an offer.
   * The stop a courier is driving to never moves, and orders move only to a courier with no work. Off by default: on
   * the four field scenarios moving made click-to-door and on-time slightly worse at the present stability cost.
   */
  readonly moveAcceptedOrders: boolean;
  /**
   * A new order planned onto the route of a courier with accepted work is offered only when that courier will reach the
   * order's first stop within this long (ms); until then it stays pending and is planned again (delayed commitment).
   */
  readonly commitHorizonMs: number;
  /** Any courier is offered a new order only once its goods are ready within this long (ms): a booked order waits in plans. */
  readonly offerBeforeReadyMs: number;
  /**
   * An order whose goods are ready later than this (ms) ahead, such as one booked for a later hour, stays out of plans
   * (and of staging's count) until then; it still counts as pending.
   */
  readonly planAheadMs: number;
  /** Idle couriers without a base are asked to wait near the market when orders are expected soon; null: never. */
  readonly staging: StagingPolicy | null;
  /** Click-to-door pricing: a city that pays for speed raises it, one that pays for fewer courier-km lowers it; null: off. */
  readonly clickToDoor: ClickToDoorInput | null;
  /**
   * Keeping the hour customers are told: once a courier accepts an order, a later plan that brings its door more than
   * `slackMs` past the hour on the accepted route pays `costPerS` per second beyond; null: off.
   */
  readonly toldHour: { readonly slackMs: number; readonly costPerS: number } | null;
  /** Plans walk the legs between the market's stalls and park once on entering it; null: stall legs are ridden. */
  readonly stallWalking: StallWalking | null;
  /**
   * Plans price an ojol courier's ride back to the market after its last door, as a pangkalan courier's ride to its
   * base (not for a courier going off within the hour): orders that share a trip share one ride back, so the plan fills
   * a trip rather than send another courier out. The courier is not asked to ride back (staging does that).
   */
  readonly priceRideBack: boolean;
}

export const DEFAULT_TARIFF: Tariff = { baseRp: 5_000, perKmRp: 2_000, minRp: 8_000, maxRp: 15_000 };

export const DISPATCH_DEFAULTS: DispatchConfig = {
  batchWindowMs: 30_000,
  batchMaxOrders: 8,
  offerTtlMs: 45_000,
  offerTtlMaxMs: 90_000,
  offerCooldownMs: 60_000,
  offerToBusyCouriers: true,
  pool: { ojolRadiusM: 3_000, maxCouriers: 25, stalePositionMs: 120_000, stale: 'penalise', staleFixedCost: 3_600 },
  tariff: DEFAULT_TARIFF,
  etaSpeedMps: 5.5,
  etaDetourFactor: 1.35,
  etaThresholdMs: 30_000,
  kpiIntervalMs: 5_000,
  softTimeWindows: true,
  stabilityCost: 600,
  solveTimeLimitMs: 500,
  shiftGraceMs: 30 * 60_000,
  maxOrdersPerRoute: 6,
  slackTriggerMs: 20 * 60_000,
  planOnIdleCourier: true,
  latenessCostPerS: 60,
  // Fair work at equal cost; a market whose ojol drivers need a flatter spread raises these (dispatch_objective):
  // 60 and 0.05 took Jakarta's ojol earnings CV from 64 to 52 % but cost 2–4 min click-to-door on the other days.
  // 0.003 against 0.01 per rupiah, side by side on the field days (jejaring, click-to-door mean, worst fleet's CV):
  // Pasar Senen 32.1 -> 30.4 min on 6 draws (a courier starting at 10:00 with nothing earned made everyone who rode
  // since 06:00 dear), Bekasi-style 40.0 -> 39.3, Jember-style 41.4 -> 40.9, Jakarta 24.9 -> 24.5 on 4 draws; the
  // worst fleet's earnings CV stayed within 11-18 %.
  idleQueueStepCost: 5,
  earningsBalanceCostPerRp: 0.003,
  moveAcceptedOrders: false,
  // Side by side on 6 draws of each field day, against offering at once: click-to-door Jember-style 41.0 -> 39.5 min,
  // Bekasi-style 42.2 -> 39.8, Pasar Senen 34.0 -> 31.6, Jakarta 26.1 -> 24.3, courier km 1-5 % lower (15 min: 40.0,
  // 40.0, 31.7, 25.2; 5 min was worse on Jember).
  commitHorizonMs: 10 * 60_000,
  // Jember-style day in the hindsight plan's world, every order booked 60 min ahead, click-to-door mean: offered at once
  // 33.5 min, 10 min before ready 32.7, 20 min 32.3, 30 min 32.8; booked 15 min ahead, 10 min cost 34.8 -> 36.3.
  offerBeforeReadyMs: 20 * 60_000,
  planAheadMs: 60 * 60_000,
  staging: { radiusM: 1_000, lookaheadMs: 30 * 60_000, followCheckMs: 4 * 60_000, approachM: 300, recallAfterMs: 10 * 60_000 },
  // Courier time costs 1 per second: a customer's second counts half as much, three more past 30 minutes.
  clickToDoor: { costPerS: 0.5, targetS: 30 * 60, overTargetCostPerS: 3 },
  // Side by side on 3 draws of each field day (click-to-door mean; told hour kept within 10 min): off 26.7 / 35.1 /
  // 46.6 / 44.3 min and 94.6 / 92.3 / 89.4 / 91.8 % (Jakarta, Senen, Bekasi, Jember); 10 min at 6 per second 27.2 /
  // 35.4 / 46.8 / 44.6 min and 96.0 / 96.0 / 94.9 / 94.2 %; 5 min at 6 kept 96-98 % for up to 1.1 min more (Senen).
  toldHour: { slackMs: 10 * 60_000, costPerS: 6 },
  stallWalking: STALL_WALKING,
  // Off: side by side on the field days (jejaring click-to-door mean over the draws) it helped the ojol-heavy Jember-style
  // pilot (46.0 -> 44.5 min on 4 draws, on time 75.8 -> 81.2 %, km -2.4 %) and Jakarta a little (26.7 -> 26.1 on 3, km
  // +3.0 %), but not Pasar Senen (34.8 -> 35.9 on 2); priced only while orders outnumber idle couriers it moved all
  // three by noise (45.2, 26.9, 34.4). Bekasi-style has no ojol courier. A market of ojol drivers may turn it on.
  priceRideBack: false,
};

export type DispatchConfigInput = Partial<Omit<DispatchConfig, 'pool' | 'tariff'>> & {
  readonly pool?: Partial<CourierPoolPolicy>;
  readonly tariff?: Partial<Tariff>;
};

/** Fills the unspecified settings with the defaults. */
export function resolveDispatchConfig(input: DispatchConfigInput = {}): DispatchConfig {
  return {
    ...DISPATCH_DEFAULTS,
    ...input,
    pool: { ...DISPATCH_DEFAULTS.pool, ...input.pool },
    tariff: { ...DISPATCH_DEFAULTS.tariff, ...input.tariff },
  };
}
