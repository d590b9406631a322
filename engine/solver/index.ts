// Public surface of engine/solver (re-exported by engine/index.ts).
export {};
