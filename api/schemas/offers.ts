// Offer schemas: the offer as couriers and fleets see it, decline reasons, the list filter.
import { Type } from 'typebox';
import { IdSchema, PageQuerySchema, PointSchema, TimestampSchema } from './common.js';

export const OfferStatusSchema = Type.Enum(['pending', 'accepted', 'declined', 'expired', 'withdrawn']);

export const OfferSchema = Type.Object({
  id: IdSchema('ofr'),
  status: OfferStatusSchema,
  version: Type.Integer(),
  route_id: Type.String(),
  courier_id: IdSchema('cou'),
  market_id: IdSchema('mkt'),
  order_ids: Type.Array(Type.String()),
  expires_at: TimestampSchema,
  responded_at: Type.Union([TimestampSchema, Type.Null()]),
  decline_reason: Type.Union([Type.String(), Type.Null()]),
  created_at: TimestampSchema,
});

export const DeclineOfferSchema = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false });

export const ListOffersQuerySchema = Type.Object({
  ...PageQuerySchema.properties,
  status: Type.Optional(OfferStatusSchema),
  courier_id: Type.Optional(IdSchema('cou')),
});

/** What a courier needs to judge an offer before the countdown ends. */
export const OfferPreviewSchema = Type.Object({
  fee_rp: Type.Integer({ description: 'The courier\'s fee for all orders of the offer (rupiah)' }),
  order_count: Type.Integer(),
  stall_count: Type.Integer({ description: 'Distinct stalls to pick up at' }),
  stalls: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), stall_code: Type.String() })),
  distance_m: Type.Integer({ description: 'Riding distance from the first pickup to the last door' }),
  duration_s: Type.Integer({ description: 'Riding time plus service at every stop, first pickup to last door' }),
  cod_to_collect_rp: Type.Integer({ description: 'Cash to collect at the doors (goods + fees)' }),
  cash_float_rp: Type.Integer({ description: 'Cash the courier fronts at the stalls (the goods), recovered by the COD' }),
  stops: Type.Array(Type.Object({
    kind: Type.String(), order_id: Type.Union([Type.String(), Type.Null()]), stall_id: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]), location: PointSchema, eta: Type.Union([TimestampSchema, Type.Null()]),
  })),
  line: Type.Array(Type.Number(), { description: 'Route preview: flat [lon, lat, lon, lat, …] through the stops' }),
  line_kind: Type.Enum(['road', 'straight']),
});

/** One offer with its preview (GET /v1/offers/:id). */
export const OfferWithPreviewSchema = Type.Object({ ...OfferSchema.properties, preview: OfferPreviewSchema });
