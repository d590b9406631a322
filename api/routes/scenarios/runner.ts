// Runs queued scenario runs one at a time on a worker thread and keeps their row (status, progress, report) current.
import type { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { siblingModule, startModuleWorker, type ResolvedScenario } from '../../../engine/index.js';
import type { RunWorkerMessage } from './run-worker.js';
import { scenarioNotices } from '../../realtime/scenario-notices.js';

const RUN_WORKER = siblingModule(import.meta.url, 'run-worker');

interface Job { readonly id: string; readonly scenario: ResolvedScenario; readonly policies: readonly string[]; readonly createdBy: string }

export class ScenarioRunner {
  private readonly queue: Job[] = [];
  private worker: Worker | null = null;
  private closed = false;
  /** Resolves when the run in progress (if any) and the queue are finished (tests). */
  private idleWaiters: (() => void)[] = [];

  private readonly notices: ReturnType<typeof scenarioNotices>;

  constructor(private readonly app: FastifyInstance) {
    this.notices = scenarioNotices(app);
  }

  enqueue(job: Job): void {
    this.queue.push(job);
    void this.pump();
  }

  whenIdle(): Promise<void> {
    if (!this.worker && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    await this.worker?.terminate();
  }

  private async pump(): Promise<void> {
    if (this.worker || this.closed) return;
    const job = this.queue.shift();
    if (!job) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    await this.update(job.id, `status = 'running'`, []);
    const worker = startModuleWorker(RUN_WORKER, { workerData: { scenario: job.scenario, policies: job.policies } });
    this.worker = worker;
    let settled = false;
    const finish = async (status: 'done' | 'failed', column: 'result' | 'error', value: unknown): Promise<void> => {
      if (settled) return;
      settled = true;
      await this.update(job.id, `status = '${status}', progress = CASE WHEN $2::text = 'done' THEN 1 ELSE progress END, ${column} = $3::jsonb, finished_at = now()`, [status, JSON.stringify(value)]);
      this.announce(job, status, value);
      this.worker = null;
      await worker.terminate();
      void this.pump();
    };
    worker.on('message', (m: RunWorkerMessage) => {
      if (m.type === 'progress') {
        void this.update(job.id, 'progress = GREATEST(progress, $2::double precision)', [m.fraction]);
        this.notices.publish({ type: 'scenario.progress', createdBy: job.createdBy, payload: {
          runId: job.id, policy: m.policy, fraction: m.fraction,
          simulatedTime: m.simulatedMs === null ? null : new Date(m.simulatedMs).toISOString(), ordersDone: m.ordersDone,
        } });
      }
      else if (m.type === 'done') void finish('done', 'result', m.result);
      else void finish('failed', 'error', m.error);
    });
    worker.on('error', (e) => void finish('failed', 'error', { code: 'simulation_failed', message: e.message }));
    worker.on('exit', () => void finish('failed', 'error', { code: 'simulation_failed', message: 'the simulation worker exited' }));
  }

  /** Tells listeners (the `/planner` namespace) that a run ended, after its row holds the outcome. */
  private announce(job: Job, status: 'done' | 'failed', value: unknown): void {
    if (this.closed) return;
    if (status === 'done') {
      const policies = (value as { policies: { policy: string; kpis: Record<string, unknown> }[] }).policies;
      this.notices.publish({ type: 'scenario.finished', createdBy: job.createdBy, payload: { runId: job.id, status, summary: policies.map((p) => ({ policy: p.policy, kpis: p.kpis })) } });
    } else {
      const error = value as { code: string; message: string };
      this.notices.publish({ type: 'scenario.failed', createdBy: job.createdBy, payload: { runId: job.id, status, code: error.code, message: error.message } });
    }
  }

  private async update(id: string, set: string, params: unknown[]): Promise<void> {
    if (this.closed) return;
    try {
      await this.app.db.query(`UPDATE scenario_runs SET ${set} WHERE id = $1`, [id, ...params]);
    } catch (error) {
      this.app.log.error({ err: error, runId: id }, 'scenario run update failed');
    }
  }
}
