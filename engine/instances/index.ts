// Public surface of engine/instances (re-exported by engine/index.ts): benchmark readers and instance generators.
export { parseLilim, parseBks, lilimInstanceName, LILIM_VEHICLE_COST, LILIM_COST_PER_KM } from './lilim.js';
export type { LilimOptions, BestKnown } from './lilim.js';
export { generateMarketBatch, generateMarketBatchOnRoads, buildMarketBatch } from './market-batch.js';
export type { MarketBatch } from './market-batch.js';
export { generateMarketLayout, layoutLocations } from './market-layout.js';
export type { MarketLayout } from './market-layout.js';
export { resolveMarketOptions, PASAR_SENEN } from './market-options.js';
export type { MarketBatchOptions, ResolvedMarketOptions } from './market-options.js';
export { offsetPoint } from '../geo.js';
