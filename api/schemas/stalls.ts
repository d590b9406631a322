// Stall schemas: a kios/lapak inside a market, with its stall code, location, categories and hours.
import { Type, type Static } from 'typebox';
import { IdSchema, OpeningHoursSchema, PageQuerySchema, PointSchema, TimestampSchema } from './common.js';

export const StallSchema = Type.Object({
  id: IdSchema('stl'),
  market_id: IdSchema('mkt'),
  name: Type.String(),
  stall_code: Type.String(),
  location: PointSchema,
  categories: Type.Array(Type.String()),
  opening_hours: OpeningHoursSchema,
  created_at: TimestampSchema,
});
export type Stall = Static<typeof StallSchema>;

export const CreateStallSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    stall_code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$', description: 'e.g. B2-17 (block, row, number)' }),
    location: PointSchema,
    categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20, uniqueItems: true })),
    opening_hours: Type.Optional(OpeningHoursSchema),
  },
  { additionalProperties: false },
);
export type CreateStall = Static<typeof CreateStallSchema>;

export const ListStallsQuerySchema = Type.Object({ ...PageQuerySchema.properties, category: Type.Optional(Type.String({ maxLength: 60 })) });
export type ListStallsQuery = Static<typeof ListStallsQuerySchema>;
