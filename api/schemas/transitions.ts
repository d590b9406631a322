// Schemas of the transition routes: order cancel, reschedule and exchange, courier availability and positions, stop events.
import { Type, type Static } from 'typebox';
import { IdSchema, RupiahSchema, TimestampSchema } from './common.js';
import { WindowSchema } from './orders.js';

const Note = Type.String({ minLength: 1, maxLength: 500 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** What every transition answers: the entity's new state and version (also sent as ETag). */
export const TransitionResultSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
});
export type TransitionResult = Static<typeof TransitionResultSchema>;

export const CancelOrderSchema = Type.Object({ reason: Type.Optional(Note) }, { additionalProperties: false });

export const RescheduleOrderSchema = Type.Object(
  {
    booked_for: Type.Union([TimestampSchema, Type.Null()], {
      description: 'The new hour, at most 7 days ahead and not in the past (5 minutes of clock skew allowed); null: at once. '
        + 'At once reads back as the moment of the change while the old hour was still ahead (the wait counts from now), '
        + 'and leaves an hour that has already come as it was.',
    }),
    window: Type.Optional(Type.Union([WindowSchema, Type.Null()], {
      description: 'A new delivery window, needed when the old one closes before the new hour; null removes the order\'s window '
        + '(planned then as an order placed without one: no window to be late for, its wait counted from the hour); absent keeps the window it has.',
    })),
  },
  { additionalProperties: false },
);
export type RescheduleOrder = Static<typeof RescheduleOrderSchema>;

export const ExchangeOrderSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          item_id: IdSchema('itm'),
          quantity: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: 'refused quantity in the item unit; all when absent' })),
          reason: Note,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    cod_collected_rp: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'whole rupiah taken at the door for the goods kept (and the fee)' }),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type ExchangeOrder = Static<typeof ExchangeOrderSchema>;

export const ExchangeResultSchema = Type.Object({ order: TransitionResultSchema, child_order_id: IdSchema('ord') });

export const PositionSchema = Type.Object(
  {
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    recorded_at: TimestampSchema,
    speed_mps: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    heading_deg: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
    accuracy_m: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export const PositionBatchSchema = Type.Object({ positions: Type.Array(PositionSchema, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });
export type PositionBatch = Static<typeof PositionBatchSchema>;
export const PositionBatchResultSchema = Type.Object({ accepted: Type.Integer(), last_recorded_at: Nullable(TimestampSchema) });

export const PickupReportSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          item_id: IdSchema('itm'),
          outcome: Type.Enum(['picked', 'missing', 'substituted']),
          substitute_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          substitute_price_rp: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'whole rupiah per unit of the substitute' })),
          substitute_catalogue_item_id: Type.Optional(IdSchema('cat')),
          note: Type.Optional(Note),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type PickupReport = Static<typeof PickupReportSchema>;

export const DeliverSchema = Type.Object({ cod_collected_rp: RupiahSchema }, { additionalProperties: false });

export const FailureReasonSchema = Type.Enum(['customer_absent', 'customer_refused', 'address_not_found', 'stall_closed', 'goods_unavailable', 'vehicle_breakdown', 'unsafe', 'other']);
export const FailStopSchema = Type.Object({ reason: FailureReasonSchema, note: Type.Optional(Note) }, { additionalProperties: false });

export const StopResultSchema = Type.Object({ ...TransitionResultSchema.properties, order: TransitionResultSchema });
