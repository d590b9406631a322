// Plan schemas: a versioned plan of a market, its routes (one per courier) and their ordered stops.
import { Type, type Static } from 'typebox';
import { IdSchema, PageQuerySchema, PointSchema, TimestampSchema } from './common.js';
import { OrderCustomerSchema } from './orders.js';

export const StopSchema = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  kind: Type.Enum(['start', 'pickup', 'delivery', 'return', 'end']),
  order_id: Type.Union([Type.String(), Type.Null()]),
  stall_id: Type.Union([Type.String(), Type.Null()]),
  location: PointSchema,
  eta: Type.Union([TimestampSchema, Type.Null()]),
  window: Type.Union([Type.Object({ start: TimestampSchema, end: TimestampSchema }), Type.Null()]),
  /** A pickup whose goods are ready only later (a booked order, a line the stall needs time for): from when; else null. */
  ready_at: Type.Union([TimestampSchema, Type.Null()]),
  service_s: Type.Integer(),
  status: Type.String(),
  frozen: Type.Boolean(),
  arrived_at: Type.Union([TimestampSchema, Type.Null()]),
  completed_at: Type.Union([TimestampSchema, Type.Null()]),
  version: Type.Integer(),
});
export type Stop = Static<typeof StopSchema>;

export const RouteSchema = Type.Object({
  id: Type.String(),
  plan_id: IdSchema('pln'),
  market_id: IdSchema('mkt'),
  courier_id: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  distance_m: Type.Integer(),
  duration_s: Type.Integer(),
  version: Type.Integer(),
  stops: Type.Array(StopSchema),
});
export type Route = Static<typeof RouteSchema>;

export const PlanSummarySchema = Type.Object({
  id: IdSchema('pln'),
  market_id: IdSchema('mkt'),
  version: Type.Integer(),
  status: Type.String(),
  stats: Type.Record(Type.String(), Type.Unknown()),
  unassigned: Type.Array(Type.Unknown()),
  route_count: Type.Integer(),
  created_at: TimestampSchema,
});
export type PlanSummary = Static<typeof PlanSummarySchema>;

export const PlanSchema = Type.Object({ ...PlanSummarySchema.properties, routes: Type.Array(RouteSchema) });
export type Plan = Static<typeof PlanSchema>;

/** A courier's current route; delivery stops carry the customer's contact while they are still to be served. */
export const CourierRouteStopSchema = Type.Object({ ...StopSchema.properties, customer: Type.Union([OrderCustomerSchema, Type.Null()]) });
export const CourierRouteSchema = Type.Object({
  ...RouteSchema.properties,
  stops: Type.Array(CourierRouteStopSchema),
  line: Type.Array(Type.Number(), { description: 'Road line from the first stop to the last: flat [lon, lat, lon, lat, …]' }),
  line_kind: Type.Enum(['road', 'straight'], { description: '`straight` when the router could not answer' }),
});
export type CourierRoute = Static<typeof CourierRouteSchema>;

export const ListPlansQuerySchema = Type.Object({
  ...PageQuerySchema.properties,
  market_id: Type.Optional(IdSchema('mkt')),
  status: Type.Optional(Type.String({ maxLength: 32 })),
});
export type ListPlansQuery = Static<typeof ListPlansQuerySchema>;
