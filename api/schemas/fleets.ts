// Fleet schemas: an ojol company or a pangkalan, its API keys (shown once) and its webhook endpoint.
import { Type, type Static } from 'typebox';
import { IdSchema, PageQuerySchema, TimestampSchema } from './common.js';

export const FleetKindSchema = Type.Enum(['ojol', 'pangkalan']);

export const FleetSchema = Type.Object({
  id: IdSchema('flt'),
  kind: FleetKindSchema,
  name: Type.String(),
  market_ids: Type.Array(IdSchema('mkt')),
  webhook_url: Type.Union([Type.String(), Type.Null()]),
  webhook_enabled: Type.Boolean(),
  created_at: TimestampSchema,
});
export type Fleet = Static<typeof FleetSchema>;

export const CreateFleetSchema = Type.Object(
  {
    kind: FleetKindSchema,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    market_ids: Type.Optional(Type.Array(IdSchema('mkt'), { maxItems: 100, uniqueItems: true })),
    webhook_url: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CreateFleet = Static<typeof CreateFleetSchema>;

/** A new API key: `key` is shown in this response only. */
export const ApiKeySchema = Type.Object({
  id: Type.String(),
  fleet_id: IdSchema('flt'),
  key: Type.String({ description: 'jk_… — shown once, store it now' }),
  label: Type.Union([Type.String(), Type.Null()]),
  created_at: TimestampSchema,
});
export type ApiKey = Static<typeof ApiKeySchema>;

/** A fleet as created: the fleet, its first API key and its webhook secret (both shown once). */
export const CreatedFleetSchema = Type.Object({
  fleet: FleetSchema,
  api_key: ApiKeySchema,
  webhook_secret: Type.Union([Type.String(), Type.Null()], { description: 'whsec_… — Standard Webhooks signing secret, shown once' }),
});

export const CreateApiKeySchema = Type.Object({ label: Type.Optional(Type.String({ maxLength: 120 })) }, { additionalProperties: false });

export const ListFleetsQuerySchema = Type.Object({ ...PageQuerySchema.properties, kind: Type.Optional(FleetKindSchema) });
export type ListFleetsQuery = Static<typeof ListFleetsQuerySchema>;
