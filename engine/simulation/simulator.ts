// Discrete-event simulator of a market day on the production MarketDispatcher: orders arrive, batches close and are
// answered by a policy, couriers answer offers, ride at road speeds with traffic and noise, walk between a market's
// stalls, serve stalls and homes; refused goods run an exchange (return to the stalls, redelivery). One clock, one
// event queue, deterministic per seed.
import { lendIdleCouriers, type LendingHost } from '../dispatch/courier-lending.js';
import type { DispatchCommand, DispatchResult } from '../dispatch/dispatch-types.js';
import { MarketDispatcher } from '../dispatch/market-dispatcher.js';
import type { LonLat } from '../routing/routing-provider.js';
import { EventQueue } from './event-queue.js';
import type { PolicyContext } from './policies/policy.js';
import { OrderBook } from './order-book.js';
import type { CourierRecord } from './recorder.js';
import { CourierTime } from './courier-time.js';
import type { Agent, SimEvent, SimulationOptions, SimulationResult } from './sim-types.js';
import { prngStream } from '../random/prng.js';
import { CourierMotion } from './courier-motion.js';
import { DAY_START_MS, HOUR_MS } from './world.js';

export type { SimulationOptions, SimulationResult } from './sim-types.js';

const TICK_MS = 5_000;
const PING_MS = 60_000;
const PLAN_GAP_MS = 1_000;

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  return new Simulation(options).run();
}

class Simulation {
  private readonly queue = new EventQueue<SimEvent>();
  private nowMs = DAY_START_MS;
  private readonly dispatchers: MarketDispatcher[];
  /** [market] simulated time of the latest scheduled plan answer, ms. */
  private readonly lastPlanMs: Float64Array;
  private readonly agents: Agent[];
  private readonly agentById = new Map<string, Agent>();
  private readonly book = new OrderBook();
  private readonly time = new CourierTime();
  private readonly motion: CourierMotion;
  private readonly context: PolicyContext;
  private readonly endMs: number;
  private plans = 0;
  private offers = 0;
  private declines = 0;
  private readonly servedStops: Record<string, string[]> = {};

  constructor(private readonly o: SimulationOptions) {
    const { scenario } = o.world;
    const marketIndex = new Map(scenario.markets.map((m, i) => [m.id, i]));
    this.dispatchers = scenario.markets.map((m) => new MarketDispatcher({
      marketId: m.id, lon: m.lon, lat: m.lat, now: () => this.nowMs,
      config: { ...o.policy.dispatchConfig, ...(m.tariff ? { tariff: m.tariff } : {}) },
    }));
    this.lastPlanMs = new Float64Array(scenario.markets.length).fill(-Infinity);
    this.agents = o.world.couriers.map((sim, index) => {
      const record: CourierRecord = {
        id: sim.courier.id, marketId: sim.marketId, kind: sim.kind, noShow: sim.noShow, shiftStartMs: sim.shiftStartMs, shiftEndMs: sim.shiftEndMs,
        presentMs: 0, busyMs: 0, distanceM: 0, earningsRp: 0, deliveries: 0, peakRouteOrders: 0, perHourRp: sim.perHourRp, feeShare: sim.feeShare,
      };
      const draws = {
        answers: prngStream(scenario.seed, `answers:${sim.courier.id}`),
        calls: prngStream(scenario.seed, `calls:${sim.courier.id}`),
        rides: prngStream(scenario.seed, `rides:${sim.courier.id}`),
      };
      const agent: Agent = { sim, index, market: marketIndex.get(sim.marketId)!, homeMarket: marketIndex.get(sim.marketId)!, state: 'off', pos: sim.start, token: 0, shiftOver: false, freeSinceMs: sim.shiftStartMs, record, draws };
      this.agentById.set(sim.courier.id, agent);
      return agent;
    });
    this.motion = new CourierMotion(o.world, o.routing);
    this.context = {
      routing: o.routing, pangkalanFirst: scenario.policy.pangkalanFirst,
      freeSinceMs: (id) => this.agentById.get(id)?.freeSinceMs ?? 0,
    };
    this.endMs = DAY_START_MS + (scenario.day.endHour + scenario.drainHours) * HOUR_MS;
  }

  async run(): Promise<SimulationResult> {
    const { world } = this.o;
    world.orders.forEach((o, index) => this.queue.push(o.knownAtMs ?? o.placedAtMs, { kind: 'order', index })); // a pre-order: when heard of
    this.agents.forEach((a, agent) => {
      if (a.sim.noShow) return;
      this.queue.push(a.sim.shiftStartMs, { kind: 'shiftStart', agent });
      this.queue.push(a.sim.shiftEndMs, { kind: 'shiftEnd', agent });
    });
    const startMs = DAY_START_MS + world.scenario.day.startHour * HOUR_MS;
    this.queue.push(startMs, { kind: 'tick' });
    this.queue.push(startMs, { kind: 'ping' });
    this.queue.push(DAY_START_MS + (Math.floor(world.scenario.day.startHour) + 1) * HOUR_MS, { kind: 'traffic' });
    let lastProgress = -1;
    for (let next = this.queue.pop(); next && next.atMs <= this.endMs; next = this.queue.pop()) {
      this.nowMs = Math.max(this.nowMs, next.atMs);
      await this.step(next.event);
      if (this.queue.peekTime() > this.nowMs) await this.settle(); // everything of this instant is in: plan now
      if (this.book.placed === world.orders.length && this.book.unresolved === 0) break;
      const fraction = (this.nowMs - startMs) / (this.endMs - startMs);
      if (this.o.onProgress && fraction - lastProgress >= 0.01) {
        lastProgress = fraction;
        this.o.onProgress(Math.min(1, fraction), { simulatedMs: this.nowMs, ordersDone: this.book.placed - this.book.unresolved });
      }
    }
    return this.finish();
  }

  private async step(e: SimEvent): Promise<void> {
    switch (e.kind) {
      case 'order': return this.placeOrder(e.index);
      case 'shiftStart': return this.shiftStart(this.agents[e.agent]);
      case 'shiftEnd': return this.shiftEnd(this.agents[e.agent]);
      case 'answer': return this.answer(this.agents[e.agent], e.offerId, e.accept);
      case 'arrive': return this.arrive(this.agents[e.agent], e.token);
      case 'served': return this.served(this.agents[e.agent], e.token);
      case 'plan': {
        this.plans++;
        const d = this.dispatchers[e.market];
        let result: DispatchResult;
        try {
          result = await this.o.policy.execute(d, e.request, this.context);
        } catch (error) { // e.g. a routing failure in a baseline: the orders wait for the next batch, as in production
          result = d.planFailed(e.request.planId, (error as Error).message);
        }
        return this.absorb(e.market, result);
      }
      case 'patience': {
        const state = this.dispatchers[e.market].orders.get(e.orderId);
        if (state?.status === 'pending') return this.command(e.market, { type: 'orderCancelled', orderId: e.orderId });
        return;
      }
      case 'tick': {
        for (let m = 0; m < this.dispatchers.length; m++) await this.command(m, { type: 'tick' });
        if (this.o.policy.lending) await lendIdleCouriers(this.lendingView ??= this.lendingHost(), this.o.policy.lending);
        this.queue.push(this.nowMs + TICK_MS, { kind: 'tick' });
        return;
      }
      case 'traffic': {
        for (const a of this.agents) if ((a.state !== 'off' && a.state !== 'gone') && !a.shiftOver) await this.register(a);
        this.queue.push(this.nowMs + HOUR_MS, { kind: 'traffic' });
        return;
      }
      case 'ping': {
        for (const a of this.agents) {
          if (a.state === 'off' || a.state === 'gone') continue;
          await this.command(a.market, { type: 'courierPosition', courierId: a.sim.courier.id, position: await this.motion.positionOf(a, this.nowMs) });
        }
        this.queue.push(this.nowMs + PING_MS, { kind: 'ping' });
      }
    }
  }

  private lendingView: LendingHost<{ readonly dispatcher: MarketDispatcher; readonly index: number }> | undefined;

  /** The markets' dispatchers as lending sees them (`lendIdleCouriers`, as production runs it). */
  private lendingHost(): LendingHost<{ readonly dispatcher: MarketDispatcher; readonly index: number }> {
    const markets = new Map(this.dispatchers.map((dispatcher, index) => [dispatcher.marketId, { dispatcher, index }]));
    return {
      markets,
      homeOf: (courierId) => this.dispatchers[this.agentById.get(courierId)!.homeMarket].marketId,
      moved: (courierId, marketId) => { this.agentById.get(courierId)!.market = markets.get(marketId)!.index; },
      command: (market, command) => this.command(market.index, command),
    };
  }

  private async placeOrder(index: number): Promise<void> {
    const sim = this.o.world.orders[index];
    const { order, marketId, placedAtMs } = sim;
    this.book.place(sim);
    const market = this.dispatchers.findIndex((d) => d.marketId === marketId);
    this.queue.push(placedAtMs + this.o.world.scenario.demand.patienceMin * 60_000, { kind: 'patience', market, orderId: order.id });
    await this.command(market, { type: 'orderAdded', order });
  }

  private async shiftStart(a: Agent): Promise<void> {
    a.state = 'idle';
    this.time.shiftStarted(a, this.nowMs);
    await this.register(a);
  }

  /** Tells the dispatcher the courier is available, its speed scaled by this hour's traffic (what a live feed would do). */
  private async register(a: Agent): Promise<void> {
    const { scenario } = this.o.world;
    const hour = Math.floor((this.nowMs - DAY_START_MS) / HOUR_MS) % 24;
    const speedFactor = (a.sim.courier.speedFactor ?? 1) * (scenario.disruptions.speedFactorByHour[hour] ?? 1);
    const courier = { ...a.sim.courier, speedFactor, ...(scenario.policy.pangkalanFirst ? {} : { homeMarket: false }) };
    await this.command(a.market, { type: 'courierAvailable', courier, position: await this.motion.positionOf(a, this.nowMs) });
  }

  private async shiftEnd(a: Agent): Promise<void> {
    if (a.state === 'gone' || a.state === 'off') return;
    a.shiftOver = true;
    await this.command(a.market, { type: 'courierPaused', courierId: a.sim.courier.id, paused: true });
    await this.advance(a);
  }

  private async answer(a: Agent, offerId: string, accept: boolean): Promise<void> {
    const d = this.dispatchers[a.market];
    const offer = d.offers.get(offerId);
    if (offer?.courierId !== a.sim.courier.id || offer.expiresAtMs <= this.nowMs) return; // too late: expired or withdrawn
    if (!accept) this.declines++;
    await this.command(a.market, { type: accept ? 'offerAccepted' : 'offerDeclined', offerId, courierId: a.sim.courier.id });
  }

  private async arrive(a: Agent, token: number): Promise<void> {
    if (token !== a.token || !a.leg) return;
    const leg = a.leg;
    a.pos = leg.to;
    a.record.distanceM += leg.distanceM;
    a.leg = undefined;
    await this.command(a.market, { type: 'courierPosition', courierId: a.sim.courier.id, position: await this.motion.positionOf(a, this.nowMs) });
    const stop = leg.stopId !== undefined ? this.openStop(a, leg.stopId) : undefined;
    if (!stop) {
      this.setIdle(a);
      return this.advance(a);
    }
    const order = this.dispatchers[a.market].orders.get(stop.orderId)!.order;
    const pickup = stop.kind === 'pickup' ? order.pickups.find((p) => p.id === stop.stopId)! : undefined;
    const serviceS = pickup ? pickup.serviceS : order.delivery.serviceS;
    // Goods not ready yet: the courier waits at the stall; service starts when they are.
    const startMs = Math.max(this.nowMs, pickup?.readyAtMs ?? this.nowMs);
    if (pickup) this.book.pickupStarted(order.id, pickup.id, startMs, pickup.readyAtMs);
    else this.book.atDoor(order.id, this.nowMs);
    a.state = 'serving';
    a.leg = { from: a.pos, to: a.pos, departMs: this.nowMs, arriveMs: this.nowMs, distanceM: 0, stopId: stop.stopId };
    this.queue.push(startMs + serviceS * 1000, { kind: 'served', agent: a.index, token: ++a.token });
  }

  private async served(a: Agent, token: number): Promise<void> {
    if (token !== a.token || !a.leg?.stopId) return;
    const stopId = a.leg.stopId;
    a.leg = undefined;
    const stop = this.openStop(a, stopId);
    this.setIdle(a);
    if (stop) {
      const d = this.dispatchers[a.market];
      const order = d.orders.get(stop.orderId)!.order;
      const refused = stop.kind === 'delivery' && this.book.refusedAtDoor(order.id);
      (this.servedStops[a.sim.courier.id] ??= []).push(stopId);
      await this.command(a.market, { type: 'stopCompleted', courierId: a.sim.courier.id, stopId, outcome: refused ? 'failed' : 'done' });
      if (refused) {
        // The refused goods stay with this courier: it takes them back to the stalls and brings the replacements.
        const child = this.book.exchangeOrder(order, this.nowMs + this.o.world.scenario.demand.windowMin * 60_000);
        await this.command(a.market, { type: 'orderAdded', order: { ...child, heldByCourierId: a.sim.courier.id } });
      }
    }
    return this.advance(a);
  }

  /** The stop on the courier's accepted route, if still open there. */
  private openStop(a: Agent, stopId: string) {
    return this.dispatchers[a.market].couriers.get(a.sim.courier.id)?.route.find((s) => s.stopId === stopId);
  }

  /** Sends a command to a market's dispatcher and takes in what comes back; plans wait until the instant settles. */
  private async command(market: number, command: DispatchCommand): Promise<void> {
    await this.absorb(market, this.dispatchers[market].handle(command, true));
  }

  /** Lets every market start the plan its commands of this instant asked for. */
  private async settle(): Promise<void> {
    for (let m = 0; m < this.dispatchers.length; m++) await this.absorb(m, this.dispatchers[m].settle());
  }

  private async absorb(market: number, result: DispatchResult): Promise<void> {
    const moved = new Set<Agent>();
    for (const e of result.events) {
      switch (e.type) {
        case 'offer.created': {
          this.offers++;
          const a = this.agentById.get(e.courierId)!;
          const accept = a.draws.answers.chance(a.sim.acceptProbability);
          const delayMs = Math.round(a.draws.answers.between(a.sim.responseS) * 1000);
          this.queue.push(this.nowMs + delayMs, { kind: 'answer', agent: a.index, offerId: e.offerId, accept });
          break;
        }
        case 'route.updated': {
          const a = this.agentById.get(e.courierId)!;
          a.record.peakRouteOrders = Math.max(a.record.peakRouteOrders ?? 0, new Set(e.stops.map((s) => s.orderId)).size);
          moved.add(a);
          break;
        }
        case 'courier.staging': {
          // A courier follows the call as often as it takes offers (an ojol driver may stay where it is).
          const a = this.agentById.get(e.courierId)!;
          if (a.draws.calls.chance(a.sim.acceptProbability)) {
            a.waitAt = [e.lon, e.lat];
            moved.add(a);
          }
          break;
        }
        case 'order.assigned': this.book.assigned(e.orderId, e.courierId, e.feeRp, this.nowMs, this.dispatchers[market].orders.get(e.orderId)?.toldEtaMs); break;
        case 'order.picked_up': this.book.pickedUp(e.orderId, this.nowMs, e.stopId); break;
        case 'order.delivered': this.delivered(market, e.orderId, e.courierId); break;
        case 'order.unplanned': this.book.countUnplanned(e.reason); break;
        case 'order.cancelled': this.book.cancelled(e.orderId); break;
        default: break;
      }
    }
    if (result.planRequest) {
      // At least PLAN_GAP_MS between the answers of one market: a policy that leaves every order waiting cannot spin.
      const atMs = Math.max(this.nowMs + this.o.policy.latencyMs(result.planRequest), this.lastPlanMs[market] + PLAN_GAP_MS);
      this.lastPlanMs[market] = atMs;
      this.queue.push(atMs, { kind: 'plan', market, request: result.planRequest });
    }
    for (const a of moved) await this.advance(a);
  }

  /** A delivery closed a customer order: the courier is credited its share of the fee. */
  private delivered(market: number, orderId: string, courierId: string): void {
    this.book.delivered(orderId, this.nowMs);
    const a = this.agentById.get(courierId)!;
    a.record.deliveries++;
    const feeRp = this.dispatchers[market].orders.get(orderId)?.feeRp ?? 0;
    a.record.earningsRp += feeRp * a.sim.feeShare;
  }

  /** Puts an idle (or homeward) courier on its next stop, sends it home, or lets it leave after its shift. */
  private async advance(a: Agent): Promise<void> {
    if (a.state === 'serving' || a.state === 'off' || a.state === 'gone') return;
    if (a.state === 'riding' && a.leg?.stopId !== undefined) return; // on its way to a stop: keeps going
    const route = this.dispatchers[a.market].couriers.get(a.sim.courier.id)?.route ?? [];
    if (route.length > 0) {
      a.waitAt = undefined;
      return this.ride(a, [route[0].lon, route[0].lat], route[0].stopId);
    }
    if (a.shiftOver) return this.leave(a);
    const base = a.sim.courier.base;
    const home: LonLat | undefined = base ? [base.lon, base.lat] : a.waitAt;
    if (a.state === 'idle' && home && (a.pos[0] !== home[0] || a.pos[1] !== home[1])) await this.ride(a, home, undefined);
  }

  private async ride(a: Agent, to: LonLat, stopId: string | undefined): Promise<void> {
    if (a.leg) { // homeward leg cut short: the courier turns where it is on its road
      const { point, sharePassed } = await this.motion.along(a.leg, this.nowMs);
      a.pos = point;
      a.record.distanceM += a.leg.distanceM * sharePassed;
    }
    const leg = await this.motion.legTo(a, to, this.nowMs);
    if (stopId !== undefined) this.time.busyFrom(a, this.nowMs);
    a.state = 'riding';
    a.leg = { from: a.pos, to, departMs: this.nowMs, arriveMs: this.nowMs + leg.durationMs, distanceM: leg.distanceM, stopId };
    this.queue.push(a.leg.arriveMs, { kind: 'arrive', agent: a.index, token: ++a.token });
  }

  private setIdle(a: Agent): void {
    a.state = 'idle';
    this.time.free(a, this.nowMs);
  }

  private async leave(a: Agent): Promise<void> {
    this.setIdle(a);
    a.state = 'gone';
    a.leg = undefined;
    this.time.presentUntil(a, this.nowMs);
    await this.command(a.market, { type: 'courierOffline', courierId: a.sim.courier.id });
  }

  private finish(): SimulationResult {
    for (const a of this.agents) {
      if (a.state === 'off' || a.state === 'gone') continue;
      this.time.free(a, this.nowMs);
      this.time.presentUntil(a, a.shiftOver ? this.nowMs : Math.max(this.nowMs, Math.min(a.sim.shiftEndMs, this.endMs))); // waits out its shift
    }
    for (const r of this.book.records.values()) {
      if (r.outcome !== 'open_at_end') continue;
      const d = this.dispatchers.find((x) => x.marketId === r.marketId)!;
      r.lastStatus = d.orders.get(r.id)?.status;
    }
    return {
      policy: this.o.policy.name, orders: [...this.book.records.values()], couriers: this.agents.map((a) => a.record), hourly: this.time.hourly,
      plans: this.plans, offers: this.offers, declines: this.declines, exchanges: this.book.exchanges, unplanned: this.book.unplanned, simulatedEndMs: this.nowMs,
      servedStops: this.servedStops,
    };
  }
}
