// Public surface of engine/graph (re-exported by engine/index.ts).
export type { RoadGraph } from './road-graph.js';
