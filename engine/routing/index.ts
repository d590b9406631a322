// Public surface of engine/routing (re-exported by engine/index.ts).
export type { LonLat, TravelTable, SnappedPoint, Route, RouteLeg, TableRequest, RoutingProvider } from './routing-provider.js';
export { EmbeddedRouter, openEmbeddedRouter, type EmbeddedRouterOptions, type OpenEmbeddedRouterOptions } from './embedded-router.js';
export { DEFAULT_EMBEDDED_LIMITS, type EmbeddedLimits } from './embedded-limits.js';
