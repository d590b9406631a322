// Public surface of engine/solver (re-exported by engine/index.ts).
export { solve, solveCompiled, type SolveOptions, type SolveResult } from './solve.js';
export type { SolveStats, OperatorStats } from './search/stats.js';
