// Market schemas: a pasar with its location, service area, opening hours, pangkalan bases and delivery tariff.
import { Type, type Static } from 'typebox';
import { IdSchema, OpeningHoursSchema, PageQuerySchema, PointSchema, PolygonSchema, RupiahSchema, TimestampSchema } from './common.js';

/** Delivery fee = base + per km of the delivery leg, clamped to [min, max]. */
export const TariffSchema = Type.Object(
  { base_rp: RupiahSchema, per_km_rp: RupiahSchema, min_rp: RupiahSchema, max_rp: RupiahSchema },
  { additionalProperties: false },
);
export type Tariff = Static<typeof TariffSchema>;

/**
 * A market's dispatch objective weights, relative to courier time at 1 per second. A city that pays for speed raises
 * the click-to-door terms, one that pays for fewer courier-km lowers them. Absent: the dispatcher's default.
 */
export const DispatchObjectiveSchema = Type.Object(
  {
    /** Cost per second from the customer's order to the door. */
    click_to_door_cost_per_s: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    /** Click-to-door time past which each second costs `over_target_cost_per_s` more. */
    click_to_door_target_s: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
    over_target_cost_per_s: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000 })),
    /** Cost per second of lateness past the promise (soft: a late order is still delivered). */
    lateness_cost_per_s: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
    /** Cost of moving an already planned or accepted (not picked up) order to another courier. */
    stability_cost: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
    /** Fair work: each place further back in a fleet's idle queue. */
    idle_queue_step_cost: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    /** Fair work: per rupiah a courier earned today above the least-earning courier of its fleet. */
    earnings_balance_cost_per_rp: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    /** The pasar floor: walking speed in its aisles between stalls (m/s) and parking on riding in (s). */
    stall_walking_speed_mps: Type.Optional(Type.Number({ minimum: 0.2, maximum: 3 })),
    parking_s: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_800 })),
    /** Price an ojol courier's ride back to the market after its last door, as a pangkalan courier's to its base. */
    price_ride_back: Type.Optional(Type.Boolean()),
    /** Keeping the hour a customer was told when a courier accepted: seconds the door may slip past it unpriced. */
    told_hour_slack_s: Type.Optional(Type.Integer({ minimum: 0, maximum: 7_200 })),
    /** Cost per second the door comes later than the told hour plus its slack; 0: told hours are not kept. */
    told_hour_cost_per_s: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000 })),
  },
  { additionalProperties: false },
);
export type DispatchObjective = Static<typeof DispatchObjectiveSchema>;

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
  /** The weights this market changed from the dispatcher's defaults. */
  dispatch_objective: DispatchObjectiveSchema,
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
    dispatch_objective: Type.Optional(DispatchObjectiveSchema),
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
    /** Replaces the market's objective weights (`{}`: back to the defaults). */
    dispatch_objective: Type.Optional(DispatchObjectiveSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMarket = Static<typeof UpdateMarketSchema>;
