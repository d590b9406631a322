// Cash-on-delivery controls: a market's COD policy, approving a dear substitute, settling a shortfall or surplus,
// and a courier's unsettled COD balance.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { assertCourier, assertMarket } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, IdSchema } from '../../schemas/common.js';
import { approveSubstitute, codPolicyOf, courierCodBalance, setCodPolicy, settleCod, type CodPolicy } from '../../transitions/cod.js';
import { sendState } from './respond.js';

const CodPolicySchema = Type.Object({
  substitution_cap_pct: Type.Integer({ minimum: 100, maximum: 1000, description: 'a substitute may cost up to this % of the original unit price without approval' }),
  surplus_max_rp: Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'cash collected may exceed the amount due by at most this much' }),
});
const CodPolicyPatchSchema = Type.Partial(CodPolicySchema, { additionalProperties: false, minProperties: 1 });
const CodBalanceSchema = Type.Object({
  courier_id: Type.String(),
  unsettled_short_rp: Type.Integer(),
  unsettled_surplus_rp: Type.Integer(),
  unsettled_orders: Type.Integer(),
});
const Note = Type.String({ minLength: 1, maxLength: 500 });

const policyBody = (p: CodPolicy) => ({ substitution_cap_pct: p.substitutionCapPct, surplus_max_rp: p.surplusMaxRp });

export default async function codRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/markets/:id/cod-policy', {
    schema: { tags: ['markets'], summary: 'The market’s cash-on-delivery bounds', params: IdParamsSchema('mkt'), response: { 200: CodPolicySchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher'] },
  }, async (request) => {
    assertMarket(principalOf(request), request.params.id);
    if (!(await app.store.markets.get(request.params.id))) throw notFound('market', request.params.id);
    return policyBody(await codPolicyOf(app.db, request.params.id));
  });

  app.patch('/markets/:id/cod-policy', {
    schema: { tags: ['markets'], summary: 'Change the market’s cash-on-delivery bounds', params: IdParamsSchema('mkt'), body: CodPolicyPatchSchema, response: { 200: CodPolicySchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin'] },
  }, async (request) => {
    if (!(await app.store.markets.get(request.params.id))) throw notFound('market', request.params.id);
    const { substitution_cap_pct, surplus_max_rp } = request.body;
    const next = await app.tx((tx) => setCodPolicy(tx.q, request.params.id, {
      ...(substitution_cap_pct !== undefined ? { substitutionCapPct: substitution_cap_pct } : {}),
      ...(surplus_max_rp !== undefined ? { surplusMaxRp: surplus_max_rp } : {}),
    }));
    return policyBody(next);
  });

  app.post('/orders/:id/items/:itemId/approve-substitute', {
    schema: {
      tags: ['orders'], summary: 'Approve a substitute dearer than the market’s cap (the customer agreed, or the dispatcher decided)',
      params: Type.Object({ id: IdSchema('ord'), itemId: IdSchema('itm') }),
      body: Type.Object({ approved_by: Type.Enum(['customer', 'dispatcher']) }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Type.String(), status: Type.String(), version: Type.Integer(), cod_total_rp: Type.Integer() }), ...ERROR_RESPONSES },
    },
    config: { roles: ['admin', 'dispatcher'] },
  }, async (request, reply) => {
    const p = principalOf(request);
    const result = await app.tx((tx) => approveSubstitute(tx, p, request.params.id, request.params.itemId, request.body.approved_by));
    return { ...sendState(reply, result.order), cod_total_rp: result.cod_total_rp };
  });

  app.post('/orders/:id/cod-settlement', {
    schema: {
      tags: ['orders'], summary: 'Settle the order’s COD shortfall or surplus (cash paid in or returned)', params: IdParamsSchema('ord'),
      body: Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false }), response: { 200: CodBalanceSchema, ...ERROR_RESPONSES },
    },
    config: { roles: ['admin', 'dispatcher'] },
  }, async (request) => {
    const p = principalOf(request);
    return app.tx((tx) => settleCod(tx, p, request.params.id, request.body?.note ?? null, new Date()));
  });

  app.get('/couriers/:id/cod-balance', {
    schema: { tags: ['couriers'], summary: 'The courier’s unsettled COD shortfalls and surpluses', params: IdParamsSchema('cou'), response: { 200: CodBalanceSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'fleet', 'courier'] },
  }, async (request) => {
    const found = await app.store.couriers.get(request.params.id);
    if (!found) throw notFound('courier', request.params.id);
    assertCourier(principalOf(request), found.courier.id, found.courier.fleet_id, found.marketIds);
    return courierCodBalance(app.db, request.params.id);
  });
}
