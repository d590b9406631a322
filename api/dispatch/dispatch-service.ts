// The live dispatch loop: one MarketDispatcher per market, fed from committed events (orders, offers, couriers,
// stops), solving in worker threads with one travel table per batch, writing plans, routes, stops and offers.
// Every core command and store write runs on one serial chain, so the core and the store see events in one order.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import {
  adaptiveSolveBudgetMs, applyPrepared, DISPATCH_DEFAULTS, LENDING_DEFAULTS, lendIdleCouriers, MarketDispatcher, preparePlan, WorkerSolveRunner,
  type DispatchCommand, type LendingPolicy, type DispatchConfigInput, type DispatchResult, type PlanRequest, type RoutingProvider, type SolveFunction,
} from '../../engine/index.js';
import type { EventRecord } from '../store/events-store.js';
import { expireDueOffers } from '../transitions/offers.js';
import { loadBacklog } from './backlog-loader.js';
import { ETA_NOTICE_DEFAULTS, type EtaNoticeRule } from './eta-changes.js';
import { loadCourier, loadMarkets, loadOrder, type LoadedCourier, type LoadedOrder, type MarketFacts } from './dispatch-loaders.js';
import type { BusyCourier } from './busy-couriers.js';
import { bridgeCommand } from './event-bridge.js';
import { publishResult } from './result-publisher.js';
import { RouteLineCache } from './route-geometry.js';
import { objectiveConfig } from './market-objective.js';
import { findUnroutableOrders, isOffRoad, setAsideUnroutable } from './unroutable-orders.js';

export interface DispatchServiceOptions {
  readonly routing: RoutingProvider;
  /** Core settings for every market (batching window, pool policy…); tariffs come from each market. */
  readonly config?: DispatchConfigInput;
  /** Offer lifetime in the store (default 45 s); the store's expiry is authoritative. */
  readonly offerTtlMs?: number;
  /** Batch-window ticks and offer expiry sweeps (default 1000 ms). */
  readonly tickMs?: number;
  /** Solver worker threads (default 1); `solve` replaces them (tests). */
  readonly solveWorkers?: number;
  readonly solve?: SolveFunction;
  /** Longest wait for one route's road geometry before its straight line is used (default 3000 ms). */
  readonly geometryTimeoutMs?: number;
  /** Lending idle couriers between this node's markets: LENDING_DEFAULTS (as the simulator's policy) with these changes; null: never. */
  readonly lending?: Partial<LendingPolicy> | null;
  /**
   * Everything that happens within this long (ms, default 1000) settles before a plan: the commands are held and
   * the market plans once, after the first of them (couriers coming on at a shift change share the backlog).
   */
  readonly settleMs?: number;
  /**
   * When a customer hears that the hour told moved (`order.eta_changed`): ETA_NOTICE_DEFAULTS (10 minutes either way,
   * at most one per order each 10 minutes) with these changes; null: never.
   */
  readonly etaNotice?: Partial<EtaNoticeRule> | null;
}

/** The core's offer TTLs run this much (ms) past the store's, so the store's expiry decides. */
const CORE_OFFER_TTL_LEAD_MS = 10_000;

/**
 * A market's dispatch settings in production: the engine's defaults (the ones the simulator's `jejaring` policy runs,
 * offers to busy couriers included: extensions), the service's overrides, the market's objective weights and tariff, and core offer TTLs
 * just past the store's so the store's expiry decides.
 */
export function marketDispatchConfig(config: DispatchConfigInput | undefined, facts: Pick<MarketFacts, 'tariff' | 'objective'>, offerTtlMs: number): DispatchConfigInput {
  const offerTtlMaxMs = Math.max(offerTtlMs, config?.offerTtlMaxMs ?? DISPATCH_DEFAULTS.offerTtlMaxMs);
  return {
    ...config, ...objectiveConfig(facts.objective, config), tariff: facts.tariff,
    offerTtlMs: offerTtlMs + CORE_OFFER_TTL_LEAD_MS, offerTtlMaxMs: offerTtlMaxMs + CORE_OFFER_TTL_LEAD_MS,
  };
}

export interface MarketEntry {
  readonly facts: MarketFacts;
  readonly dispatcher: MarketDispatcher;
  /** Core plan id → plan row id. */
  readonly planRows: Map<string, string>;
  /** Road lines of recently planned routes (route-geometry.ts). */
  readonly lines: RouteLineCache;
  /** Orders the market's `plan.updated` events while their lines are computed off the dispatch chain. */
  geometryChain: Promise<void>;
  /** Orders set aside because a point of theirs is off the road network: order id → reason. */
  readonly unroutable: Map<string, string>;
  /** Why the market's last plan failed, since when (epoch ms); null once a plan succeeds. */
  planIssue: { readonly reason: string; readonly sinceMs: number } | null;
  /** The pending settle of held commands (`DispatchServiceOptions.settleMs`), if one is scheduled. */
  settleTimer: NodeJS.Timeout | null;
}

export class DispatchService {
  readonly markets = new Map<string, MarketEntry>();
  /** Courier id → the market it works for. */
  readonly courierMarket = new Map<string, string>();
  /** Courier id → its own market (home market, else where it first enrolled): where lending brings it back. */
  readonly courierHome = new Map<string, string>();
  /** Core offer id ↔ offer row id. */
  readonly offerRows = new Map<string, string>();
  readonly coreOffers = new Map<string, string>();
  /** Offer lifetime in the store (ms); may be changed while running. */
  offerTtlMs: number;
  /** When ETA changes are recorded for customers (null: never). */
  readonly etaNotice: EtaNoticeRule | null;
  /** Cluster mode (api/cluster): the markets this node may plan (its leases); null on a single node. */
  owns: ((marketId: string) => boolean) | null = null;
  readonly log: FastifyBaseLogger;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly runner: WorkerSolveRunner | null;
  private readonly solve: SolveFunction;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(readonly app: FastifyInstance, readonly options: DispatchServiceOptions) {
    this.offerTtlMs = options.offerTtlMs ?? 45_000;
    this.etaNotice = options.etaNotice === null ? null : { ...ETA_NOTICE_DEFAULTS, ...options.etaNotice };
    this.log = app.log.child({ component: 'dispatch' });
    this.runner = options.solve ? null : new WorkerSolveRunner({ size: options.solveWorkers ?? 1 });
    this.solve = options.solve ?? ((p, o) => this.runner!.solve(p, o));
  }

  /**
   * Loads the markets, follows the event hub and starts the clock; the waiting work (offers an earlier process left
   * pending withdrawn, waiting orders, idle couriers) loads in the background, so the node serves at once.
   */
  async start(): Promise<void> {
    // In cluster mode the leases bring markets in one by one (api/cluster/market-adoption.ts).
    if (!this.owns) for (const facts of await loadMarkets(this.app.db)) this.addMarket(facts);
    this.unsubscribe = this.app.events.subscribe((records) => {
      for (const record of records) void this.run(() => this.onEvent(record));
    });
    if (!this.owns) this.track(this.loadWork());
    const tickMs = this.options.tickMs ?? 1000;
    this.timer = setInterval(() => void this.run(() => this.tick()), tickMs);
    this.timer.unref();
  }

  /** The whole backlog (background); retried every few seconds while the database does not answer. */
  private async loadWork(): Promise<void> {
    while (!this.stopped) {
      try {
        const loaded = await loadBacklog(this, { withdrawReason: 'dispatch_restarted' });
        this.log.info(loaded, 'waiting work loaded');
        return;
      } catch (error) {
        this.log.warn({ err: error }, 'loading waiting work failed; retrying');
        await new Promise((r) => setTimeout(r, 2_000).unref());
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const entry of this.markets.values()) if (entry.settleTimer) clearTimeout(entry.settleTimer);
    this.unsubscribe?.();
    // Solves may start more work (plan lines): wait until nothing is left.
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.chain.catch(() => undefined);
    await this.runner?.close();
  }

  /** Runs `fn` after everything queued before it; errors are logged and rethrown to the caller. */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.chain.then(() => (this.stopped ? (undefined as T) : fn()));
    this.chain = next.catch((error: unknown) => this.log.warn({ err: error }, 'dispatch step failed'));
    return next;
  }

  addMarket(facts: MarketFacts): MarketEntry {
    const known = this.markets.get(facts.id);
    if (known) return known;
    const dispatcher = new MarketDispatcher({
      marketId: facts.id, lon: facts.lon, lat: facts.lat, config: marketDispatchConfig(this.options.config, facts, this.offerTtlMs),
    });
    const entry: MarketEntry = { facts, dispatcher, planRows: new Map(), lines: new RouteLineCache(), geometryChain: Promise.resolve(), unroutable: new Map(), planIssue: null, settleTimer: null };
    this.markets.set(facts.id, entry);
    return entry;
  }

  /** A market changed (tariff, objective weights): its core plans with the new settings from the next plan on. */
  async reloadMarket(marketId: string): Promise<void> {
    const entry = this.markets.get(marketId);
    if (!entry) return;
    const [facts] = await loadMarkets(this.app.db, [marketId]);
    if (!facts) return;
    (entry as { facts: MarketFacts }).facts = facts;
    entry.dispatcher.reconfigure(marketDispatchConfig(this.options.config, facts, this.offerTtlMs));
  }

  async market(marketId: string): Promise<MarketEntry | null> {
    if (this.owns && !this.owns(marketId)) return null;
    const known = this.markets.get(marketId);
    if (known) return known;
    const [facts] = await loadMarkets(this.app.db, [marketId]);
    return facts ? this.addMarket(facts) : null;
  }

  /**
   * Feeds one command to a market's core and publishes the outcome; core refusals (stale commands) are logged. A plan
   * the command asks for waits until the instant settles (`settleMs` after the first held command).
   */
  async command(entry: MarketEntry, command: DispatchCommand): Promise<DispatchResult | null> {
    let result: DispatchResult;
    try {
      result = entry.dispatcher.handle(command, true);
    } catch (error) {
      this.log.debug({ err: error, command: command.type }, 'core refused a command');
      return null;
    }
    await publishResult(this, entry, result);
    this.scheduleSettle(entry);
    return result;
  }

  /** Lets the market plan what its held commands asked for, once, after the settle delay. */
  private scheduleSettle(entry: MarketEntry): void {
    if (entry.settleTimer || this.stopped) return;
    const settle = (): void => {
      entry.settleTimer = null;
      void this.run(() => publishResult(this, entry, entry.dispatcher.settle()));
    };
    entry.settleTimer = setTimeout(settle, this.options.settleMs ?? 1000);
    entry.settleTimer.unref();
  }

  async addOrder(orderId: string): Promise<void> {
    const loaded = await loadOrder(this.app.db, orderId);
    if (loaded) await this.addLoadedOrder(loaded);
  }

  /**
   * Adds an order read from the store (`addOrder`, or a page of the backlog) when it still waits there and the core
   * does not hold it, or holds it cancelled (dropped to come back with a new hour).
   */
  async addLoadedOrder(loaded: LoadedOrder): Promise<void> {
    const orderId = loaded.order.id;
    if ((loaded.status !== 'created' && loaded.status !== 'batched') || loaded.order.pickups.length === 0) return;
    const entry = await this.market(loaded.marketId);
    if (entry && loaded.dispatchIssue !== null) entry.unroutable.set(orderId, loaded.dispatchIssue); // set aside earlier
    else if (entry && (entry.dispatcher.orders.get(orderId)?.status ?? 'cancelled') === 'cancelled') await this.command(entry, { type: 'orderAdded', order: loaded.order });
  }

  /** How far an ojol courier may be from a market to work for it (metres). */
  get ojolRadiusM(): number {
    return this.options.config?.pool?.ojolRadiusM ?? 3_000;
  }

  /** Puts an idle courier into the market it works for (home market, else the nearest within the ojol radius). */
  async enrollCourier(courierId: string): Promise<void> {
    const loaded = await loadCourier(this.app.db, courierId, this.ojolRadiusM);
    if (loaded) await this.enrollLoadedCourier(loaded);
  }

  /** Enrolls a courier read from the store when it is idle with a position and a market in reach. */
  async enrollLoadedCourier(loaded: LoadedCourier): Promise<void> {
    const courierId = loaded.courier.id;
    if (loaded.status !== 'idle' || !loaded.position || !loaded.marketId) return;
    const previous = this.courierMarket.get(courierId);
    const marketId = previous && this.markets.get(previous)?.dispatcher.couriers.get(courierId)?.status !== 'offline' ? previous : loaded.marketId;
    const entry = await this.market(marketId);
    if (!entry) return;
    this.courierMarket.set(courierId, marketId);
    if (!this.courierHome.has(courierId) || loaded.courier.homeMarket) this.courierHome.set(courierId, loaded.marketId);
    await this.command(entry, { type: 'courierAvailable', courier: loaded.courier, position: loaded.position, distanceM: loaded.distanceM, earnedRp: loaded.earnedTodayRp });
  }

  /** Takes back a courier on its active route (a dispatcher starting again) in the market of that route. */
  async resumeBusyCourier(busy: BusyCourier): Promise<void> {
    const courierId = busy.resumed.courier.id;
    const entry = await this.market(busy.marketId);
    if (!entry || entry.dispatcher.couriers.has(courierId)) return;
    this.courierMarket.set(courierId, busy.marketId);
    if (!this.courierHome.has(courierId)) this.courierHome.set(courierId, busy.marketId);
    await this.command(entry, busy.resumed);
  }

  /** Work started off the chain that `stop()` waits for. */
  track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Starts the solve of a plan request off the chain; its answer goes back through the chain. */
  launch(entry: MarketEntry, request: PlanRequest): void {
    const budgetMs = adaptiveSolveBudgetMs(entry.dispatcher.config.solveTimeLimitMs, this.runner?.backlog ?? 0);
    const job = preparePlan(request, entry.dispatcher.config, this.options.routing, this.solve, budgetMs).then(async (prepared) => {
      // A point off the road network: find the orders it belongs to (off the chain; one lookup per point).
      const unroutable = isOffRoad(prepared.error) ? await findUnroutableOrders(this.options.routing, request.snapshot) : null;
      await this.run(async () => {
        if (prepared.error) this.log.warn({ err: prepared.error, market: entry.facts.id }, 'plan failed');
        await publishResult(this, entry, applyPrepared(entry.dispatcher, prepared), prepared.solveMs);
        const setAside = unroutable ? await setAsideUnroutable(this, entry, unroutable) : 0;
        entry.planIssue = prepared.error && setAside === 0 ? (entry.planIssue ?? { reason: prepared.error.message, sinceMs: Date.now() }) : null;
        if (setAside > 0) await this.command(entry, { type: 'replanNow' }); // the rest of the batch, without them
      });
    });
    this.inFlight.add(job);
    void job.finally(() => this.inFlight.delete(job));
  }

  private async onEvent(record: EventRecord): Promise<void> {
    await bridgeCommand(this, record);
  }

  private async tick(): Promise<void> {
    await this.app.tx((tx) => expireDueOffers(tx, new Date()));
    for (const entry of this.markets.values()) await this.command(entry, { type: 'tick' });
    if (this.options.lending === null) return;
    await lendIdleCouriers({
      markets: this.markets,
      homeOf: (courierId) => this.courierHome.get(courierId),
      moved: (courierId, marketId) => this.courierMarket.set(courierId, marketId),
      command: (entry, command) => this.command(entry, command),
    }, { ...LENDING_DEFAULTS, ...this.options.lending });
  }
}
