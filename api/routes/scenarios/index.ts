// /v1/scenarios/runs: planners (and admins) run a scenario file through the market-day simulator on a worker thread
// and read its progress and report; each caller sees its own runs (admins all).
import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InputError, parseScenario, policyByName, SHEET_FIELDS, type ResolvedScenario, type ScenarioSheets, type SheetText } from '../../../engine/index.js';
import { notFound } from '../../errors.js';
import { base32 } from '../../ids.js';
import { fromPackageRoot } from '../../package-root.js';
import { principalOf } from '../../plugins/auth.js';
import { ERROR_RESPONSES } from '../../schemas/common.js';
import { ScenarioRunner } from './runner.js';
import { CreateRunSchema, RunIdParamsSchema, RunSchema, type CreateRunBody, type RunView } from './schemas.js';

/** Road files a scenario run may name (by file name only: no paths from callers). */
const ROADS_DIR = fromPackageRoot('fixtures/osm');
const DEFAULT_POLICIES = ['jejaring', 'nearest', 'one-per-trip', 'fifo'];

const newRunId = (): string => `scn_${base32(new Uint8Array(randomBytes(17)), 26)}`;

/**
 * Validates the scenario with the engine's schema (with the sheets it names, when sent: `orders_csv`, `couriers_csv`)
 * and pins an embedded graph to the bundled road files. A sheet sent for a scenario that names none is refused.
 */
function scenarioOf(value: Record<string, unknown>, body: CreateRunBody): ResolvedScenario {
  const sheets: { -readonly [K in keyof ScenarioSheets]: SheetText } = {};
  for (const { field, body: key } of SHEET_FIELDS) {
    const text = body[key];
    const label = typeof value[field] === 'string' ? (value[field] as string) : undefined;
    if (text !== undefined && label === undefined) throw new InputError('invalid_scenario', `${key} was sent but the scenario names no ${field} sheet`, field);
    if (text !== undefined && label !== undefined) sheets[field] = { label, text };
  }
  const scenario = parseScenario(value, sheets);
  if (scenario.roads.kind !== 'embedded') return scenario;
  const graph = resolve(ROADS_DIR, basename(scenario.roads.graph));
  if (!existsSync(graph)) throw new InputError('invalid_scenario', `scenario roads.graph: no road file ${basename(scenario.roads.graph)} on this server`, 'roads.graph');
  return { ...scenario, roads: { ...scenario.roads, graph } };
}

interface RunRow {
  id: string; status: RunView['status']; progress: number; scenario_name: string; policies: string[];
  result: Record<string, unknown> | null; error: RunView['error']; created_at: Date | string; finished_at: Date | string | null; created_by: string;
}

const view = (r: RunRow): RunView => ({
  id: r.id, status: r.status, progress: Number(r.progress), scenario_name: r.scenario_name, policies: r.policies, result: r.result, error: r.error,
  created_at: new Date(r.created_at).toISOString(), finished_at: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
});

export default async function scenarioRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['scenarios'];
  const runner = new ScenarioRunner(fastify);
  fastify.addHook('onClose', async () => runner.close());

  app.post('/scenarios/runs', {
    schema: { tags, summary: 'Simulate a scenario under several dispatch policies', body: CreateRunSchema, response: { 202: RunSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'planner'] },
  }, async (request, reply) => {
    const scenario = scenarioOf(request.body.scenario as Record<string, unknown>, request.body);
    const policies = request.body.policies ?? scenario.compare ?? DEFAULT_POLICIES;
    for (const name of policies) policyByName(name, scenario.policy); // unknown names → 422 before anything is stored
    const id = newRunId();
    const { rows } = await app.db.query<RunRow>(
      `INSERT INTO scenario_runs (id, status, scenario_name, scenario, policies, created_by)
       VALUES ($1, 'queued', $2, $3::jsonb, $4::jsonb, $5) RETURNING *`,
      [id, scenario.name, JSON.stringify(request.body.scenario), JSON.stringify(policies), principalOf(request).subjectId],
    );
    runner.enqueue({ id, scenario, policies, createdBy: principalOf(request).subjectId });
    return reply.code(202).header('location', `/v1/scenarios/runs/${id}`).send(view(rows[0]));
  });

  app.get('/scenarios/runs/:id', {
    schema: { tags, summary: 'A scenario run: status, progress and, when done, its report', params: RunIdParamsSchema, response: { 200: RunSchema, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'planner'] },
  }, async (request) => {
    const p = principalOf(request);
    const { rows } = await app.db.query<RunRow>('SELECT * FROM scenario_runs WHERE id = $1', [request.params.id]);
    const row = rows[0];
    if (!row || (p.role !== 'admin' && row.created_by !== p.subjectId)) throw notFound('scenario run', request.params.id);
    return view(row);
  });
}

