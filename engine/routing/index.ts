// Public surface of engine/routing (re-exported by engine/index.ts).
export type { LonLat, TravelTable, SnappedPoint, Route, RouteLeg, TableRequest, RoutingProvider } from './routing-provider.js';
export {
  EmbeddedRouter, openEmbeddedRouter, type EmbeddedRouterOptions, type OpenEmbeddedRouterOptions, type OpenedEmbeddedRouter,
} from './embedded-router.js';
export { DEFAULT_EMBEDDED_LIMITS, type EmbeddedLimits } from './embedded-limits.js';
export { OsrmHttpProvider, type OsrmHttpProviderOptions } from './osrm-http-provider.js';
export { OsrmHttpClient, type OsrmHttpClientOptions } from './osrm-http-client.js';
export { planTableChunks, type TableChunk } from './osrm-table-chunks.js';
export type { OsrmCode, OsrmWaypoint, OsrmRoute, OsrmRouteResponse, OsrmTableResponse, OsrmNearestResponse, OsrmErrorResponse } from './osrm-wire.js';
export { parseCoordinates, formatCoordinates } from './osrm-url.js';
export { FallbackRoutingProvider, type RoutingHealth, type FallbackOptions } from './fallback-provider.js';
export * from './osrm-service/index.js';
