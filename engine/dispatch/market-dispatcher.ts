// MarketDispatcher: the deterministic dispatch state machine of one market. Fed with commands, it returns
// events as values and, when a batch closes, a PlanRequest for the caller to solve; one plan in flight at a time.
import { InputError } from '../errors.js';
import type { Solution } from '../model/problem-input.js';
import { resolveDispatchConfig, type DispatchConfig, type DispatchConfigInput } from './dispatch-config.js';
import type { DispatchCommand, DispatchEvent, DispatchResult, PlanReason, PlanRequest, PlanSnapshot } from './dispatch-types.js';
import type { DispatchCourierState, OfferState, DispatchOrderState } from './dispatch-state.js';
import { applyPlan } from './apply-plan.js';
import { OfferAnswerTimes } from './offer-ttl.js';
import { takeSnapshot } from './plan-snapshot.js';
import { CommandHandlers } from './command-handlers.js';
import { kpiOf, type CodTotals, codTotalsOf } from './market-kpi.js';
import { slackMs } from './order-slack.js';
import { bookedForLater } from './goods-ready.js';

export interface MarketDispatcherOptions {
  readonly marketId: string;
  /** Market location: the origin of courier distances when the caller gives none. */
  readonly lon: number;
  readonly lat: number;
  readonly config?: DispatchConfigInput;
  /** Injected clock, epoch ms. */
  readonly now?: () => number;
  /** Id factory for plans and offers; default `${prefix}_${marketId}_${n}`. */
  readonly newId?: (prefix: string) => string;
}

export class MarketDispatcher {
  readonly marketId: string;
  readonly lon: number;
  readonly lat: number;
  /** The market's settings; `reconfigure` replaces them between plans. */
  config: DispatchConfig;
  readonly orders = new Map<string, DispatchOrderState>();
  readonly couriers = new Map<string, DispatchCourierState>();
  readonly offers = new Map<string, OfferState>();
  readonly answerTimes = new OfferAnswerTimes();
  private readonly clock: () => number;
  private readonly idFactory: (prefix: string) => string;
  private readonly handlers: CommandHandlers;
  private inFlight: PlanSnapshot | null = null;
  private deferred: PlanReason | null = null;
  private lastKpiMs = Number.NEGATIVE_INFINITY;
  private counter = 0;
  /** Events of a command that threw after offers expired; returned with the next result. */
  private readonly carried: DispatchEvent[] = [];

  constructor(options: MarketDispatcherOptions) {
    this.marketId = options.marketId;
    this.lon = options.lon;
    this.lat = options.lat;
    this.config = resolveDispatchConfig(options.config);
    this.clock = options.now ?? Date.now;
    this.idFactory = options.newId ?? ((prefix) => `${prefix}_${this.marketId}_${++this.counter}`);
    this.handlers = new CommandHandlers(this);
  }

  /** New settings (a market changed its tariff or objective weights): the next plan uses them. */
  reconfigure(config: DispatchConfigInput): void {
    this.config = resolveDispatchConfig(config);
  }

  now(): number {
    return this.clock();
  }

  newId(prefix: string): string {
    return this.idFactory(prefix);
  }

  /** The plan being solved now, if any. */
  get planInFlight(): PlanSnapshot | null {
    return this.inFlight;
  }

  /**
   * Feeds one command; throws InputError (stable code) when it does not fit the current state. With `hold`, a plan
   * it would start waits for `settle()`: the caller feeds every command of one instant first, then settles.
   */
  handle(command: DispatchCommand, hold = false): DispatchResult {
    const events: DispatchEvent[] = this.carried.splice(0);
    const expired = this.handlers.mutations.expireOffers(this.now(), events);
    let trigger: PlanReason | null;
    try {
      trigger = this.handlers.run(command, events);
    } catch (error) {
      this.carried.push(...events); // state already moved (expiries): the events leave with the next result
      throw error;
    }
    return this.finish(events, trigger ?? (expired ? 'replan' : null), hold);
  }

  /** Starts the plan that held commands asked for, or that the batch is due for, now that the instant has settled. */
  settle(): DispatchResult {
    return this.finish([], null);
  }

  /** The solver's answer for `planId`; a stale answer (not the plan in flight) is ignored. */
  planReady(planId: string, solution: Solution, deliveryLegM: Readonly<Record<string, number>>): DispatchResult {
    if (!this.inFlight || this.inFlight.planId !== planId) return { events: [] };
    const snapshot = this.inFlight;
    this.inFlight = null;
    const nowMs = this.now();
    const context = { marketId: this.marketId, nowMs, config: this.config, orders: this.orders, couriers: this.couriers, offers: this.offers, answerTimes: this.answerTimes, newId: (p: string) => this.newId(p) };
    const events = [...this.carried.splice(0), ...applyPlan(context, snapshot, solution, deliveryLegM)];
    for (const s of this.orders.values()) if (s.status === 'pending') s.pendingSinceMs = Math.max(s.pendingSinceMs, nowMs);
    return this.finish(events, null);
  }

  /** The solve failed: the orders stay pending and wait for the next window. */
  planFailed(planId: string, message: string): DispatchResult {
    if (!this.inFlight || this.inFlight.planId !== planId) return { events: [] };
    this.inFlight = null;
    const nowMs = this.now();
    for (const s of this.orders.values()) if (s.status === 'pending') s.pendingSinceMs = nowMs;
    return this.finish([{ type: 'plan.failed', marketId: this.marketId, atMs: nowMs, planId, message }], null);
  }

  kpi() {
    return kpiOf(this, this.now());
  }

  /** Cash per courier: still to collect on the accepted route, and collected so far (rupiah). */
  codTotals(): CodTotals[] {
    return codTotalsOf(this);
  }

  /** Throws when `orderId` is unknown. */
  order(orderId: string): DispatchOrderState {
    const state = this.orders.get(orderId);
    if (!state) throw new InputError('order_not_found', `order ${orderId} is not in market ${this.marketId}`, 'orderId');
    return state;
  }

  /** Throws when `courierId` is unknown. */
  courier(courierId: string): DispatchCourierState {
    const state = this.couriers.get(courierId);
    if (!state) throw new InputError('courier_not_found', `courier ${courierId} is not in market ${this.marketId}`, 'courierId');
    return state;
  }

  private finish(events: DispatchEvent[], trigger: PlanReason | null, hold = false): DispatchResult {
    const nowMs = this.now();
    if (nowMs - this.lastKpiMs >= this.config.kpiIntervalMs && events.length > 0) {
      this.lastKpiMs = nowMs;
      events.push({ type: 'kpi', marketId: this.marketId, atMs: nowMs, kpi: this.kpi() });
    }
    if (hold) {
      if (trigger !== null) this.deferred ??= trigger;
      return { events };
    }
    const planRequest = this.maybePlan(trigger, events, nowMs);
    return planRequest ? { events, planRequest } : { events };
  }

  /** Starts a plan when a trigger fired or the batch is due; defers it while another plan is in flight. */
  private maybePlan(trigger: PlanReason | null, events: DispatchEvent[], nowMs: number): PlanRequest | undefined {
    let reason = trigger ?? this.batchDue(nowMs);
    if (reason === null && !this.inFlight) reason = this.deferred;
    if (reason === null) return undefined;
    if (this.inFlight) {
      this.deferred ??= reason;
      return undefined;
    }
    this.deferred = null;
    const snapshot = takeSnapshot({
      planId: this.newId('plan'), marketId: this.marketId, nowMs, reason, orders: this.orders, couriers: this.couriers, config: this.config,
      market: { lon: this.lon, lat: this.lat },
    });
    if (!snapshot) return undefined;
    this.inFlight = snapshot;
    for (const o of snapshot.orders) {
      const state = this.orders.get(o.order.id)!;
      if (state.status === 'pending') state.planAttempts++;
    }
    events.push({ type: 'plan.requested', marketId: this.marketId, atMs: nowMs, planId: snapshot.planId, reason, orderCount: snapshot.orders.length, courierCount: snapshot.couriers.length });
    return { planId: snapshot.planId, snapshot };
  }

  /**
   * 'batch_full' when enough orders wait, 'slack' when a new order's slack to its promise runs short, 'window' when
   * the oldest waited the batching window, else null. Orders booked beyond the plan-ahead time do not count yet.
   */
  private batchDue(nowMs: number): PlanReason | null {
    let waiting = 0; // pending orders no plan has seen yet
    let short = false;
    let oldestMs = Number.POSITIVE_INFINITY;
    for (const s of this.orders.values()) {
      if (s.status !== 'pending' || bookedForLater(s.order, nowMs, this.config)) continue;
      if (s.planAttempts === 0) {
        waiting++;
        short ||= slackMs(s.order, nowMs, this.config) < this.config.slackTriggerMs;
      }
      oldestMs = Math.min(oldestMs, s.pendingSinceMs);
    }
    if (oldestMs === Number.POSITIVE_INFINITY) return null;
    if (waiting >= this.config.batchMaxOrders) return 'batch_full';
    if (short) return 'slack';
    return nowMs - oldestMs >= this.config.batchWindowMs ? 'window' : null;
  }
}
