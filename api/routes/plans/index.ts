// /v1/plans: read-only view of the dispatch plans (written by the dispatch loop) for admins, dispatchers and planners.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { assertMarket, seesMarket } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, PageSchema } from '../../schemas/common.js';
import { ListPlansQuerySchema, PlanSchema, PlanSummarySchema } from '../../schemas/plans.js';
import { decodeCursor, pageOf } from '../../store/pagination.js';

export default async function planRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['plans'];
  const roles = ['admin', 'dispatcher', 'planner'] as const;

  app.get('/plans', {
    schema: { tags, summary: 'List plans (summaries)', querystring: ListPlansQuerySchema, response: { 200: PageSchema(PlanSummarySchema), ...ERROR_RESPONSES } },
    config: { roles },
  }, async (request) => {
    const p = principalOf(request);
    const q = request.query;
    if (q.market_id) assertMarket(p, q.market_id);
    const limit = q.limit ?? 50;
    const marketIds = q.market_id ? [q.market_id] : p.role === 'admin' ? undefined : p.marketIds;
    const rows = await app.store.plans.list({ afterId: decodeCursor(q.cursor), limit, marketIds, status: q.status });
    return pageOf(rows, limit, (plan) => plan.id);
  });

  app.get('/plans/:id', {
    schema: { tags, summary: 'Get a plan with its routes and stops', params: IdParamsSchema('pln'), response: { 200: PlanSchema, ...ERROR_RESPONSES } },
    config: { roles },
  }, async (request) => {
    const plan = await app.store.plans.get(request.params.id);
    if (!plan || !seesMarket(principalOf(request), plan.market_id)) throw notFound('plan', request.params.id);
    return plan;
  });
}
