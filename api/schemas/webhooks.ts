// Webhook delivery log schemas: one delivery per (fleet, event) with its attempts.
import { Type } from 'typebox';
import { IdSchema, PageQuerySchema, TimestampSchema } from './common.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const WebhookAttemptSchema = Type.Object({
  attempt: Type.Integer(),
  attempted_at: TimestampSchema,
  response_code: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  duration_ms: Type.Integer(),
});

export const WebhookDeliverySchema = Type.Object({
  id: Type.String({ description: 'whd_… delivery id' }),
  fleet_id: IdSchema('flt'),
  event_id: Type.String({ description: 'evt_… id, also the webhook-id header' }),
  event_type: Type.String(),
  event_seq: Type.Integer(),
  url: Type.String(),
  status: Type.Enum(['pending', 'succeeded', 'dead', 'disabled']),
  attempts: Type.Integer(),
  next_attempt_at: Nullable(TimestampSchema),
  last_response_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  created_at: TimestampSchema,
  delivered_at: Nullable(TimestampSchema),
  attempt_log: Type.Array(WebhookAttemptSchema),
});

export const ListWebhookDeliveriesQuerySchema = Type.Object({
  ...PageQuerySchema.properties,
  status: Type.Optional(Type.Enum(['pending', 'succeeded', 'dead', 'disabled'])),
});
