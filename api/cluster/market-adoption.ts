// Taking a market over (a lease gained) or letting it go (a lease lost) in this node's DispatchService: offers
// the previous holder left pending are withdrawn (their orders come back through `order.batched`), then the market,
// its waiting orders and the idle couriers are loaded in pages (api/dispatch/backlog-loader.ts), as a fresh start
// does for every market on one node.
import type { DispatchService } from '../dispatch/dispatch-service.js';
import { loadBacklog } from '../dispatch/backlog-loader.js';

export async function adoptMarkets(service: DispatchService, marketIds: readonly string[]): Promise<void> {
  const loaded = await loadBacklog(service, { marketIds, withdrawReason: 'market_taken_over' });
  service.log.info({ markets: marketIds, ...loaded }, 'markets adopted');
}

export async function releaseMarkets(service: DispatchService, marketIds: readonly string[]): Promise<void> {
  await service.run(() => {
    for (const id of marketIds) service.markets.delete(id);
    for (const [courierId, marketId] of service.courierMarket) if (marketIds.includes(marketId)) service.courierMarket.delete(courierId);
  });
  service.log.info({ markets: marketIds }, 'markets released');
}
