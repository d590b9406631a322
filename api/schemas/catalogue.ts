// Catalogue schemas: a stall's price board (item, unit, price and weight per unit, available today) and its history.
import { Type, type Static } from 'typebox';
import { IdSchema, RupiahSchema, TimestampSchema } from './common.js';

export const CatalogueItemSchema = Type.Object({
  id: IdSchema('cat'),
  market_id: IdSchema('mkt'),
  stall_id: IdSchema('stl'),
  stall_code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  price_rp: Type.Integer({ description: 'whole rupiah per unit' }),
  weight_kg: Type.Number({ description: 'kg per unit' }),
  available: Type.Boolean(),
  version: Type.Integer(),
  updated_at: TimestampSchema,
});
export type CatalogueItem = Static<typeof CatalogueItemSchema>;

export const CatalogueItemInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    unit: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z][A-Za-z ]*$', description: 'kg, ons, ikat, butir, bungkus, liter, papan, …' }),
    price_rp: RupiahSchema,
    weight_kg: Type.Number({ minimum: 0, maximum: 100, description: 'kg per unit' }),
    available: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type CatalogueItemInput = Static<typeof CatalogueItemInputSchema>;

/** The stall form: every item it lists is created or updated (by name and unit); items not listed stay as they are. */
export const StallCatalogueUpdateSchema = Type.Object({ items: Type.Array(CatalogueItemInputSchema, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });
export type StallCatalogueUpdate = Static<typeof StallCatalogueUpdateSchema>;

export const CatalogueUpdateResultSchema = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  items: Type.Array(CatalogueItemSchema),
});
export type CatalogueUpdateResult = Static<typeof CatalogueUpdateResultSchema>;

export const CataloguePatchSchema = Type.Object(
  {
    price_rp: Type.Optional(RupiahSchema),
    weight_kg: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    available: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CataloguePatch = Static<typeof CataloguePatchSchema>;

export const PriceChangeSchema = Type.Object({
  price_rp: Type.Integer(),
  available: Type.Boolean(),
  source: Type.String(),
  recorded_by: Type.Union([Type.String(), Type.Null()]),
  recorded_at: TimestampSchema,
});

export const MarketCatalogueQuerySchema = Type.Object({ available: Type.Optional(Type.Boolean()) });
