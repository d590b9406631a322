// Subsidised package schemas (operasi pasar): packages, distribution points, stock per point, orders under a quota.
import { Type, type Static } from 'typebox';
import { IdSchema, PointSchema, RupiahSchema, TimestampSchema } from './common.js';
import { PhoneSchema } from './customers.js';

export const DistributionPointInputSchema = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), location: PointSchema }, { additionalProperties: false });
export const DistributionPointSchema = Type.Object({ id: IdSchema('dpt'), market_id: IdSchema('mkt'), name: Type.String(), location: PointSchema });

export const PackageInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. Paket sembako (beras 5 kg, minyak 1 L, gula 1 kg)' }),
    contents: Type.Optional(Type.String({ maxLength: 1000 })),
    price_rp: RupiahSchema,
    weight_kg: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    quota_per_household: Type.Integer({ minimum: 1, maximum: 100 }),
    quota_period: Type.Enum(['day', 'week', 'month']),
    stock: Type.Optional(Type.Array(Type.Object({ point_id: IdSchema('dpt'), quantity: Type.Integer({ minimum: 0, maximum: 1_000_000 }) }, { additionalProperties: false }), { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type PackageInput = Static<typeof PackageInputSchema>;

export const PackageSchema = Type.Object({
  id: IdSchema('pkg'), market_id: IdSchema('mkt'), name: Type.String(), contents: Type.String(), price_rp: Type.Integer(), weight_kg: Type.Number(),
  quota_per_household: Type.Integer(), quota_period: Type.String(),
});

export const RestockSchema = Type.Object({ point_id: IdSchema('dpt'), add: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false });

export const StockSchema = Type.Object({
  point_id: IdSchema('dpt'), point_name: Type.String(), location: PointSchema, package_id: IdSchema('pkg'), package_name: Type.String(),
  stock_total: Type.Integer(), stock_left: Type.Integer(),
});
export type Stock = Static<typeof StockSchema>;

export const PackageOrderInputSchema = Type.Object(
  {
    point_id: IdSchema('dpt'),
    phone: PhoneSchema,
    household: Type.Optional(Type.String({ minLength: 3, maxLength: 64, description: 'household id (Kartu Keluarga number); the phone number when absent' })),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
  },
  { additionalProperties: false },
);
export type PackageOrderInput = Static<typeof PackageOrderInputSchema>;

export const PackageOrderSchema = Type.Object({
  id: IdSchema('pko'), package_id: IdSchema('pkg'), point_id: IdSchema('dpt'), market_id: IdSchema('mkt'), household: Type.String(), quantity: Type.Integer(),
  total_rp: Type.Integer(), period_start: Type.String(), quota_used: Type.Integer(), quota_per_household: Type.Integer(), stock_left: Type.Integer(), created_at: TimestampSchema,
});
export type PackageOrder = Static<typeof PackageOrderSchema>;
