// Public surface of engine/solver (re-exported by engine/index.ts).
export { solve, solveCompiled, type SolveOptions, type SolveResult } from './solve.js';
export { solveParallel, type ParallelSolveOptions, type ParallelSolveResult } from './solve-parallel.js';
export { WorkerSolveRunner, type SolveRunnerOptions } from './solve-runner.js';
export type { SolveStats, OperatorStats } from './search/stats.js';
export { SEARCH_DEFAULTS, type SearchParams } from './search/search-params.js';
export { OPERATORS, type OrderOperator, type Move } from './operators/index.js';
export { CostModel, costModelOf, TOLERANCE, type DeliveryTerm } from './cost/index.js';
