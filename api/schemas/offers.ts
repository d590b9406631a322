// Offer schemas: the offer as couriers and fleets see it, decline reasons, the list filter.
import { Type } from 'typebox';
import { IdSchema, PageQuerySchema, TimestampSchema } from './common.js';

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
