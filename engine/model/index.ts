// Public surface of engine/model (re-exported by engine/index.ts).
export type * from './problem-input.js';
