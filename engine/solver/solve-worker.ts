// Worker-thread entry of solveParallel: solves the problem it is given with its own seed and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import type { ProblemInput } from '../model/problem-input.js';
import { solve, type SolveOptions } from './solve.js';

interface WorkerJob {
  readonly input: ProblemInput;
  readonly options: SolveOptions;
}

const job = workerData as WorkerJob;
try {
  parentPort?.postMessage({ ok: true, result: solve(job.input, job.options) });
} catch (error) {
  const e = error as { name?: string; kind?: string; code?: string; message?: string; field?: string };
  parentPort?.postMessage({ ok: false, error: { name: e.name, kind: e.kind, code: e.code, message: e.message, field: e.field } });
}
