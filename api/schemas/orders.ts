// Order schemas: an order of stall items for one customer, its delivery point and window, COD total and fee.
import { Type, type Static } from 'typebox';
import { ITEM_STATES } from '../domain/item-machine.js';
import { ORDER_STATES } from '../domain/order-machine.js';
import { IdSchema, PageQuerySchema, PointSchema, RupiahSchema, TimestampSchema } from './common.js';
import { CustomerInputSchema, PhoneSchema } from './customers.js';

export type { OrderState } from '../domain/order-machine.js';

export const OrderStatusSchema = Type.Enum([...ORDER_STATES]);
export const ItemOutcomeSchema = Type.Enum([...ITEM_STATES]);

export const OrderItemInputSchema = Type.Object(
  {
    catalogue_item_id: Type.Optional(IdSchema('cat')),
    stall_id: Type.Optional(IdSchema('stl')),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    quantity: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 16, description: 'kg, ikat, pcs, …' })),
    unit_price_rp: Type.Optional(RupiahSchema),
    weight_kg: Type.Optional(Type.Number({ minimum: 0, maximum: 200, description: 'weight of the whole line (all of its quantity)' })),
    ready_at: Type.Optional(Type.String({ format: 'date-time', description: 'when the stall has this line ready (it needs cleaning, cooking…); absent: at once' })),
  },
  { additionalProperties: false },
);

export const OrderItemSchema = Type.Object({
  id: IdSchema('itm'),
  stall_id: IdSchema('stl'),
  name: Type.String(),
  quantity: Type.Number(),
  unit: Type.String(),
  unit_price_rp: Type.Integer(),
  weight_kg: Type.Number(),
  outcome: Type.String(),
  substitute_name: Type.Union([Type.String(), Type.Null()]),
  substitute_price_rp: Type.Union([Type.Integer(), Type.Null()]),
  /** The catalogue item the line was priced from; null for a free-text line (typed in by a coordinator). */
  catalogue_item_id: Type.Optional(Type.Union([IdSchema('cat'), Type.Null()])),
  free_text: Type.Optional(Type.Boolean()),
  /** When the stall has the line ready; null: at once. */
  ready_at: Type.Optional(Type.Union([TimestampSchema, Type.Null()])),
});
export type OrderItem = Static<typeof OrderItemSchema>;

export const WindowSchema = Type.Object({ start: TimestampSchema, end: TimestampSchema }, { additionalProperties: false });

/** Contact data of the customer; null when the caller may not see it (a courier's non-current orders). */
export const OrderCustomerSchema = Type.Object({ name: Type.String(), phone: PhoneSchema, address: PointSchema, landmark: Type.Union([Type.String(), Type.Null()]) });

export const OrderSchema = Type.Object({
  id: IdSchema('ord'),
  market_id: IdSchema('mkt'),
  kind: Type.String(),
  status: Type.String(),
  customer_id: IdSchema('cus'),
  customer: Type.Union([OrderCustomerSchema, Type.Null()]),
  delivery_location: PointSchema,
  delivery_note: Type.Union([Type.String(), Type.Null()]),
  window: Type.Union([WindowSchema, Type.Null()]),
  booked_for: Type.Union([TimestampSchema, Type.Null()], { description: 'The hour the customer booked the order for; null: wanted at once' }),
  delivery_eta: Type.Union([TimestampSchema, Type.Null()], { description: 'When the courier holding the order is expected at the door, kept live from its position; null before a courier accepts it and after the delivery' }),
  told_eta: Type.Union([TimestampSchema, Type.Null()], { description: 'The hour the customer was last told: the delivery ETA when a courier accepted the order, then each hour a WhatsApp update named; order.eta_changed is measured from it. Null before a courier accepts' }),
  items: Type.Array(OrderItemSchema),
  goods_total_rp: Type.Integer(),
  fee_rp: Type.Integer(),
  cod_total_rp: Type.Integer(),
  cod_collected_rp: Type.Union([Type.Integer(), Type.Null()]),
  weight_kg: Type.Number(),
  parent_order_id: Type.Union([IdSchema('ord'), Type.Null()]),
  courier_id: Type.Union([IdSchema('cou'), Type.Null()]),
  route_id: Type.Union([Type.String(), Type.Null()]),
  external_ref: Type.Union([Type.String(), Type.Null()]),
  source_fleet_id: Type.Union([IdSchema('flt'), Type.Null()], { description: 'The fleet whose API key placed the order (it may follow it); null when market staff did' }),
  failure_reason: Type.Union([Type.String(), Type.Null()]),
  dispatch_issue: Type.Union([Type.String(), Type.Null()], { description: 'Why the dispatch loop cannot plan this order (e.g. a point far from every road); null when planning works' }),
  version: Type.Integer(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
});
export type Order = Static<typeof OrderSchema>;

export const CreateOrderSchema = Type.Object(
  {
    market_id: IdSchema('mkt'),
    customer_id: Type.Optional(IdSchema('cus')),
    customer: Type.Optional(CustomerInputSchema),
    delivery_location: Type.Optional(PointSchema),
    delivery_note: Type.Optional(Type.String({ maxLength: 500 })),
    window: Type.Optional(WindowSchema),
    booked_for: Type.Optional(Type.String({
      format: 'date-time',
      description: 'The hour the customer booked the order for, at most 7 days ahead: the stalls have the goods ready then, no courier '
        + 'fetches them before it, and the wait counts from it (click-to-door, and without a window the hour\'s promise).',
    })),
    items: Type.Array(OrderItemInputSchema, { minItems: 1, maxItems: 50 }),
    external_ref: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type CreateOrder = Static<typeof CreateOrderSchema>;

export const ListOrdersQuerySchema = Type.Object({
  ...PageQuerySchema.properties,
  market_id: Type.Optional(IdSchema('mkt')),
  status: Type.Optional(Type.Array(OrderStatusSchema, { maxItems: ORDER_STATES.length })),
  courier_id: Type.Optional(IdSchema('cou')),
  customer_id: Type.Optional(IdSchema('cus')),
  created_after: Type.Optional(TimestampSchema),
  created_before: Type.Optional(TimestampSchema),
});
export type ListOrdersQuery = Static<typeof ListOrdersQuerySchema>;
