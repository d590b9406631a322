// solveParallel: runs solve() on N worker threads with seeds seed, seed + 1, …; the cheapest plan wins.
import { Worker } from 'node:worker_threads';
import { EngineError, InternalError } from '../errors.js';
import { compileProblem } from '../model/compile.js';
import type { ProblemInput } from '../model/problem-input.js';
import { solve, type SolveOptions, type SolveResult } from './solve.js';

export interface ParallelSolveOptions extends SolveOptions {
  /** Worker threads (default 2); 1 solves on the calling thread. */
  readonly threads?: number;
}

export interface ParallelSolveResult extends SolveResult {
  /** Every run's seed and total cost, in seed order. */
  readonly runs: readonly { readonly seed: number; readonly cost: number }[];
}

/** Validates `input` on the calling thread (InputError), then races `threads` seeded solves and keeps the best. */
export async function solveParallel(input: ProblemInput, options: ParallelSolveOptions = {}): Promise<ParallelSolveResult> {
  compileProblem(input);
  const threads = Math.max(1, Math.floor(options.threads ?? 2));
  const seed = options.seed ?? 1;
  const { threads: _threads, ...solveOptions } = options;
  if (threads === 1) {
    const result = solve(input, { ...solveOptions, seed });
    return { ...result, runs: [{ seed, cost: result.solution.cost.total }] };
  }
  const results = await Promise.all(Array.from({ length: threads }, (_, k) => runWorker(input, { ...solveOptions, seed: seed + k })));
  let best = results[0];
  for (const r of results) if (r.solution.cost.total < best.solution.cost.total) best = r;
  return { ...best, runs: results.map((r, k) => ({ seed: seed + k, cost: r.solution.cost.total })) };
}

/**
 * Worker threads run TypeScript through tsx: a tiny bootstrap registers tsx's loader inside the worker (loader
 * flags in execArgv are not honoured by worker threads on Node 20), then imports the worker module.
 */
function workerBootstrap(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./solve-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}

function runWorker(input: ProblemInput, options: SolveOptions): Promise<SolveResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerBootstrap(), { eval: true, workerData: { input, options } });
    worker.once('message', (message: { ok: boolean; result?: SolveResult; error?: { kind?: string; code?: string; message?: string; field?: string } }) => {
      if (message.ok && message.result) resolve(message.result);
      else {
        const e = message.error ?? {};
        reject(new EngineError((e.kind as EngineError['kind']) ?? 'internal', e.code ?? 'worker_failed', e.message ?? 'solver worker failed', e.field));
      }
      void worker.terminate();
    });
    worker.once('error', (error) => reject(new InternalError('worker_failed', `solver worker crashed: ${error.message}`, { cause: error })));
    worker.once('exit', (code) => {
      if (code !== 0) reject(new InternalError('worker_failed', `solver worker exited with code ${code}`));
    });
  });
}
