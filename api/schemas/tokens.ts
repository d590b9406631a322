// Token issuing schemas: admins issue any role, fleets issue tokens for their own couriers.
import { Type, type Static } from 'typebox';
import { ROLES } from '../auth/principal.js';
import { IdSchema, TimestampSchema } from './common.js';

export type { TokenClaims } from '../auth/auth-tokens.js';

export const IssueTokenSchema = Type.Object(
  {
    role: Type.Enum([...ROLES]),
    subject_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'who the token is for (a user id); couriers: the courier id' })),
    market_ids: Type.Optional(Type.Array(IdSchema('mkt'), { maxItems: 100, uniqueItems: true, description: 'dispatcher / planner scope' })),
    courier_id: Type.Optional(IdSchema('cou')),
    ttl_s: Type.Optional(Type.Integer({ minimum: 60, maximum: 30 * 86_400, default: 43_200 })),
  },
  { additionalProperties: false },
);
export type IssueToken = Static<typeof IssueTokenSchema>;

export const IssuedTokenSchema = Type.Object({
  id: Type.String(),
  token: Type.String({ description: 'jt_… — send as `Authorization: Bearer <token>`' }),
  role: Type.String(),
  subject_id: Type.String(),
  market_ids: Type.Array(Type.String()),
  fleet_id: Type.Union([Type.String(), Type.Null()]),
  courier_id: Type.Union([Type.String(), Type.Null()]),
  expires_at: TimestampSchema,
});
export type IssuedToken = Static<typeof IssuedTokenSchema>;
