// Contracts a road graph on a worker thread, so a hierarchy built while serving does not block the event loop.
import type { RoadGraph } from '../road-graph.js';
import { siblingModule, startModuleWorker } from '../../worker-thread.js';
import type { ContractionHierarchy } from './contraction-hierarchy.js';

const WORKER_MODULE = siblingModule(import.meta.url, 'contract-worker');

/** The graph arrays contraction reads (copied to the worker). */
type ContractInput = Pick<RoadGraph, 'nodeCount' | 'mainNodeCount' | 'firstEdge' | 'target' | 'durationDs' | 'distanceDm'>;

/** The hierarchy of `graph`, contracted on a worker thread that does not keep the process alive. */
export function contractOnWorker(graph: ContractInput): Promise<ContractionHierarchy> {
  const input: ContractInput = {
    nodeCount: graph.nodeCount, mainNodeCount: graph.mainNodeCount, firstEdge: graph.firstEdge, target: graph.target,
    durationDs: graph.durationDs, distanceDm: graph.distanceDm,
  };
  const worker = startModuleWorker(WORKER_MODULE, { workerData: input });
  worker.unref();
  return new Promise((resolve, reject) => {
    worker.once('message', (ch: ContractionHierarchy) => {
      resolve(ch);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`contraction worker exited with code ${code}`)));
  });
}
