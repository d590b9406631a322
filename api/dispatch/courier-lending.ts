// Lends idle couriers between the markets this node dispatches, on every tick: the engine's rule (`marketToWorkFor`),
// the same the simulator's `jejaring` policy runs. A lent courier leaves one market's core and joins the other's.
import { idleHere, marketLoad, marketToWorkFor, type DispatchCommand, type LendingPolicy, type MarketDispatcher } from '../../engine/index.js';

interface LendingMarket {
  readonly dispatcher: MarketDispatcher;
}

/** What lending needs of the dispatch service. */
export interface LendingHost<M extends LendingMarket> {
  readonly markets: ReadonlyMap<string, M>;
  /** Courier id → the market it works for now (updated here). */
  readonly courierMarket: Map<string, string>;
  /** Courier id → its own market (its home market, else where it first enrolled). */
  readonly courierHome: ReadonlyMap<string, string>;
  command(market: M, command: DispatchCommand): Promise<unknown>;
}

export async function lendIdleCouriers<M extends LendingMarket>(host: LendingHost<M>, policy: LendingPolicy): Promise<void> {
  const markets = [...host.markets.values()];
  if (markets.length < 2) return;
  const nowMs = markets[0].dispatcher.now();
  const loads = markets.map((m) => marketLoad(m.dispatcher, nowMs));
  for (const [i, here] of markets.entries()) {
    for (const c of [...here.dispatcher.couriers.values()]) {
      if (!idleHere(c, nowMs)) continue;
      const courierId = c.courier.id;
      const target = marketToWorkFor(host.courierHome.get(courierId) ?? here.dispatcher.marketId, here.dispatcher.marketId, loads, policy);
      const to = host.markets.get(target);
      if (target === here.dispatcher.marketId || !to) continue;
      await host.command(here, { type: 'courierOffline', courierId });
      host.courierMarket.set(courierId, target);
      await host.command(to, { type: 'courierAvailable', courier: c.courier, position: c.position });
      loads[i] = marketLoad(here.dispatcher, nowMs);
      loads[markets.indexOf(to)] = marketLoad(to.dispatcher, nowMs);
    }
  }
}
