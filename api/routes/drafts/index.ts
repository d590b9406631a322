// Draft orders from WhatsApp: the market's coordinators (admins, its dispatchers) list and read them, confirm one into
// an order (lines from the catalogue or typed in, the door, the customer's name; the confirmation goes back on
// WhatsApp) or discard it.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { expectedVersion, setVersionTag, versionConflict } from '../../http/concurrency.js';
import { assertMarket } from '../../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema } from '../../schemas/common.js';
import { OrderSchema } from '../../schemas/orders.js';
import { ConfirmDraftSchema, DraftSchema, ListDraftsQuerySchema } from '../../schemas/whatsapp.js';
import { DraftsStore } from '../../store/drafts-store.js';
import { assertOnRoadNetwork } from '../../plugins/road-reach.js';
import { priceFromCatalogue } from '../../store/order-catalogue.js';
import { createOrder } from '../../store/order-intake.js';
import { newId } from '../../ids.js';
import { confirmationText } from '../../whatsapp/reply-texts.js';

const COORDINATORS = ['admin', 'dispatcher'] as const;

export default async function draftRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['drafts'];

  /** The draft when the caller coordinates its market (404 otherwise). */
  async function visibleDraft(request: { params: { id: string } } & Parameters<typeof principalOf>[0]) {
    const draft = await new DraftsStore(app.db).get(request.params.id);
    if (!draft) throw notFound('draft', request.params.id);
    assertMarket(principalOf(request), draft.market_id, 'draft', draft.id);
    return draft;
  }

  /** Closes an open draft or explains why not (409 with the current draft). */
  async function closeDraft(id: string, status: 'confirmed' | 'discarded', expected: number | undefined) {
    const drafts = new DraftsStore(app.db);
    const closed = await drafts.close(id, status, expected);
    if (closed) return closed;
    const current = await drafts.get(id);
    if (current && current.status !== 'open') throw new ApiError('illegal_transition', `draft ${id} is ${current.status}`, undefined, { current });
    throw versionConflict('draft', id, current);
  }

  app.get('/markets/:id/drafts', {
    schema: { tags, summary: "A market's draft orders, newest first", params: IdParamsSchema('mkt'), querystring: ListDraftsQuerySchema, response: { 200: Type.Object({ data: Type.Array(DraftSchema) }), ...ERROR_RESPONSES } },
    config: { roles: COORDINATORS },
  }, async (request) => {
    assertMarket(principalOf(request), request.params.id);
    return { data: await new DraftsStore(app.db).list([request.params.id], request.query.status) };
  });

  app.get('/drafts/:id', {
    schema: { tags, summary: 'A draft order with the messages it came from', params: IdParamsSchema('drf'), response: { 200: DraftSchema, ...ERROR_RESPONSES } },
    config: { roles: COORDINATORS },
  }, async (request, reply) => {
    const draft = await visibleDraft(request);
    setVersionTag(reply, draft.version);
    return draft;
  });

  app.post('/drafts/:id/confirm', {
    schema: {
      tags, summary: 'Confirm a draft into an order (If-Match optional); the customer gets the confirmation on WhatsApp',
      params: IdParamsSchema('drf'), body: ConfirmDraftSchema, response: { 201: Type.Object({ draft: DraftSchema, order: OrderSchema }), ...ERROR_RESPONSES },
    },
    config: { roles: COORDINATORS },
  }, async (request, reply) => {
    const draft = await visibleDraft(request);
    const body = request.body;
    // The same check as POST /v1/orders (the door is also the customer's address), before the draft is claimed: a
    // refused confirmation leaves the draft open at its version.
    assertOnRoadNetwork(app, [{ path: '/body/delivery_location', point: body.delivery_location }]);
    const claimed = await closeDraft(draft.id, 'confirmed', expectedVersion(request));
    const drafts = new DraftsStore(app.db);
    let order;
    try {
      const priced = await priceFromCatalogue(app.db, {
        market_id: draft.market_id, items: body.items, delivery_location: body.delivery_location,
        customer: { name: body.customer_name, phone: draft.customer_phone, address: body.delivery_location, ...(body.landmark ?? draft.landmark ? { landmark: body.landmark ?? draft.landmark! } : {}) },
        ...(body.delivery_note ? { delivery_note: body.delivery_note } : {}),
        ...(body.booked_for ? { booked_for: body.booked_for } : {}),
        external_ref: draft.id,
      });
      const result = await createOrder(app.db, priced);
      if (result.kind !== 'created') throw new ApiError('internal', 'order intake answered without creating the order');
      order = result;
    } catch (error) {
      await drafts.reopen(draft.id);
      throw error;
    }
    await drafts.attachOrder(draft.id, order.order.id, { id: newId('wao'), marketId: draft.market_id, toPhone: draft.customer_phone, body: confirmationText(order.order, (await app.store.markets.get(draft.market_id))?.timezone) });
    app.events.publish([order.event]);
    await app.store.events.append({ type: 'draft.confirmed', marketId: draft.market_id, orderId: order.order.id, payload: { draft_id: draft.id, market_id: draft.market_id, order_id: order.order.id } });
    const confirmed = { ...claimed, status: 'confirmed', order_id: order.order.id };
    return reply.code(201).header('location', `/v1/orders/${order.order.id}`).send({ draft: confirmed, order: order.order });
  });

  app.post('/drafts/:id/discard', {
    schema: { tags, summary: 'Discard a draft (spam, a question, a duplicate); If-Match optional', params: IdParamsSchema('drf'), response: { 200: DraftSchema, ...ERROR_RESPONSES } },
    config: { roles: COORDINATORS },
  }, async (request) => {
    const draft = await visibleDraft(request);
    const closed = await closeDraft(draft.id, 'discarded', expectedVersion(request));
    await app.store.events.append({ type: 'draft.discarded', marketId: draft.market_id, payload: { draft_id: draft.id, market_id: draft.market_id } });
    return { ...closed, status: 'discarded' };
  });
}
