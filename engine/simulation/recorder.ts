// What happened to every order and courier during one run: the raw material of the KPIs.
import type { FleetKind } from '../model/problem-input.js';
import { HOUR_MS, DAY_START_MS } from './world.js';

export type OrderOutcome = 'delivered' | 'cancelled' | 'open_at_end';

export interface OrderRecord {
  readonly id: string;
  readonly marketId: string;
  readonly placedAtMs: number;
  readonly windowEndMs: number;
  outcome: OrderOutcome;
  /** First accepted assignment (offer accepted), ms. */
  assignedAtMs?: number;
  /** The hour the customer was last told (the delivery's ETA on the route of the courier who accepted it), ms. */
  toldEtaMs?: number;
  /** When its courier first reached the customer's door (before the handover), ms. */
  atDoorMs?: number;
  firstPickupMs?: number;
  /**
   * Each stall visit (simulated runs; an exchange's stalls too): when service started, when the goods were ready, and
   * when the dispatcher was told the pickup was done.
   */
  pickupStarts?: { readonly stopId: string; readonly startMs: number; readonly readyAtMs?: number; doneMs?: number }[];
  deliveredMs?: number;
  /** Fee of the delivery that closed the order (the exchange's when there was one), rupiah. */
  feeRp: number;
  courierId?: string;
  /** The customer refused the goods once and an exchange order redelivered them. */
  exchanged: boolean;
  /** Last known dispatcher status when the day ended (open orders only). */
  lastStatus?: string;
}

export interface CourierRecord {
  readonly id: string;
  readonly marketId: string;
  readonly kind: FleetKind;
  readonly noShow: boolean;
  readonly shiftStartMs: number;
  readonly shiftEndMs: number;
  /** Time on shift actually worked (start to leaving, overtime included), ms. */
  presentMs: number;
  /** Time riding to a stop or serving one, ms. */
  busyMs: number;
  distanceM: number;
  earningsRp: number;
  deliveries: number;
  /** Most orders the courier's accepted route held at once (simulated runs): the bag cap bounds it. */
  peakRouteOrders?: number;
  readonly perHourRp: number;
  readonly feeShare: number;
}

/** Busy and present milliseconds per local hour of the day, summed over couriers. */
export class HourlyLoad {
  /** [hour] busy courier-ms in that local hour. */
  readonly busyMs = new Float64Array(24);
  /** [hour] on-shift courier-ms in that local hour. */
  readonly presentMs = new Float64Array(24);

  add(target: Float64Array, fromMs: number, toMs: number): void {
    let t = fromMs;
    while (t < toMs) {
      const h = Math.floor((t - DAY_START_MS) / HOUR_MS);
      const end = Math.min(toMs, DAY_START_MS + (h + 1) * HOUR_MS);
      if (h >= 0 && h < 24) target[h] += end - t;
      t = end;
    }
  }
}
