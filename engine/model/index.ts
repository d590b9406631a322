// Public surface of engine/model (re-exported by engine/index.ts).
export type * from './problem-input.js';
export { OBJECTIVE_DEFAULTS, COURIER_COST_DEFAULTS } from './defaults.js';
export { compileProblem } from './compile.js';
export type { CompiledProblem } from './compiled-problem.js';
export { ProblemBuilder } from './builder.js';
