// WhatsApp intake schemas: a market's Cloud API channel, the webhook's notification (the fields jejaring reads; Meta
// adds others, which pass), and the draft orders coordinators confirm.
import { Type, type Static } from 'typebox';
import { IdSchema, PointSchema, TimestampSchema } from './common.js';

export const WhatsAppChannelInputSchema = Type.Object(
  {
    phone_number_id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9]+$', description: 'the Cloud API phone number id' }),
    verify_token: Type.String({ minLength: 8, maxLength: 200, description: 'the token the GET verification request must carry' }),
    app_secret: Type.String({ minLength: 8, maxLength: 200, description: 'checks X-Hub-Signature-256 on notifications' }),
    access_token: Type.String({ minLength: 8, maxLength: 1000, description: 'sends replies' }),
    api_base_url: Type.Optional(Type.String({ format: 'uri', maxLength: 300, description: 'Graph API base, default https://graph.facebook.com/v21.0' })),
  },
  { additionalProperties: false },
);
export type WhatsAppChannelInput = Static<typeof WhatsAppChannelInputSchema>;

/** The channel as the API shows it: the secrets stay inside. */
export const WhatsAppChannelSchema = Type.Object({
  market_id: IdSchema('mkt'),
  phone_number_id: Type.String(),
  api_base_url: Type.Union([Type.String(), Type.Null()]),
  updated_at: TimestampSchema,
});

/** `GET /v1/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` */
export const VerificationQuerySchema = Type.Object({
  'hub.mode': Type.Optional(Type.String({ maxLength: 40 })),
  'hub.verify_token': Type.Optional(Type.String({ maxLength: 200 })),
  'hub.challenge': Type.Optional(Type.String({ maxLength: 200 })),
});

const Loose = { additionalProperties: true } as const;

export const InboundMessageSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  from: Type.String({ minLength: 1, maxLength: 32 }),
  timestamp: Type.Optional(Type.String({ maxLength: 20 })),
  type: Type.String({ maxLength: 40 }),
  text: Type.Optional(Type.Object({ body: Type.String({ maxLength: 4096 }) }, Loose)),
  location: Type.Optional(Type.Object({
    latitude: Type.Number({ minimum: -90, maximum: 90 }), longitude: Type.Number({ minimum: -180, maximum: 180 }),
    name: Type.Optional(Type.String({ maxLength: 1000 })), address: Type.Optional(Type.String({ maxLength: 1000 })),
  }, Loose)),
  contacts: Type.Optional(Type.Array(Type.Object({
    name: Type.Optional(Type.Object({ formatted_name: Type.Optional(Type.String({ maxLength: 200 })) }, Loose)),
    phones: Type.Optional(Type.Array(Type.Object({ phone: Type.Optional(Type.String({ maxLength: 40 })), wa_id: Type.Optional(Type.String({ maxLength: 40 })) }, Loose), { maxItems: 20 })),
  }, Loose), { maxItems: 20 })),
}, Loose);
export type InboundMessage = Static<typeof InboundMessageSchema>;

export const NotificationSchema = Type.Object({
  object: Type.String({ maxLength: 100 }),
  entry: Type.Array(Type.Object({
    id: Type.Optional(Type.String({ maxLength: 100 })),
    changes: Type.Array(Type.Object({
      field: Type.Optional(Type.String({ maxLength: 100 })),
      value: Type.Object({
        messaging_product: Type.Optional(Type.String({ maxLength: 40 })),
        metadata: Type.Object({ phone_number_id: Type.String({ maxLength: 64 }), display_phone_number: Type.Optional(Type.String({ maxLength: 40 })) }, Loose),
        contacts: Type.Optional(Type.Array(Type.Object({ wa_id: Type.Optional(Type.String({ maxLength: 40 })), profile: Type.Optional(Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })) }, Loose)) }, Loose), { maxItems: 100 })),
        messages: Type.Optional(Type.Array(InboundMessageSchema, { maxItems: 100 })),
      }, Loose),
    }, Loose), { maxItems: 100 }),
  }, Loose), { maxItems: 100 }),
}, Loose);
export type Notification = Static<typeof NotificationSchema>;

export const DraftItemSchema = Type.Object({
  catalogue_item_id: IdSchema('cat'),
  name: Type.String(),
  quantity: Type.Number(),
  unit: Type.String(),
  budget_rp: Type.Union([Type.Integer(), Type.Null()]),
  text: Type.String(),
  confidence: Type.String({ description: 'high, or low when the coordinator should check it' }),
  candidates: Type.Optional(Type.Array(Type.Object({ catalogue_item_id: IdSchema('cat'), name: Type.String() }), {
    description: 'other goods the written name matches exactly as well (`bawang`: bawang merah, bawang putih); the item chosen is the one the market orders most, and the coordinator picks when no order history decides (confidence low)',
  })),
});

export const DraftSchema = Type.Object({
  id: IdSchema('drf'),
  market_id: IdSchema('mkt'),
  status: Type.String(),
  customer_phone: Type.String(),
  customer_name: Type.Union([Type.String(), Type.Null()]),
  message_text: Type.String(),
  message_count: Type.Integer(),
  items: Type.Array(DraftItemSchema),
  unparsed: Type.Array(Type.String()),
  address_text: Type.Union([Type.String(), Type.Null()]),
  landmark: Type.Union([Type.String(), Type.Null()]),
  location: Type.Union([PointSchema, Type.Null()]),
  order_id: Type.Union([IdSchema('ord'), Type.Null()]),
  version: Type.Integer(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
});
export type Draft = Static<typeof DraftSchema>;

export const ListDraftsQuerySchema = Type.Object({ status: Type.Optional(Type.Enum(['open', 'confirmed', 'discarded'])) });

/** The coordinator's confirmation: the lines (catalogue items or free text), the door, the customer's name and the hour asked for. */
export const ConfirmDraftSchema = Type.Object(
  {
    items: Type.Array(Type.Object({
      catalogue_item_id: Type.Optional(IdSchema('cat')),
      stall_id: Type.Optional(IdSchema('stl')),
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      quantity: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
      unit: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
      unit_price_rp: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
      weight_kg: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
    }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }),
    customer_name: Type.String({ minLength: 1, maxLength: 200 }),
    delivery_location: PointSchema,
    landmark: Type.Optional(Type.String({ maxLength: 300 })),
    delivery_note: Type.Optional(Type.String({ maxLength: 500 })),
    booked_for: Type.Optional(Type.String({ format: 'date-time', description: 'The hour the customer asked for ("antar jam 10"), as on POST /v1/orders' })),
  },
  { additionalProperties: false },
);
export type ConfirmDraft = Static<typeof ConfirmDraftSchema>;
