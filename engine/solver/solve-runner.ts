// Solve runner on worker threads: a slow solve never blocks the event loop. A small pool, one job per worker at
// a time, FIFO queue; EngineErrors cross back with their kind and code; a crashed worker is replaced.
import type { Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import type { ProblemInput } from '../model/problem-input.js';
import { deserializeError, siblingModule, startModuleWorker, type SerializedError } from '../worker-thread.js';
import type { SolveOptions, SolveResult } from './solve.js';

export interface SolveRequestMessage {
  readonly id: number;
  readonly problem: ProblemInput;
  readonly options: SolveOptions;
}

export type SolveReplyMessage =
  | { readonly id: number; readonly result: SolveResult }
  | { readonly id: number; readonly error: SerializedError };

const WORKER_MODULE = siblingModule(import.meta.url, 'solve-worker');

interface Job {
  readonly message: SolveRequestMessage;
  resolve(result: SolveResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export interface SolveRunnerOptions {
  /** Worker threads (default 1). */
  readonly size?: number;
}

export class WorkerSolveRunner {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: SolveRunnerOptions = {}) {
    const size = Math.max(1, options.size ?? 1);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Jobs waiting for a free worker. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Solves `problem` on a worker thread. */
  solve(problem: ProblemInput, options: SolveOptions = {}): Promise<SolveResult> {
    if (this.closed) return Promise.reject(new InternalError('solve_runner_closed', 'the solve runner is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ message: { id: this.nextId++, problem, options }, resolve, reject });
      this.pump();
    });
  }

  /** Terminates the workers; queued and running jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new InternalError('solve_runner_closed', 'the solve runner closed');
    for (const job of this.queue.splice(0)) job.reject(error);
    await Promise.all(this.slots.map(async (slot) => {
      slot.job?.reject(error);
      slot.job = null;
      await slot.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = startModuleWorker(WORKER_MODULE);
    const slot: Slot = { worker, job: null };
    worker.unref();
    worker.on('message', (reply: SolveReplyMessage) => {
      const job = slot.job;
      slot.job = null;
      if (job && job.message.id === reply.id) {
        if ('result' in reply) job.resolve(reply.result);
        else job.reject(deserializeError(reply.error));
      }
      this.pump();
    });
    worker.on('error', (error) => {
      slot.job?.reject(new InternalError('solver_worker_failed', `solver worker failed: ${error.message}`, { cause: error }));
      slot.job = null;
    });
    worker.on('exit', () => {
      if (this.closed) return;
      const at = this.slots.indexOf(slot);
      slot.job?.reject(new InternalError('solver_worker_exited', 'solver worker exited'));
      if (at >= 0) this.slots[at] = this.spawn();
      this.pump();
    });
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.message);
    }
    for (const slot of this.slots) if (!slot.job) slot.worker.unref();
  }
}
