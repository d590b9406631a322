// Event log schemas: one committed state change, read in `seq` order with a cursor.
import { Type, type Static } from 'typebox';
import { PageQuerySchema, TimestampSchema } from './common.js';

export const EventSchema = Type.Object({
  seq: Type.Integer({ description: 'strictly increasing position in the log' }),
  id: Type.String(),
  type: Type.String({ examples: ['order.created'] }),
  market_id: Type.Union([Type.String(), Type.Null()]),
  fleet_id: Type.Union([Type.String(), Type.Null()]),
  courier_id: Type.Union([Type.String(), Type.Null()]),
  order_id: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Record(Type.String(), Type.Unknown()),
  created_at: TimestampSchema,
});
export type EventOut = Static<typeof EventSchema>;

export const ListEventsQuerySchema = Type.Object({
  ...PageQuerySchema.properties,
  after_seq: Type.Optional(Type.Integer({ minimum: 0, description: 'start after this seq (instead of a cursor)' })),
  type: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })),
  market_id: Type.Optional(Type.String({ maxLength: 40 })),
  order_id: Type.Optional(Type.String({ maxLength: 40 })),
});
export type ListEventsQuery = Static<typeof ListEventsQuerySchema>;

/**
 * `order.eta_changed` (event log, `/dispatch` stream, fleet webhooks): the door of an accepted order moved at least the
 * dispatcher's threshold (10 min) from the hour its customer was told; at most one per order per quiet period (10 min).
 */
export const OrderEtaChangedPayloadSchema = Type.Object({
  order_id: Type.String(),
  /** ISO 8601: when the courier is now expected at the door. */
  eta: Type.String(),
  /** ISO 8601: the hour the customer was last told. */
  told_eta: Type.String(),
  /** eta − told_eta in seconds (negative: earlier). */
  shift_s: Type.Integer(),
});
export type OrderEtaChangedPayload = Static<typeof OrderEtaChangedPayloadSchema>;

/**
 * `order.eta_told` (event log, `/dispatch` stream): a WhatsApp update told the customer of an order its courier holds a
 * new hour (kept as the order's `told_eta`); the dispatcher's later plans keep that hour instead of the one told when
 * the courier accepted.
 */
export const OrderEtaToldPayloadSchema = Type.Object({
  order_id: Type.String(),
  /** ISO 8601: the hour the customer was just told. */
  told_eta: Type.String(),
});
export type OrderEtaToldPayload = Static<typeof OrderEtaToldPayloadSchema>;
