// Worker thread of one scenario run: simulates every policy and posts progress, then the report (or the error).
import { parentPort, workerData } from 'node:worker_threads';
import { reportJson, runScenario, serializeError, type ResolvedScenario, type SerializedError } from '../../../engine/index.js';

export type RunWorkerMessage =
  | { readonly type: 'progress'; readonly fraction: number; readonly policy: string; readonly simulatedMs: number | null; readonly ordersDone: number | null }
  | { readonly type: 'done'; readonly result: ReturnType<typeof reportJson> }
  | { readonly type: 'failed'; readonly error: SerializedError };

const { scenario, policies } = workerData as { scenario: ResolvedScenario; policies: string[] };
const post = (m: RunWorkerMessage): void => parentPort!.postMessage(m);
let lastPct = -1;
try {
  const run = await runScenario(scenario, {
    policies,
    onProgress: (fraction, policy, at) => {
      const pct = Math.floor(fraction * 100);
      if (pct !== lastPct) post({ type: 'progress', fraction: (lastPct = pct) / 100, policy, simulatedMs: at?.simulatedMs ?? null, ordersDone: at?.ordersDone ?? null });
    },
  });
  post({ type: 'done', result: reportJson(run) });
} catch (error) {
  post({ type: 'failed', error: serializeError(error, 'simulation_failed') });
}
