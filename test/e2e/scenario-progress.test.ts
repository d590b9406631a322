// End to end over a real socket: a planner starts a scenario run by REST and follows it on `/planner`; other
// planners do not hear it, admins hear every run, courier tokens are refused.
import type { FastifyInstance } from 'fastify';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import type { ScenarioFinishedPayload, ScenarioProgressPayload } from '../../api/schemas/realtime.js';
import { tokenFor, type Headers } from '../api/helpers/fixtures.js';
import { tinyScenario } from '../engine/simulation/tiny-scenario.js';
import { workerPglite } from '../api/helpers/worker-database.js';

interface Heard { readonly type: string; readonly payload: Record<string, any>; readonly atMs: number }

/** Connects to `/planner`, resolves once the server says `ready`; rejects with the refusal's stable code. */
function plannerSocket(baseUrl: string, headers: Headers): Promise<{ socket: Socket; heard: Heard[] }> {
  const socket = io(`${baseUrl}/planner`, { auth: { token: String(headers.authorization ?? '').slice('Bearer '.length) }, transports: ['websocket'], reconnection: false, forceNew: true });
  const heard: Heard[] = [];
  socket.onAny((type: string, payload: Record<string, any>) => {
    if (type.startsWith('scenario.')) heard.push({ type, payload, atMs: Date.now() });
  });
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve({ socket, heard }));
    socket.once('connect_error', (error: Error & { data?: { code: string } }) => reject(Object.assign(error, { code: error.data?.code })));
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  for (const t0 = Date.now(); !check(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('scenario progress over /planner', () => {
  let app: FastifyInstance;
  let baseUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await buildApp({ db: await workerPglite(), secret: 'test-secret-0123456789abcdef', docs: false, rateLimit: false, realtime: true });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  it('streams progress then the finished summary to the planner who started the run and to admins only', async () => {
    const plannerA = await tokenFor(app, 'planner', { subjectId: 'usr_planner_a' });
    const plannerB = await tokenFor(app, 'planner', { subjectId: 'usr_planner_b' });
    const a = await plannerSocket(baseUrl, plannerA);
    const b = await plannerSocket(baseUrl, plannerB);
    const admin = await plannerSocket(baseUrl, await tokenFor(app, 'admin'));
    sockets.push(a.socket, b.socket, admin.socket);

    const res = await app.inject({ method: 'POST', url: '/v1/scenarios/runs', headers: plannerA, payload: { scenario: tinyScenario({}, 6), policies: ['jejaring', 'fifo'] } });
    expect(res.statusCode, res.body).toBe(202);
    const runId = res.json().id as string;
    await until(() => a.heard.some((h) => h.type !== 'scenario.progress'), 'the end of the run on planner A');
    await until(() => admin.heard.some((h) => h.type === 'scenario.finished'), 'the end of the run on the admin socket');

    const ofRun = a.heard.filter((h) => h.payload.runId === runId);
    const progress = ofRun.filter((h) => h.type === 'scenario.progress').map((h) => h.payload as ScenarioProgressPayload);
    const last = ofRun[ofRun.length - 1];
    expect(last.type).toBe('scenario.finished');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(ofRun.findIndex((h) => h.type === 'scenario.finished')).toBe(ofRun.length - 1);
    for (const p of progress) {
      expect(p.fraction).toBeGreaterThanOrEqual(0);
      expect(p.fraction).toBeLessThanOrEqual(1);
      expect(['jejaring', 'fifo']).toContain(p.policy);
      if (p.simulatedTime !== null) expect(Number.isNaN(Date.parse(p.simulatedTime))).toBe(false);
      if (p.ordersDone !== null) expect(p.ordersDone).toBeLessThanOrEqual(6);
    }
    expect(progress.some((p) => p.simulatedTime !== null && p.ordersDone !== null)).toBe(true);
    // Throttled per run (the server sends them ≥ 250 ms apart). Arrival times bunch on a busy machine, so the bound is
    // on the whole span: n messages need (n − 1) × 250 ms, less a margin for the delivery of the first and the last.
    const progressAtMs = ofRun.filter((h) => h.type === 'scenario.progress').map((h) => h.atMs);
    if (progressAtMs.length > 1) expect(progressAtMs[progressAtMs.length - 1] - progressAtMs[0]).toBeGreaterThanOrEqual((progressAtMs.length - 1) * 250 - 200);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));

    const finished = last.payload as ScenarioFinishedPayload;
    const stored = (await app.inject({ method: 'GET', url: `/v1/scenarios/runs/${runId}`, headers: plannerA })).json();
    expect(stored.status).toBe('done');
    expect(finished.status).toBe('done');
    expect(finished.summary).toEqual(stored.result.policies.map((p: { policy: string; kpis: unknown }) => ({ policy: p.policy, kpis: p.kpis })));
    expect(admin.heard.find((h) => h.type === 'scenario.finished')?.payload).toEqual(finished);
    expect(b.heard).toEqual([]);
  });

  it('refuses courier and dispatcher tokens with the stable code, and a missing token', async () => {
    for (const role of ['courier', 'dispatcher'] as const) {
      const headers = await tokenFor(app, role, role === 'courier' ? { courierId: 'cou_x', fleetId: 'flt_x' } : {});
      await expect(plannerSocket(baseUrl, headers)).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(plannerSocket(baseUrl, { authorization: 'Bearer ' })).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
