// Market schemas: a pasar with its location, service area, opening hours, pangkalan bases and delivery tariff.
import { Type, type Static } from 'typebox';
import { IdSchema, OpeningHoursSchema, PageQuerySchema, PointSchema, PolygonSchema, RupiahSchema, TimestampSchema } from './common.js';

/** Delivery fee = base + per km of the delivery leg, clamped to [min, max]. */
export const TariffSchema = Type.Object(
  { base_rp: RupiahSchema, per_km_rp: RupiahSchema, min_rp: RupiahSchema, max_rp: RupiahSchema },
  { additionalProperties: false },
);
export type Tariff = Static<typeof TariffSchema>;

/** A pangkalan (ojek base) where couriers wait. */
export const BaseSchema = Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }), location: PointSchema }, { additionalProperties: false });

export const MarketSchema = Type.Object({
  id: IdSchema('mkt'),
  name: Type.String(),
  city: Type.String(),
  location: PointSchema,
  service_area: Type.Union([PolygonSchema, Type.Null()]),
  service_radius_m: Type.Union([Type.Integer(), Type.Null()]),
  opening_hours: OpeningHoursSchema,
  bases: Type.Array(BaseSchema),
  tariff: TariffSchema,
  timezone: Type.String(),
  version: Type.Integer(),
  created_at: TimestampSchema,
});
export type Market = Static<typeof MarketSchema>;

export const CreateMarketSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    city: Type.String({ minLength: 1, maxLength: 120 }),
    location: PointSchema,
    service_area: Type.Optional(PolygonSchema),
    service_radius_m: Type.Optional(Type.Integer({ minimum: 100, maximum: 100_000 })),
    opening_hours: Type.Optional(OpeningHoursSchema),
    bases: Type.Optional(Type.Array(BaseSchema, { maxItems: 50 })),
    tariff: Type.Optional(Type.Partial(TariffSchema)),
    timezone: Type.Optional(Type.Enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'])),
  },
  { additionalProperties: false },
);
export type CreateMarket = Static<typeof CreateMarketSchema>;

export const ListMarketsQuerySchema = Type.Object({ ...PageQuerySchema.properties, city: Type.Optional(Type.String({ maxLength: 120 })) });
export type ListMarketsQuery = Static<typeof ListMarketsQuerySchema>;

/** Fields a PATCH may change; absent fields stay. `service_area: null` removes the polygon. */
export const UpdateMarketSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    service_area: Type.Optional(Type.Union([PolygonSchema, Type.Null()])),
    service_radius_m: Type.Optional(Type.Union([Type.Integer({ minimum: 100, maximum: 100_000 }), Type.Null()])),
    opening_hours: Type.Optional(OpeningHoursSchema),
    bases: Type.Optional(Type.Array(BaseSchema, { maxItems: 50 })),
    tariff: Type.Optional(Type.Partial(TariffSchema)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMarket = Static<typeof UpdateMarketSchema>;
