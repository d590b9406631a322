// /v1/scenarios/runs: planners (and admins) run a scenario file through the market-day simulator on a worker thread
// and read its progress and report; each caller sees its own runs (admins all).
import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InputError, parseScenario, policyByName, type ResolvedScenario } from '../../../engine/index.js';
import { notFound } from '../../errors.js';
import { base32 } from '../../ids.js';
import { fromPackageRoot } from '../../package-root.js';
import { principalOf } from '../../plugins/auth.js';
import { ERROR_RESPONSES } from '../../schemas/common.js';
import { ScenarioRunner } from './runner.js';
import { CreateRunSchema, RunIdParamsSchema, RunSchema, type RunView } from './schemas.js';

/** Road files a scenario run may name (by file name only: no paths from callers). */
const ROADS_DIR = fromPackageRoot('fixtures/osm');
const DEFAULT_POLICIES = ['jejaring', 'nearest', 'one-per-trip', 'fifo'];

const newRunId = (): string => `scn_${base32(new Uint8Array(randomBytes(17)), 26)}`;

/**
 * Validates the scenario with the engine's schema (with the order sheet it names, when sent) and pins an embedded graph
 * to the bundled road files.
 */
function scenarioOf(value: Record<string, unknown>, ordersCsv: string | undefined): ResolvedScenario {
  const label = typeof value.ordersCsv === 'string' ? value.ordersCsv : undefined;
  if (ordersCsv !== undefined && label === undefined) {
    throw new InputError('invalid_scenario', 'orders_csv was sent but the scenario names no ordersCsv sheet', 'ordersCsv');
  }
  const scenario = parseScenario(value, ordersCsv !== undefined && label !== undefined ? { label, text: ordersCsv } : undefined);
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
    const scenario = scenarioOf(request.body.scenario as Record<string, unknown>, request.body.orders_csv);
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

