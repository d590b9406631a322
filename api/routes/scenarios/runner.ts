// Runs queued scenario runs one at a time on a worker thread and keeps their row (status, progress, report) current.
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import type { ResolvedScenario } from '../../../engine/simulation/scenario.js';
import type { RunWorkerMessage } from './run-worker.js';

const BOOT = new URL('./run-worker-boot.mjs', import.meta.url);

interface Job { readonly id: string; readonly scenario: ResolvedScenario; readonly policies: readonly string[] }

export class ScenarioRunner {
  private readonly queue: Job[] = [];
  private worker: Worker | null = null;
  private closed = false;
  /** Resolves when the run in progress (if any) and the queue are finished (tests). */
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly app: FastifyInstance) {}

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
    const worker = new Worker(BOOT, { workerData: { scenario: job.scenario, policies: job.policies } });
    this.worker = worker;
    let settled = false;
    const finish = async (status: 'done' | 'failed', column: 'result' | 'error', value: unknown): Promise<void> => {
      if (settled) return;
      settled = true;
      await this.update(job.id, `status = '${status}', progress = CASE WHEN $2::text = 'done' THEN 1 ELSE progress END, ${column} = $3::jsonb, finished_at = now()`, [status, JSON.stringify(value)]);
      this.worker = null;
      await worker.terminate();
      void this.pump();
    };
    worker.on('message', (m: RunWorkerMessage) => {
      if (m.type === 'progress') void this.update(job.id, 'progress = GREATEST(progress, $2::double precision)', [m.fraction]);
      else if (m.type === 'done') void finish('done', 'result', m.result);
      else void finish('failed', 'error', m.error);
    });
    worker.on('error', (e) => void finish('failed', 'error', { code: 'simulation_failed', message: e.message }));
    worker.on('exit', () => void finish('failed', 'error', { code: 'simulation_failed', message: 'the simulation worker exited' }));
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
