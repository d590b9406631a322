// /v1/offers: read (scoped; one offer with its preview), accept (exactly one winner per order) and decline.
// Each new offer's route figures are computed off the request path, so the preview is ready when the courier looks.
import { treatMissingBodyAsEmpty } from '../transitions/empty-body.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError, notFound } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import { expectedVersion, setVersionTag } from '../../http/concurrency.js';
import { ERROR_RESPONSES, IdParamsSchema, PageSchema } from '../../schemas/common.js';
import { DeclineOfferSchema, ListOffersQuerySchema, OfferSchema, OfferWithPreviewSchema } from '../../schemas/offers.js';
import { HaversineProvider } from '../../../engine/index.js';
import { offerPreview } from './offer-preview.js';
import { routeFigures } from './route-figures.js';
import { decodeCursor, pageOf } from '../../store/pagination.js';
import { getOffer, listOffers, type OfferView } from '../../transitions/offer-view.js';
import { acceptOffer, declineOffer, type OfferOutcome } from '../../transitions/offers.js';

const ALL_ROLES = ['admin', 'dispatcher', 'planner', 'fleet', 'courier'] as const;

export default async function offerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  treatMissingBodyAsEmpty(fastify);
  const tags = ['offers'];
  const routing = fastify.routingProvider ?? new HaversineProvider();
  const unsubscribe = fastify.events.subscribe((records) => {
    for (const r of records) {
      if (r.type === 'offer.created' && typeof r.payload.route_id === 'string') void routeFigures(fastify.db, routing, r.payload.route_id).catch((error: unknown) => fastify.log.warn({ err: error }, 'route figures not computed'));
    }
  });
  fastify.addHook('onClose', async () => unsubscribe());

  /** The offer after a transition; an offer found expired is a 409 (the expiry itself is committed). */
  async function answer(outcome: OfferOutcome, request: FastifyRequest, reply: FastifyReply): Promise<OfferView> {
    const offer = await getOffer(app.db, principalOf(request), outcome.offerId);
    if (offer === null) throw notFound('offer', outcome.offerId);
    if (outcome.status === 'expired') {
      throw new ApiError('illegal_transition', `offer ${offer.id} expired at ${offer.expires_at}`, undefined, { entity: 'offer', entity_id: offer.id, current_state: 'expired', current_version: offer.version });
    }
    setVersionTag(reply, offer.version);
    return offer;
  }

  app.get('/offers', {
    schema: { tags, summary: 'List offers (couriers: their own; fleets: their couriers’; dispatchers: their markets’)', querystring: ListOffersQuerySchema, response: { 200: PageSchema(OfferSchema), ...ERROR_RESPONSES } },
    config: { roles: ALL_ROLES },
  }, async (request) => {
    const limit = request.query.limit ?? 50;
    const rows = await listOffers(app.db, principalOf(request), { afterId: decodeCursor(request.query.cursor), limit, status: request.query.status, courierId: request.query.courier_id });
    return pageOf(rows, limit, (o) => o.id);
  });

  app.get('/offers/:id', {
    schema: { tags, summary: 'Get an offer with its preview: fee, stalls, distance and time, COD, cash float, route line', params: IdParamsSchema('ofr'), response: { 200: OfferWithPreviewSchema, ...ERROR_RESPONSES } },
    config: { roles: ALL_ROLES },
  }, async (request, reply) => {
    const offer = await getOffer(app.db, principalOf(request), request.params.id);
    if (offer === null) throw notFound('offer', request.params.id);
    setVersionTag(reply, offer.version);
    return { ...offer, preview: await offerPreview(app.db, routing, offer.route_id, offer.order_ids) };
  });

  app.post('/offers/:id/accept', {
    schema: { tags, summary: 'Accept an offer: the route and its orders become the courier’s (409 when another courier won)', params: IdParamsSchema('ofr'), response: { 200: OfferSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet', 'courier'] },
  }, async (request, reply) => {
    const p = principalOf(request);
    const outcome = await app.tx((tx) => acceptOffer(tx, p, request.params.id, { expectedVersion: expectedVersion(request), now: new Date() }));
    return answer(outcome, request, reply);
  });

  app.post('/offers/:id/decline', {
    schema: { tags, summary: 'Decline an offer', params: IdParamsSchema('ofr'), body: DeclineOfferSchema, response: { 200: OfferSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'fleet', 'courier'] },
  }, async (request, reply) => {
    const p = principalOf(request);
    const outcome = await app.tx((tx) => declineOffer(tx, p, request.params.id, { reason: request.body?.reason ?? null, expectedVersion: expectedVersion(request), now: new Date() }));
    return answer(outcome, request, reply);
  });
}
