// Public surface of engine/checker (re-exported by engine/index.ts).
export { checkSolution } from './check-solution.js';
export type { CheckOptions, CheckResult, Violation, ViolationCode } from './violations.js';
