// Liveness (`/health`: the process answers, routing health, markets that cannot plan) and readiness (`/ready`: the
// database answers and is migrated).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ApiError } from '../errors.js';
import { loadMigrations } from '../db/migrate.js';
import type { FallbackRoutingProvider, RoutingHealth } from '../../engine/index.js';

const RoutingHealthSchema = Type.Object({
  active: Type.String(), primary: Type.String(), fallback: Type.String(), degraded: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]), since: Type.Union([Type.String(), Type.Null()]), estimated: Type.Boolean(),
});
const MarketIssueSchema = Type.Object({
  market_id: Type.String(), reason: Type.String(), since: Type.Union([Type.String(), Type.Null()]), unroutable_orders: Type.Integer(),
});
const HealthSchema = Type.Object({
  status: Type.Literal('ok'), routing: Type.Optional(RoutingHealthSchema),
  /** Markets this node plans whose last plan failed, or with orders set aside as unroutable. */
  markets_unable_to_plan: Type.Optional(Type.Array(MarketIssueSchema)),
});

/** The dispatch loop's routing health when its provider reports one (a FallbackRoutingProvider). */
function routingHealth(app: FastifyInstance): RoutingHealth | undefined {
  if (!app.hasDecorator('dispatch')) return undefined;
  const provider = app.dispatch.options.routing as Partial<FallbackRoutingProvider>;
  return typeof provider.health === 'function' ? provider.health() : undefined;
}
/** Markets of this node's dispatch loop that cannot plan (last plan failed) or hold orders set aside as unroutable. */
function marketIssues(app: FastifyInstance) {
  if (!app.hasDecorator('dispatch')) return undefined;
  const issues = [];
  for (const entry of app.dispatch.markets.values()) {
    if (!entry.planIssue && entry.unroutable.size === 0) continue;
    const reason = entry.planIssue?.reason ?? `${entry.unroutable.size} order(s) set aside: ${entry.unroutable.values().next().value}`;
    issues.push({ market_id: entry.facts.id, reason, since: entry.planIssue ? new Date(entry.planIssue.sinceMs).toISOString() : null, unroutable_orders: entry.unroutable.size });
  }
  return issues.sort((a, b) => a.market_id.localeCompare(b.market_id));
}
const ReadySchema = Type.Object({ status: Type.Literal('ready'), backend: Type.String(), migrations: Type.Integer(), last_event_seq: Type.Integer() });

export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  const expected = (await loadMigrations()).length;
  app.get('/health', { schema: { tags: ['health'], response: { 200: HealthSchema } }, config: { public: true } }, async () => {
    const routing = routingHealth(app);
    const issues = marketIssues(app);
    return { status: 'ok' as const, ...(routing ? { routing } : {}), ...(issues ? { markets_unable_to_plan: issues } : {}) };
  });
  app.get('/ready', { schema: { tags: ['health'], response: { 200: ReadySchema } }, config: { public: true } }, async () => {
    try {
      const applied = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      const n = applied.rows[0].n;
      if (n < expected) throw new ApiError('not_ready', `${n} of ${expected} migrations applied`);
      return { status: 'ready' as const, backend: app.db.kind, migrations: n, last_event_seq: await app.store.events.lastSeq() };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('not_ready', 'the database does not answer');
    }
  });
}
