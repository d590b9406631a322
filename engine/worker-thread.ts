// Worker threads for the engine and the API: start a module on a thread (TypeScript source through tsx, or compiled
// JavaScript as is) and carry EngineErrors across the thread boundary with their kind, code and field.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { EngineError, type EngineErrorKind } from './errors.js';

/** The module `name` next to the calling module, with the caller's own extension (`.ts` in source, `.js` compiled). */
export function siblingModule(callerUrl: string, name: string): URL {
  return new URL(`./${name}${extname(fileURLToPath(callerUrl))}`, callerUrl);
}

/**
 * Starts `moduleUrl` on a worker thread. A TypeScript module is loaded through tsx: a two-line bootstrap registers
 * tsx inside the worker (loader flags are not inherited by worker threads on Node 20), then imports the module.
 */
export function startModuleWorker(moduleUrl: URL, options: WorkerOptions = {}): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, options);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(moduleUrl.href)}, ${JSON.stringify(moduleUrl.href)}));`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** An error as it crosses a thread: an EngineError keeps its kind, code and field; anything else becomes internal. */
export interface SerializedError {
  readonly kind: EngineErrorKind;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/** The thread-safe form of `error`; `fallbackCode` names a failure that is not an EngineError (a bug). */
export function serializeError(error: unknown, fallbackCode: string): SerializedError {
  if (error instanceof EngineError) {
    return { kind: error.kind, code: error.code, message: error.message, ...(error.field !== undefined ? { field: error.field } : {}) };
  }
  return { kind: 'internal', code: fallbackCode, message: error instanceof Error ? error.message : String(error) };
}

/** The EngineError a serialized error stands for. */
export function deserializeError(error: SerializedError): EngineError {
  return new EngineError(error.kind, error.code, error.message, error.field);
}
