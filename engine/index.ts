// The engine's only public surface: road graph, routing providers, solver and dispatch logic. Pure: no HTTP, sockets or database.
export * from './errors.js';
export { startModuleWorker, siblingModule, serializeError, deserializeError, type SerializedError } from './worker-thread.js';
export * from './graph/index.js';
export * from './routing/index.js';
export * from './model/index.js';
export * from './solver/index.js';
export * from './dispatch/index.js';
export * from './checker/index.js';
export * from './instances/index.js';
export { Prng, prngStream } from './random/prng.js';
export * from './simulation/index.js';
export * from './intake/index.js';
