// Public surface of engine/routing (re-exported by engine/index.ts).
export type { LonLat, TravelTable, SnappedPoint, Route, RouteLeg, TableRequest, RoutingProvider } from './routing-provider.js';
