// Worker thread body of contractOnWorker: contracts the graph it is given and sends the hierarchy's arrays back.
import { parentPort, workerData } from 'node:worker_threads';
import type { RoadGraph } from '../road-graph.js';
import { contractHierarchy } from './contract.js';

const ch = contractHierarchy(workerData as RoadGraph);
const arrays = [ch.rank, ch.upFirst, ch.upTarget, ch.upKey, ch.upMiddle, ch.downFirst, ch.downTarget, ch.downKey, ch.downMiddle];
parentPort?.postMessage(ch, arrays.map((a) => a.buffer as ArrayBuffer));
