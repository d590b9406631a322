// Public surface of engine/dispatch (re-exported by engine/index.ts).
export {};
