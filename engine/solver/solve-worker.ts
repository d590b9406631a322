// Worker-thread entry of the solve runner (and of solveParallel through it): receives { id, problem, options }, answers { id, result } or { id, error }.
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../worker-thread.js';
import { solve } from './solve.js';
import type { SolveRequestMessage, SolveReplyMessage } from './solve-runner.js';

if (!parentPort) throw new Error('solve-worker.ts must run in a worker thread');
const port = parentPort;

port.on('message', (message: SolveRequestMessage) => {
  let reply: SolveReplyMessage;
  try {
    reply = { id: message.id, result: solve(message.problem, message.options) };
  } catch (error) {
    reply = { id: message.id, error: serializeError(error, 'solver_crashed') };
  }
  port.postMessage(reply);
});
