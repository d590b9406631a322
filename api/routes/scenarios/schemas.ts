// TypeBox schemas of the scenario-run routes (the scenario itself is checked by the engine's own schema).
import { Type, type Static } from 'typebox';

export const RunIdParamsSchema = Type.Object({ id: Type.String({ pattern: '^scn_[0-9A-Z]{26}$' }) });

export const CreateRunSchema = Type.Object({
  /** A scenario file's content (docs/scenarios.md); an embedded road graph is looked up by file name in fixtures/osm. */
  scenario: Type.Object({}, { additionalProperties: true }),
  policies: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 8 })),
  /** The text of the coordinator's order sheet the scenario names in `ordersCsv` (docs/scenarios.md, CSV columns). */
  orders_csv: Type.Optional(Type.String({ maxLength: 4_000_000 })),
  /** The text of the coordinator's courier sheet the scenario names in `couriersCsv` (docs/scenarios.md). */
  couriers_csv: Type.Optional(Type.String({ maxLength: 1_000_000 })),
}, { additionalProperties: false });

export const RunSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  progress: Type.Number({ description: 'share of the simulation done, 0–1' }),
  scenario_name: Type.String(),
  policies: Type.Array(Type.String()),
  result: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], { description: 'report.json of jejaring plan' }),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }), Type.Null()]),
  created_at: Type.String(),
  finished_at: Type.Union([Type.String(), Type.Null()]),
});

export type CreateRunBody = Static<typeof CreateRunSchema>;
export type RunView = Static<typeof RunSchema>;
