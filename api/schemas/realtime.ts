// Socket.IO payloads: the envelope every streamed event travels in, the handshake, the acknowledgement, and the
// payloads of the dispatch events. The web map imports only these types.
import { Type, type Static } from 'typebox';

/** Handshake `auth` of both namespaces: a REST credential and, on reconnect, the last event sequence seen. */
export const RealtimeAuthSchema = Type.Object({
  /** A bearer token (`jt_…`) or a fleet API key (`jk_…`). */
  token: Type.String({ minLength: 1 }),
  /** Replay every visible event with a larger sequence before the live stream resumes. */
  lastSeq: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Dispatcher namespace: the markets to watch (default: every market the credential sees). */
  marketIds: Type.Optional(Type.Array(Type.String(), { maxItems: 200 })),
});
export type RealtimeAuth = Static<typeof RealtimeAuthSchema>;

/** One streamed event; the Socket.IO event name equals `type`. */
export const RealtimeEnvelopeSchema = Type.Object({
  /** Event-log sequence; ephemeral events (`courier.position`, `kpi`) carry the latest logged sequence. */
  seq: Type.Integer({ minimum: 0 }),
  /** Dotted event type, e.g. `order.assigned`, `plan.updated`, `offer.created`. */
  type: Type.String(),
  marketId: Type.Union([Type.String(), Type.Null()]),
  courierId: Type.Union([Type.String(), Type.Null()]),
  orderId: Type.Union([Type.String(), Type.Null()]),
  /** ISO 8601 time the event was written. */
  at: Type.String(),
  /** true when delivered by the reconnect replay rather than live. */
  replay: Type.Boolean(),
  payload: Type.Record(Type.String(), Type.Unknown()),
});
export type RealtimeEnvelope = Static<typeof RealtimeEnvelopeSchema>;

/** Acknowledgement of a client command (`offer.accept`, `offer.decline`, `courier.position`, …). */
export const RealtimeAckSchema = Type.Union([
  Type.Object({ ok: Type.Literal(true), data: Type.Optional(Type.Unknown()) }),
  Type.Object({ ok: Type.Literal(false), code: Type.String(), message: Type.String() }),
]);
export type RealtimeAck = Static<typeof RealtimeAckSchema>;

/** Sent once after connect (and after the replay): who the socket is, what it watches, where the log stands. */
export const RealtimeReadySchema = Type.Object({
  role: Type.String(),
  marketIds: Type.Array(Type.String()),
  courierId: Type.Union([Type.String(), Type.Null()]),
  fleetId: Type.Union([Type.String(), Type.Null()]),
  replayed: Type.Integer({ minimum: 0 }),
  lastSeq: Type.Integer({ minimum: 0 }),
});
export type RealtimeReady = Static<typeof RealtimeReadySchema>;

/** A stop of a planned, offered or accepted route. */
export const RouteStopPayloadSchema = Type.Object({
  stopId: Type.String(),
  orderId: Type.String(),
  kind: Type.Union([Type.Literal('pickup'), Type.Literal('delivery')]),
  lon: Type.Number(),
  lat: Type.Number(),
  /** ISO 8601 estimated arrival. */
  eta: Type.String(),
});
export type RouteStopPayload = Static<typeof RouteStopPayloadSchema>;

/** A route's drawing: flat [lon, lat, lon, lat, …]; `road` from the router, `straight` through the stops as a fallback. */
export const RouteLinePayloadSchema = {
  line: Type.Optional(Type.Array(Type.Number())),
  lineKind: Type.Optional(Type.Union([Type.Literal('road'), Type.Literal('straight')])),
};

/** `plan.updated`: the market's new plan (proposed routes with their lines, and what stayed unplanned). */
export const PlanUpdatedPayloadSchema = Type.Object({
  planId: Type.String(),
  routes: Type.Array(Type.Object({ courierId: Type.String(), stops: Type.Array(RouteStopPayloadSchema), ...RouteLinePayloadSchema })),
  unassignedOrderIds: Type.Array(Type.String()),
  /** Orders the plan gives a courier but does not offer yet: the courier is busy and reaches them only after the commit horizon, or their goods are ready later. */
  heldOrders: Type.Optional(Type.Array(Type.Object({
    orderId: Type.String(),
    courierId: Type.String(),
    reason: Type.Union([Type.Literal('commit_horizon'), Type.Literal('goods_not_ready')]),
    /** When the plan has the courier start at the order's first stall: its arrival, or the goods' ready time when later. */
    firstStopEta: Type.String({ format: 'date-time' }),
  }))),
  solveMs: Type.Optional(Type.Number()),
});
export type PlanUpdatedPayload = Static<typeof PlanUpdatedPayloadSchema>;

/** `route.updated`: a courier's accepted route, stop by stop (its line when that stop sequence was planned), and the cash still to collect. */
export const RouteUpdatedPayloadSchema = Type.Object({
  courierId: Type.String(),
  stops: Type.Array(RouteStopPayloadSchema),
  ...RouteLinePayloadSchema,
  codDueRp: Type.Integer({ minimum: 0 }),
});
export type RouteUpdatedPayload = Static<typeof RouteUpdatedPayloadSchema>;

/** `eta.updated`: refreshed arrival times of a courier's remaining stops. */
export const EtaUpdatedPayloadSchema = Type.Object({
  courierId: Type.String(),
  stops: Type.Array(Type.Object({ stopId: Type.String(), eta: Type.String() })),
});
export type EtaUpdatedPayload = Static<typeof EtaUpdatedPayloadSchema>;

/** `dispatch.offer`: the courier-facing offer (its route, fees and deadline). */
export const OfferPayloadSchema = Type.Object({
  offerId: Type.String(),
  courierId: Type.String(),
  orderIds: Type.Array(Type.String()),
  stops: Type.Array(RouteStopPayloadSchema),
  feesRp: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  expiresAt: Type.String(),
});
export type OfferPayload = Static<typeof OfferPayloadSchema>;

/** `courier.position`: a throttled live position. */
export const CourierPositionPayloadSchema = Type.Object({
  courierId: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  /** ISO 8601 time of the fix. */
  at: Type.String(),
});
export type CourierPositionPayload = Static<typeof CourierPositionPayloadSchema>;

/** `kpi`: the market's dispatch tiles. */
export const KpiPayloadSchema = Type.Object({
  pendingOrders: Type.Integer(),
  bookedOrders: Type.Integer({ description: 'Orders booked for a later hour, not yet planned' }),
  offeredOrders: Type.Integer(),
  assignedOrders: Type.Integer(),
  deliveredOrders: Type.Integer(),
  failedOrders: Type.Integer(),
  cancelledOrders: Type.Integer(),
  activeCouriers: Type.Integer(),
  idleCouriers: Type.Integer(),
  openOffers: Type.Integer(),
  oldestPendingS: Type.Integer(),
});
export type KpiPayload = Static<typeof KpiPayloadSchema>;

/** Client → server on `/courier`: accept or decline an offer. */
export const OfferAnswerSchema = Type.Object({
  offerId: Type.String(),
  reason: Type.Optional(Type.String({ maxLength: 200 })),
});
export type OfferAnswer = Static<typeof OfferAnswerSchema>;

/** Client → server on `/courier`: a position fix. */
export const PositionFixSchema = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  /** ISO 8601; default now. */
  at: Type.Optional(Type.String()),
});
export type PositionFix = Static<typeof PositionFixSchema>;

/** Server → client on `/planner`: a scenario run's progress (at most a few per second per run). */
export const ScenarioProgressPayloadSchema = Type.Object({
  runId: Type.String(),
  /** The policy being simulated. */
  policy: Type.String(),
  /** Share of the whole run done (all policies), 0–1. */
  fraction: Type.Number({ minimum: 0, maximum: 1 }),
  /** The simulated clock (ISO 8601), null between policies. */
  simulatedTime: Type.Union([Type.String(), Type.Null()]),
  /** Customer orders delivered or cancelled so far in this policy's day, null between policies. */
  ordersDone: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
}, { additionalProperties: false });
export type ScenarioProgressPayload = Static<typeof ScenarioProgressPayloadSchema>;

/** Server → client on `/planner`: a run finished; `summary` holds each policy's KPIs as in `GET /v1/scenarios/runs/:id`. */
export const ScenarioFinishedPayloadSchema = Type.Object({
  runId: Type.String(),
  status: Type.Literal('done'),
  summary: Type.Array(Type.Object({ policy: Type.String(), kpis: Type.Record(Type.String(), Type.Unknown()) })),
}, { additionalProperties: false });
export type ScenarioFinishedPayload = Static<typeof ScenarioFinishedPayloadSchema>;

/** Server → client on `/planner`: a run failed with a stable error code. */
export const ScenarioFailedPayloadSchema = Type.Object({
  runId: Type.String(),
  status: Type.Literal('failed'),
  code: Type.String(),
  message: Type.String(),
}, { additionalProperties: false });
export type ScenarioFailedPayload = Static<typeof ScenarioFailedPayloadSchema>;
