// Worker-thread entry of the solve runner: receives { id, problem, options }, answers { id, result } or { id, error }.
import { parentPort } from 'node:worker_threads';
import { EngineError } from '../errors.js';
import { solve } from '../solver/index.js';
import type { SolveRequestMessage, SolveReplyMessage } from './solve-in-worker.js';

if (!parentPort) throw new Error('solve-worker.ts must run in a worker thread');
const port = parentPort;

port.on('message', (message: SolveRequestMessage) => {
  let reply: SolveReplyMessage;
  try {
    reply = { id: message.id, result: solve(message.problem, message.options) };
  } catch (error) {
    const e = error as Error;
    reply = {
      id: message.id,
      error: error instanceof EngineError
        ? { kind: error.kind, code: error.code, message: error.message, ...(error.field !== undefined ? { field: error.field } : {}) }
        : { kind: 'internal', code: 'solver_crashed', message: e?.message ?? String(error) },
    };
  }
  port.postMessage(reply);
});
