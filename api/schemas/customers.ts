// Customer schemas: the minimum personal data a delivery needs (name, phone, address point, landmark note).
import { Type, type Static } from 'typebox';
import { IdSchema, PageQuerySchema, PointSchema, TimestampSchema } from './common.js';

/** Indonesian numbers as +62… or 08…, digits only otherwise. */
export const PhoneSchema = Type.String({ pattern: '^\\+?[0-9]{8,15}$', description: 'e.g. +6281234567890' });

export const CustomerSchema = Type.Object({
  id: IdSchema('cus'),
  market_id: Type.Union([IdSchema('mkt'), Type.Null()]),
  name: Type.String(),
  phone: PhoneSchema,
  address: PointSchema,
  landmark: Type.Union([Type.String(), Type.Null()]),
  created_at: TimestampSchema,
});
export type Customer = Static<typeof CustomerSchema>;

export const CustomerInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    phone: PhoneSchema,
    address: PointSchema,
    landmark: Type.Optional(Type.String({ maxLength: 300, description: 'e.g. "gang sebelah masjid, pagar hijau"' })),
  },
  { additionalProperties: false },
);
export type CustomerInput = Static<typeof CustomerInputSchema>;

export const CreateCustomerSchema = Type.Object(
  { ...CustomerInputSchema.properties, market_id: IdSchema('mkt') },
  { additionalProperties: false },
);
export type CreateCustomer = Static<typeof CreateCustomerSchema>;

export const ListCustomersQuerySchema = Type.Object({ ...PageQuerySchema.properties, market_id: Type.Optional(IdSchema('mkt')), phone: Type.Optional(PhoneSchema) });
export type ListCustomersQuery = Static<typeof ListCustomersQuerySchema>;
