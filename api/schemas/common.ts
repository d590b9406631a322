// Shared TypeBox building blocks: ids, points, polygons, money, timestamps, pages and the problem document.
import { Type, type Static, type TSchema } from 'typebox';
import type { IdPrefix } from '../ids.js';

/** An id of one entity: `<prefix>_` + 26 Crockford base32 characters (`key_` ids have 16). */
export const IdSchema = (prefix: IdPrefix) =>
  Type.String({ pattern: `^${prefix}_[0-9A-HJKMNP-TV-Z]{16,26}$`, description: `${prefix}_… id`, examples: [`${prefix}_01JD3X5Q4S8T2VYB6N7P9RWXYZ`] });

/** A WGS84 position; the API speaks `{ lon, lat }`, the database geography(Point). */
export const PointSchema = Type.Object(
  { lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
  { additionalProperties: false },
);
export type Point = Static<typeof PointSchema>;

/** A GeoJSON Polygon (one outer ring, optional holes; rings closed, ≥ 4 positions). */
export const PolygonSchema = Type.Object(
  {
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(
      Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 3 }), { minItems: 4, maxItems: 10_000 }),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export type Polygon = Static<typeof PolygonSchema>;

/** Whole rupiah. */
export const RupiahSchema = Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'whole rupiah' });
export const TimestampSchema = Type.String({ format: 'date-time' });
/** `HH:MM`, 24-hour local time. */
export const ClockSchema = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

/** Weekly opening hours: on ISO weekdays `days` (1 = Monday) from `open` to `close`, local time. */
export const OpeningHoursSchema = Type.Array(
  Type.Object(
    { days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }), open: ClockSchema, close: ClockSchema },
    { additionalProperties: false },
  ),
  { maxItems: 14 },
);
export type OpeningHours = Static<typeof OpeningHoursSchema>;

/** A page of `item`s with the cursor of the next page (null on the last page). */
export const PageSchema = <T extends TSchema>(item: T) =>
  Type.Object({ data: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()]) });

/** `?cursor=…&limit=…` shared by every list. */
export const PageQuerySchema = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

/** An RFC 9457 problem document (application/problem+json). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    request_id: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
);

/** `{ id }` path parameters of one entity. */
export const IdParamsSchema = (prefix: IdPrefix) => Type.Object({ id: IdSchema(prefix) });

/** Standard error responses a route lists in its schema. */
export const ERROR_RESPONSES = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
} as const;
