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

  it('replays a coordinator\'s order sheet sent beside the scenario (orders_csv); a bad row is refused naming the row and field', async () => {
    const planner = await tokenFor(ctx.app, 'planner');
    const scenario = {
      name: 'sheet', seed: 1, day: { startHour: 6, endHour: 12 }, roads: { kind: 'haversine' }, ordersCsv: 'senin.csv',
      markets: [{ id: 'keputih', lon: 112.78, lat: -7.295, stalls: [{ id: 'k01', lon: 112.7801, lat: -7.2951 }, { id: 'k02', lon: 112.7799, lat: -7.2949 }] }],
      couriers: [{ id: 'pk-1', kind: 'pangkalan', shift: ['06:00', '12:00'] }],
    };
    const header = 'order_id,time,customer_name,customer_phone,lat,lon,stall,item,qty,unit,price_rp,cod,promise_min,ready_time';
    const sheet = [header, 'A-1,07:42,Bu Sri,,-7.2975,112.7712,k01,cabai rawit,2,ons,16000,ya,45,', 'A-2,08:05,Pak Budi,,-7.2930,112.7830,k02,tahu,10,biji,10000,tidak,,'].join('\n');
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario, orders_csv: sheet, policies: ['jejaring'] } });
    expect(res.statusCode, res.body).toBe(202);
    const done = await waitDone(res.json().id, planner);
    expect(done.status).toBe('done');
    expect(done.result.policies[0].kpis.orders).toBe(2);

    const badRow = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario, orders_csv: sheet.replace('k02,tahu', 'k09,tahu') } });
    const problem = expectProblem(badRow, 422, 'unprocessable');
    expect(problem.detail).toContain('senin.csv row 3');
    expect(problem.detail).toContain('stall');
    const noSheet = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario } });
    expect(expectProblem(noSheet, 422, 'unprocessable').detail).toContain('orders_csv');
    const { ordersCsv: _named, ...unnamed } = scenario;
    const stray = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario: unnamed, orders_csv: sheet } });
    expect(expectProblem(stray, 422, 'unprocessable').detail).toContain('names no ordersCsv');
  });

  it('replays a coordinator\'s courier sheet sent beside the scenario (couriers_csv); a bad row and either half of a sheet alone are refused', async () => {
    const planner = await tokenFor(ctx.app, 'planner');
    const scenario = {
      name: 'drivers', seed: 1, day: { startHour: 6, endHour: 12 }, roads: { kind: 'haversine' }, couriersCsv: 'kurir.csv',
      markets: [{ id: 'keputih', lon: 112.78, lat: -7.295, stalls: [{ id: 'k01', lon: 112.7801, lat: -7.2951 }] }],
      orders: [{ id: 'A-1', at: '07:00', customer: { lon: 112.7712, lat: -7.2975 }, items: [{ stall: 'k01', priceRp: 16000 }] }],
    };
    const sheet = ['courier_id,name,fleet,shift_start,shift_end,lat,lon', 'pk-1,Cak Man,pangkalan,06:00,12:00,,', 'oj-1,,ojol,06:00,09:00,-7.2979,112.7741'].join('\n');
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario, couriers_csv: sheet, policies: ['fifo'] } });
    expect(res.statusCode, res.body).toBe(202);
    const done = await waitDone(res.json().id, planner);
    expect(done.status).toBe('done');
    expect(done.result.couriers).toBe(2);
    expect(done.result.policies[0].kpis.orders).toBe(1);

    const badRow = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario, couriers_csv: sheet.replace(',ojol,', ',becak,') } });
    const problem = expectProblem(badRow, 422, 'unprocessable');
    expect(problem.engine_code).toBe('invalid_couriers_csv');
    expect(problem.detail).toContain('kurir.csv row 3, column fleet: "becak" is not a fleet (ojol or pangkalan)');
    const noSheet = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario } });
    expect(expectProblem(noSheet, 422, 'unprocessable').detail).toContain('couriers_csv');
    const { couriersCsv: _named, ...unnamed } = scenario;
    const couriers = [{ id: 'pk-1', kind: 'pangkalan', shift: ['06:00', '12:00'] }];
    const stray = await ctx.app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: planner, payload: { scenario: { ...unnamed, couriers }, couriers_csv: sheet } });
    expect(expectProblem(stray, 422, 'unprocessable').detail).toContain('couriers_csv was sent but the scenario names no couriersCsv sheet');
  });
});
