// Courier schemas: a rider of a fleet with vehicle, capacity, cash float, skills, shift, status and last position.
import { Type, type Static } from 'typebox';
import { COURIER_STATES } from '../domain/courier-machine.js';
import { ClockSchema, IdSchema, PageQuerySchema, PointSchema, RupiahSchema, TimestampSchema } from './common.js';
import { PhoneSchema } from './customers.js';

export type { CourierState } from '../domain/courier-machine.js';

export const CourierStatusSchema = Type.Enum([...COURIER_STATES]);
export const VehicleSchema = Type.Enum(['motorbike', 'bicycle', 'car', 'foot']);
export const ShiftSchema = Type.Object({ start: ClockSchema, end: ClockSchema }, { additionalProperties: false, description: 'local time; end < start spans midnight' });

export const CourierPositionSchema = Type.Object({ lon: Type.Number(), lat: Type.Number(), at: TimestampSchema });

export const CourierSchema = Type.Object({
  id: IdSchema('cou'),
  fleet_id: IdSchema('flt'),
  name: Type.String(),
  phone: Type.Union([PhoneSchema, Type.Null()]),
  vehicle: VehicleSchema,
  capacity_kg: Type.Number(),
  cash_float_rp: Type.Integer(),
  skills: Type.Array(Type.String()),
  shift: Type.Union([ShiftSchema, Type.Null()]),
  home_market_id: Type.Union([IdSchema('mkt'), Type.Null()]),
  status: Type.String(),
  last_position: Type.Union([CourierPositionSchema, Type.Null()]),
  version: Type.Integer(),
  created_at: TimestampSchema,
});
export type Courier = Static<typeof CourierSchema>;

export const CreateCourierSchema = Type.Object(
  {
    fleet_id: Type.Optional(IdSchema('flt')),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    phone: Type.Optional(PhoneSchema),
    vehicle: Type.Optional(VehicleSchema),
    capacity_kg: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 500 })),
    cash_float_rp: Type.Optional(RupiahSchema),
    skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20, uniqueItems: true, description: 'e.g. cold_chain, fresh_fish' })),
    shift: Type.Optional(ShiftSchema),
    home_market_id: Type.Optional(IdSchema('mkt')),
  },
  { additionalProperties: false },
);
export type CreateCourier = Static<typeof CreateCourierSchema>;

export const ListCouriersQuerySchema = Type.Object({
  ...PageQuerySchema.properties,
  fleet_id: Type.Optional(IdSchema('flt')),
  market_id: Type.Optional(IdSchema('mkt')),
  status: Type.Optional(Type.Array(CourierStatusSchema, { maxItems: COURIER_STATES.length })),
});
export type ListCouriersQuery = Static<typeof ListCouriersQuerySchema>;
