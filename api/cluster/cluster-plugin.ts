// Cluster mode (several `jejaring serve` nodes on one PostgreSQL): market leases decide which node plans which
// market, the event tail brings other nodes' committed events to this node's hub, the Socket.IO adapter carries
// room broadcasts between nodes, GET /v1/cluster shows the state.
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { newId } from '../ids.js';
import { globalPlugin } from '../plugins/global-plugin.js';
import { EventTail } from './event-tail.js';
import { adoptMarkets, releaseMarkets } from './market-adoption.js';
import { MarketLeases } from './market-leases.js';

export interface ClusterOptions extends Record<string, unknown> {
  readonly nodeId?: string;
  readonly leaseTtlMs?: number;
  readonly heartbeatMs?: number;
  readonly pollMs?: number;
  /** PostgreSQL for the Socket.IO adapter (default DATABASE_URL); without one, broadcasts stay on this node. */
  readonly databaseUrl?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    cluster: { readonly nodeId: string; readonly leases: MarketLeases; readonly tail: EventTail };
  }
}

export default globalPlugin<ClusterOptions>('jejaring-cluster', async (app: FastifyInstance, options) => {
  const nodeId = options.nodeId ?? `${hostname()}-${process.pid}-${newId('node').slice(-6)}`;
  const hasDispatch = () => app.hasDecorator('dispatch');
  const leases = new MarketLeases(app.db, {
    nodeId, ttlMs: options.leaseTtlMs, heartbeatMs: options.heartbeatMs,
    onAcquired: async (ids) => {
      app.log.info({ node: nodeId, markets: ids }, 'market leases acquired');
      if (hasDispatch()) await adoptMarkets(app.dispatch, ids);
    },
    onLost: async (ids) => {
      app.log.warn({ node: nodeId, markets: ids }, 'market leases lost');
      if (hasDispatch()) await releaseMarkets(app.dispatch, ids);
    },
    onError: (error) => app.log.warn({ err: error }, 'lease heartbeat failed'),
  });
  const tail = new EventTail(app, { pollMs: options.pollMs });
  app.decorate('cluster', { nodeId, leases, tail });
  if (hasDispatch()) app.dispatch.owns = (marketId) => leases.held.has(marketId);

  app.get('/v1/cluster', { config: { roles: ['admin'] }, schema: { hide: true } }, async () => {
    const nodes = await app.db.query<{ node_id: string; seen_at: Date }>('SELECT node_id, seen_at FROM cluster_nodes ORDER BY node_id');
    const held = await app.db.query<{ market_id: string; node_id: string; expires_at: Date }>('SELECT market_id, node_id, expires_at FROM market_leases ORDER BY market_id');
    return { node_id: nodeId, held: [...leases.held].sort(), nodes: nodes.rows, leases: held.rows };
  });

  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const closeAdapter = app.hasDecorator('realtime') && databaseUrl && app.db.kind === 'postgres' ? await (await import('./socket-adapter.js')).installSocketAdapter(app, databaseUrl) : null; // pg loads only here
  app.addHook('onClose', async () => closeAdapter?.());

  // After the dispatch loop started (registered earlier, so its onReady ran first).
  app.addHook('onReady', async () => {
    await tail.start();
    await leases.start();
  });
  app.addHook('preClose', async () => {
    await leases.stop();
    await tail.stop();
  });
});
