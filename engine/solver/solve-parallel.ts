// solveParallel: runs solve() on N worker threads with seeds seed, seed + 1, …; the cheapest plan wins.
import { compileProblem } from '../model/compile.js';
import type { ProblemInput } from '../model/problem-input.js';
import { solve, type SolveOptions, type SolveResult } from './solve.js';
import { WorkerSolveRunner } from './solve-runner.js';

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
  const runner = new WorkerSolveRunner({ size: threads });
  let results;
  try {
    results = await Promise.all(Array.from({ length: threads }, (_, k) => runner.solve(input, { ...solveOptions, seed: seed + k })));
  } finally {
    await runner.close();
  }
  let best = results[0];
  for (const r of results) if (r.solution.cost.total < best.solution.cost.total) best = r;
  return { ...best, runs: results.map((r, k) => ({ seed: seed + k, cost: r.solution.cost.total })) };
}
