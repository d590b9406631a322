// TypeBox schema of a planner scenario file (JSON): roads, markets, fleets, demand, disruptions, policy, seed, and the
// explicit orders and couriers of a replayed day.
import { Type, type Static } from 'typebox';

const Hour = Type.Number({ minimum: 0, maximum: 24, description: 'local hour of the day (WIB), may be fractional' });
const Probability = Type.Number({ minimum: 0, maximum: 1 });
const Range = (min: number, description: string) =>
  Type.Tuple([Type.Number({ minimum: min }), Type.Number({ minimum: min })], { description: `[low, high]: ${description}` });
const PerHour = (description: string) => Type.Array(Type.Number({ minimum: 0 }), { minItems: 24, maxItems: 24, description });
const Id = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$', description: 'letters, digits, _ . - (at most 40)' });
const closed = { additionalProperties: false } as const;

export const RoadsSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('embedded'),
    /** Road file, relative to the scenario file. */
    graph: Type.String({ minLength: 1 }),
    profile: Type.Optional(Type.Union([Type.Literal('motorbike'), Type.Literal('car')])),
  }, closed),
  Type.Object({
    kind: Type.Literal('haversine'),
    speedKmh: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 120 })),
    detourFactor: Type.Optional(Type.Number({ minimum: 1, maximum: 3 })),
  }, closed),
]);

export const StallSchema = Type.Object({ id: Id, lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) }, closed);

export const MarketSchema = Type.Object({
  id: Id,
  name: Type.Optional(Type.String()),
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  /** Explicit stalls, or `stallCount` generated within `stallRadiusM`. */
  stalls: Type.Optional(Type.Array(StallSchema, { minItems: 1 })),
  stallCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  stallRadiusM: Type.Optional(Type.Number({ minimum: 0, maximum: 2000 })),
  /** Orders placed in each local hour 0–23; or `ordersPerDay` spread over `demand.hourlyShare`. */
  ordersPerHour: Type.Optional(PerHour('orders placed in each local hour 0–23')),
  ordersPerDay: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  /** Households live between these distances from the market, metres. */
  deliveryRadiusM: Type.Optional(Range(0, 'delivery points between these distances from the market, metres')),
  tariff: Type.Optional(Type.Object({
    baseRp: Type.Optional(Type.Number({ minimum: 0 })), perKmRp: Type.Optional(Type.Number({ minimum: 0 })),
    minRp: Type.Optional(Type.Number({ minimum: 0 })), maxRp: Type.Optional(Type.Number({ minimum: 0 })),
  }, closed)),
}, closed);

export const FleetSchema = Type.Object({
  id: Id,
  market: Id,
  kind: Type.Union([Type.Literal('ojol'), Type.Literal('pangkalan')]),
  couriers: Type.Integer({ minimum: 0, maximum: 5000 }),
  capacityKg: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  cashFloatRp: Type.Optional(Type.Number({ minimum: 0 })),
  /** [start, end] local hours of the shift. */
  shift: Type.Optional(Type.Tuple([Hour, Hour])),
  acceptProbability: Type.Optional(Probability),
  /** Seconds a courier takes to answer an offer, drawn uniformly. */
  responseS: Type.Optional(Range(0, 'seconds to answer an offer')),
  /** Ojol couriers start this far from the market at most (pangkalan wait at the market), metres. */
  startRadiusM: Type.Optional(Type.Number({ minimum: 0, maximum: 20_000 })),
  speedFactor: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3 })),
  /** What the courier earns: a share of each delivered order's fee plus an hourly wage while on shift. */
  pay: Type.Optional(Type.Object({ feeShare: Type.Optional(Probability), perHourRp: Type.Optional(Type.Number({ minimum: 0 })) }, closed)),
}, closed);

export const DemandSchema = Type.Object({
  /** Share of `ordersPerDay` in each local hour (any scale; normalised). */
  hourlyShare: Type.Optional(PerHour('weight of each local hour 0–23 in the daily demand')),
  /** Weights of 1, 2, 3, … stalls per order. */
  stallsPerOrderWeights: Type.Optional(Type.Array(Type.Number({ minimum: 0 }), { minItems: 1, maxItems: 10 })),
  weightKgPerStall: Type.Optional(Range(0, 'kg of goods bought at one stall')),
  valueRpPerStall: Type.Optional(Range(0, 'rupiah of goods bought at one stall')),
  stallServiceS: Type.Optional(Range(0, 'seconds spent at a stall')),
  deliveryServiceS: Type.Optional(Range(0, 'seconds spent handing over at the door')),
  /** Delivery promised within this many minutes of the order. */
  windowMin: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1440 })),
  /** Share of orders paid cash on delivery. */
  codShare: Type.Optional(Probability),
  /** A customer refuses poor goods with this probability: an exchange (return to stall, redelivery) follows. */
  refusalProbability: Type.Optional(Probability),
  /** A customer whose order is still unassigned after this many minutes cancels it. */
  patienceMin: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1440 })),
  maxInBagMin: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1440 })),
  /** Goods at each stall are ready this many minutes after the order (the stall packs them first). */
  readyAfterMin: Type.Optional(Range(0, 'minutes after the order when a stall has the goods ready')),
  /**
   * Pre-orders: the market hears of each order this many minutes before it is due (a coordinator's list collected
   * ahead, a customer booking a time); its goods are ready, and its promise and click-to-door count, from the due time.
   */
  noticeMin: Type.Optional(Type.Number({ minimum: 0, maximum: 1440 })),
}, closed);

export const DisruptionsSchema = Type.Object({
  /** Each courier fails to show up for the shift with this probability. */
  noShowProbability: Type.Optional(Probability),
  /** Road speed multiplier per local hour (market traffic: below 1 at the morning peak). */
  speedFactorByHour: Type.Optional(Type.Array(Type.Number({ exclusiveMinimum: 0, maximum: 3 }), { minItems: 24, maxItems: 24 })),
  /** Relative standard deviation of each leg's riding time. */
  travelNoise: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
}, closed);

export const PolicySchema = Type.Object({
  batchWindowS: Type.Optional(Type.Number({ minimum: 0, maximum: 3600 })),
  batchMaxOrders: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  /** The market's pangkalan couriers are asked before ojol couriers. */
  pangkalanFirst: Type.Optional(Type.Boolean()),
  /** Simulated time a solve takes (the production time budget), ms. */
  solveBudgetMs: Type.Optional(Type.Number({ minimum: 0, maximum: 60_000 })),
  /** Annealing iterations per solve in simulation (deterministic). */
  solverIterations: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  offerTtlS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600 })),
  offerTtlMaxS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600 })),
  ojolRadiusM: Type.Optional(Type.Number({ minimum: 0, maximum: 50_000 })),
  maxCouriersPerBatch: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  /** Orders per trip for the FIFO baseline. */
  fifoBagSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  /** Seconds a phone coordinator spends per assignment (one-per-trip baseline). */
  coordinatorCallS: Type.Optional(Type.Number({ minimum: 0, maximum: 3600 })),
  /** Solver iterations for the whole day solved in hindsight (`jejaring plan` reference). */
  hindsightIterations: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  /** jejaring's plans price an ojol courier's ride back to the market after its last door (`priceRideBack`). */
  priceRideBack: Type.Optional(Type.Boolean()),
  /** jejaring's plans keep the hour customers were told (`toldHour`): minutes of slack and cost per second past it; null: off. */
  toldHour: Type.Optional(Type.Union([Type.Object({
    slackMin: Type.Number({ minimum: 0, maximum: 120 }),
    costPerS: Type.Number({ minimum: 0, maximum: 1_000 }),
  }, closed), Type.Null()])),
}, closed);

/** A time of the simulated day: local hours (7.5) or "HH:MM" / "HH:MM:SS" (WIB). */
export const TimeOfDay = Type.Union([Hour, Type.String({ pattern: '^[0-9]{1,2}:[0-5][0-9](:[0-5][0-9])?$' })], { description: 'local hours (7.5) or "HH:MM[:SS]"' });

/** One item of an explicit order: bought at one stall of the order's market. */
export const OrderItemSchema = Type.Object({
  stall: Id,
  item: Type.Optional(Type.String({ maxLength: 200 })),
  qty: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  /** kg, g, ons, l, ml, or any count word (pcs, ikat, bungkus, …); the weight follows from it when `weightKg` is absent. */
  unit: Type.Optional(Type.String({ maxLength: 20 })),
  /** Price of the line (all of `qty`), rupiah. */
  priceRp: Type.Number({ minimum: 0 }),
  weightKg: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
  /** The stall has this item ready at this time; absent: at the order's `readyAt`, or at once. */
  readyAt: Type.Optional(TimeOfDay),
}, closed);

/** An order of a recorded day, replayed as it came in instead of being drawn. */
export const ExplicitOrderSchema = Type.Object({
  id: Id,
  /** When the customer ordered. */
  at: TimeOfDay,
  /** Market id; may be left out when the scenario has one market. */
  market: Type.Optional(Id),
  customer: Type.Object({
    name: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
  }, closed),
  items: Type.Array(OrderItemSchema, { minItems: 1, maxItems: 200 }),
  /** Delivery promised within this many minutes of the order, or of `bookedFor` (default `demand.windowMin`); or `deliverBy`. */
  promiseMin: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1440 })),
  deliverBy: Type.Optional(TimeOfDay),
  /** The hour the customer booked the order for: the goods are ready then and its wait counts from then. */
  bookedFor: Type.Optional(TimeOfDay),
  /** Cash on delivery: the courier advances the goods and collects goods and fee at the door. */
  cod: Type.Optional(Type.Boolean()),
  /** Every stall has the goods ready at this time (an item's own `readyAt` wins). */
  readyAt: Type.Optional(TimeOfDay),
}, closed);

/** A courier of a recorded day (instead of a fleet's drawn couriers). */
export const ExplicitCourierSchema = Type.Object({
  id: Id,
  name: Type.Optional(Type.String({ maxLength: 200 })),
  market: Type.Optional(Id),
  kind: Type.Union([Type.Literal('ojol'), Type.Literal('pangkalan')]),
  shift: Type.Tuple([TimeOfDay, TimeOfDay]),
  /** Where the shift starts (default: the market). */
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  capacityKg: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  cashFloatRp: Type.Optional(Type.Number({ minimum: 0 })),
  acceptProbability: Type.Optional(Probability),
  responseS: Type.Optional(Range(0, 'seconds to answer an offer')),
  speedFactor: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3 })),
  pay: Type.Optional(Type.Object({ feeShare: Type.Optional(Probability), perHourRp: Type.Optional(Type.Number({ minimum: 0 })) }, closed)),
}, closed);

export const ScenarioSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  seed: Type.Integer({ minimum: 0 }),
  /** Demand runs from `startHour` to `endHour`; the simulation then drains for `drainHours`. */
  day: Type.Object({ startHour: Hour, endHour: Hour, drainHours: Type.Optional(Type.Number({ minimum: 0, maximum: 12 })) }, closed),
  roads: RoadsSchema,
  markets: Type.Array(MarketSchema, { minItems: 1 }),
  /** Couriers drawn per fleet; may be left out when `couriers` lists them. */
  fleets: Type.Optional(Type.Array(FleetSchema)),
  /** Explicit couriers of a recorded day. */
  couriers: Type.Optional(Type.Array(ExplicitCourierSchema, { maxItems: 5000 })),
  /** A coordinator's courier sheet (CSV, one row per courier), relative to the scenario file; see docs/scenarios.md. */
  couriersCsv: Type.Optional(Type.String({ minLength: 1 })),
  /** Explicit orders of a recorded day (beside or instead of the markets' drawn demand). */
  orders: Type.Optional(Type.Array(ExplicitOrderSchema, { maxItems: 100_000 })),
  /** A coordinator's order sheet (CSV, one row per item), relative to the scenario file; see docs/scenarios.md. */
  ordersCsv: Type.Optional(Type.String({ minLength: 1 })),
  demand: Type.Optional(DemandSchema),
  disruptions: Type.Optional(DisruptionsSchema),
  policy: Type.Optional(PolicySchema),
  /** Policies `jejaring plan` compares when `--compare` is not given. */
  compare: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
}, closed);

export type ScenarioFile = Static<typeof ScenarioSchema>;
export type MarketSpec = Static<typeof MarketSchema>;
export type FleetSpec = Static<typeof FleetSchema>;
export type PolicySpec = Static<typeof PolicySchema>;
export type ExplicitOrderSpec = Static<typeof ExplicitOrderSchema>;
export type ExplicitCourierSpec = Static<typeof ExplicitCourierSchema>;
export type OrderItemSpec = Static<typeof OrderItemSchema>;
export type TimeOfDaySpec = Static<typeof TimeOfDay>;
