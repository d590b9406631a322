// Brings the work waiting in the store into the dispatch loop: withdraws offers left pending by an earlier holder,
// then feeds waiting orders, idle couriers and couriers on their routes (with the orders they hold) in pages: two
// statements per page of orders, one per page of idle couriers, four per page of couriers on a route.
// Each page is one step on the dispatch chain, so events, ticks and other markets' plans run between pages and a
// backlog of thousands of orders never holds the loop (nor the node's start or its lease heartbeat) for long.
import { closePendingOffers } from '../transitions/offers.js';
import { busyCourierIds, loadBusyCouriers } from './busy-couriers.js';
import { loadCouriers, loadMarkets, loadWaitingOrders } from './dispatch-loaders.js';
import type { DispatchService } from './dispatch-service.js';

export interface BacklogScope {
  /** Only these markets (a node adopting leased markets); every market when absent (a single node starting). */
  readonly marketIds?: readonly string[];
  /** Why pending offers are withdrawn (`dispatch_restarted`, `market_taken_over`). */
  readonly withdrawReason: string;
  /** Orders (and couriers) per page (default 500). */
  readonly pageSize?: number;
}

export interface BacklogLoaded {
  readonly orders: number;
  readonly couriers: number;
  /** Couriers taken back on their active routes. */
  readonly busyCouriers: number;
}

/** Loads the scope's backlog page by page; stops early when the service stops or no market of the scope is held. */
export async function loadBacklog(service: DispatchService, scope: BacklogScope): Promise<BacklogLoaded> {
  const { app } = service;
  const pageSize = scope.pageSize ?? 500;
  const held = (): string[] | undefined => scope.marketIds?.filter((id) => !service.owns || service.owns(id));
  const inScope = scope.marketIds ? 'AND market_id = ANY($1::text[])' : '';
  const scopeParams = scope.marketIds ? [scope.marketIds] : [];

  const stale = await app.db.query<{ id: string }>(`SELECT id FROM offers WHERE status = 'pending' ${inScope} ORDER BY id`, scopeParams);
  if (stale.rows.length > 0) await app.tx((tx) => closePendingOffers(tx, stale.rows.map((r) => r.id), 'withdraw', scope.withdrawReason, new Date()));
  if (scope.marketIds) {
    const facts = await loadMarkets(app.db, scope.marketIds);
    await service.run(() => {
      for (const f of facts) if (!service.owns || service.owns(f.id)) service.addMarket(f);
    });
  }

  let orders = 0;
  for (let afterId = ''; ;) {
    const marketIds = held();
    if (marketIds && marketIds.length === 0) break;
    const page = await service.run(async () => {
      const loaded = await loadWaitingOrders(app.db, { marketIds, afterId, limit: pageSize });
      for (const order of loaded) await service.addLoadedOrder(order);
      return loaded;
    });
    if (!page || page.length === 0) break; // stopped, or nothing left
    orders += page.length;
    afterId = page[page.length - 1].order.id;
    if (page.length < pageSize) break;
  }

  const idle = await app.db.query<{ id: string }>(`SELECT id FROM couriers WHERE status = 'idle' ORDER BY id`);
  let couriers = 0;
  for (let i = 0; i < idle.rows.length; i += pageSize) {
    if (held()?.length === 0) break;
    const ids = idle.rows.slice(i, i + pageSize).map((r) => r.id);
    const done = await service.run(async () => {
      for (const courier of await loadCouriers(app.db, ids, service.ojolRadiusM)) await service.enrollLoadedCourier(courier);
      return true;
    });
    if (!done) break;
    couriers += ids.length;
  }
  const busyIds = await busyCourierIds(app.db, scope.marketIds);
  let busyCouriers = 0;
  for (let i = 0; i < busyIds.length; i += pageSize) {
    if (held()?.length === 0) break;
    const ids = busyIds.slice(i, i + pageSize);
    const done = await service.run(async () => {
      for (const busy of await loadBusyCouriers(app.db, ids, service.ojolRadiusM)) {
        if (!service.owns || service.owns(busy.marketId)) await service.resumeBusyCourier(busy);
      }
      return true;
    });
    if (!done) break;
    busyCouriers += ids.length;
  }
  return { orders, couriers, busyCouriers };
}
