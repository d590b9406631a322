import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, expectProblem, tokenFor } from '../helpers/fixtures.js';
import { tinyScenario } from '../../engine/simulation/tiny-scenario.js';

describeEachBackend('scenario runs', (ctx) => {
  async function waitDone(id: string, headers: Record<string, string>): Promise<Record<string, any>> {
    for (let i = 0; i < 300; i++) {
      const res = await ctx.app.inject({ method: 'GET', url: `/v1/scenarios/runs/${id}`, headers });
      const body = res.json();
      if (body.status === 'done' || body.status === 'failed') return body;
      await new Promise((r) => setTimeout(r, 100));
    }
    const last = (await ctx.app.inject({ method: 'GET', url: `/v1/scenarios/runs/${id}`, headers })).json();
    throw new Error(`the run did not finish: ${JSON.stringify(last)}`);
  }

  it('runs a scenario for a planner on a worker and stores the report', async () => {
    const planner = await tokenFor(ctx.app, 'planner', { subjectId: 'usr_planner_a' });
    const res = await ctx.app.inject({
      method: 'POST', url: '/v1/scenarios/runs', headers: planner,
      payload: { scenario: tinyScenario({}, 6), policies: ['jejaring', 'fifo'] },
    });
    expect(res.statusCode).toBe(202);
    const created = res.json();
    expect(created.id).toMatch(/^scn_/);
    expect(res.headers.location).toBe(`/v1/scenarios/runs/${created.id}`);
    expect(['queued', 'running']).toContain(created.status);
    const done = await waitDone(created.id, planner);
    expect(done.status).toBe('done');
    expect(done.progress).toBe(1);
    expect(done.result.policies.map((p: { policy: string }) => p.policy)).toEqual(['jejaring', 'fifo']);
    expect(done.result.policies[0].kpis.orders).toBe(6);
    const other = await tokenFor(ctx.app, 'planner', { subjectId: 'usr_planner_b' });
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/scenarios/runs/${created.id}`, headers: other }), 404, 'not_found');
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/scenarios/runs/${created.id}`, headers: await admin(ctx.app) })).statusCode).toBe(200);
  });

  it('rejects a bad scenario (422 naming the field), an unknown policy, and other roles', async () => {
    const planner = await tokenFor(ctx.app, 'planner');
    const s = tinyScenario();
    const bad = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario: { ...s, seed: -1 } } });
    const problem = expectProblem(bad, 422, 'unprocessable');
    expect(problem.engine_code).toBe('invalid_scenario');
    expect(problem.detail).toContain('seed');
    const unknown = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario: s, policies: ['whatsapp'] } });
    expect(expectProblem(unknown, 422, 'unprocessable').engine_code).toBe('unknown_policy');
    const road = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario: { ...s, roads: { kind: 'embedded', graph: '../../etc/passwd' } } } });
    expect(expectProblem(road, 422, 'unprocessable').engine_code).toBe('invalid_scenario');
    const dispatcher = await tokenFor(ctx.app, 'dispatcher');
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: dispatcher, payload: { scenario: s } })).statusCode).toBe(403);
  });
});
