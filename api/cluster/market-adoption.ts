// Taking a market over (a lease gained) or letting it go (a lease lost) in this node's DispatchService: offers
// the previous holder left pending are withdrawn (their orders come back through `order.batched`), then the market,
// its waiting orders and the idle couriers are loaded, as a fresh start does for every market on one node.
import type { DispatchService } from '../dispatch/dispatch-service.js';
import { loadMarkets } from '../dispatch/dispatch-loaders.js';
import { closePendingOffers } from '../store/transitions-offers.js';

export async function adoptMarkets(service: DispatchService, marketIds: readonly string[]): Promise<void> {
  const app = service.app;
  const stale = await app.db.query<{ id: string }>(`SELECT id FROM offers WHERE status = 'pending' AND market_id = ANY($1::text[]) ORDER BY id`, [marketIds]);
  if (stale.rows.length > 0) await app.tx((tx) => closePendingOffers(tx, stale.rows.map((r) => r.id), 'withdraw', 'market_taken_over', new Date()));
  for (const facts of await loadMarkets(app.db, [...marketIds])) await service.run(() => service.addMarket(facts));
  const waiting = await app.db.query<{ id: string }>(
    `SELECT id FROM orders WHERE status IN ('created', 'batched') AND market_id = ANY($1::text[]) ORDER BY created_at`, [marketIds]);
  for (const row of waiting.rows) await service.run(() => service.addOrder(row.id));
  const idle = await app.db.query<{ id: string }>(`SELECT id FROM couriers WHERE status = 'idle' ORDER BY id`);
  for (const row of idle.rows) await service.run(() => service.enrollCourier(row.id));
  service.log.info({ markets: marketIds, orders: waiting.rows.length }, 'markets adopted');
}

export async function releaseMarkets(service: DispatchService, marketIds: readonly string[]): Promise<void> {
  await service.run(() => {
    for (const id of marketIds) service.markets.delete(id);
    for (const [courierId, marketId] of service.courierMarket) if (marketIds.includes(marketId)) service.courierMarket.delete(courierId);
  });
  service.log.info({ markets: marketIds }, 'markets released');
}
