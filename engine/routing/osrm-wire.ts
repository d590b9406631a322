// OSRM v5 HTTP API wire types (responses of route, table and nearest), shared by the HTTP client and the compatible server.

/** OSRM response codes. `Ok` on success; every other code comes with HTTP 400. */
export type OsrmCode =
  | 'Ok' | 'InvalidUrl' | 'InvalidService' | 'InvalidVersion' | 'InvalidOptions' | 'InvalidQuery' | 'InvalidValue'
  | 'NoSegment' | 'TooBig' | 'NoRoute' | 'NoTable' | 'NoMatch' | 'NoTrips' | 'NotImplemented';

/** A snapped input coordinate. `distance`: metres from the input to `location`. */
export interface OsrmWaypoint {
  hint?: string;
  distance: number;
  name: string;
  location: [number, number];
}

export interface OsrmGeoJsonLineString {
  type: 'LineString';
  coordinates: [number, number][];
}

/** One leg between consecutive waypoints; seconds and metres. */
export interface OsrmRouteLeg {
  duration: number;
  distance: number;
  weight: number;
  summary: string;
  steps: unknown[];
}

export interface OsrmRoute {
  duration: number;
  distance: number;
  weight: number;
  weight_name: string;
  /** GeoJSON with geometries=geojson, an encoded polyline string otherwise; absent with overview=false. */
  geometry?: OsrmGeoJsonLineString | string;
  legs: OsrmRouteLeg[];
}

export interface OsrmRouteResponse { code: 'Ok'; routes: OsrmRoute[]; waypoints: OsrmWaypoint[] }

/** Row i, column j: from source i to destination j; null where no route exists. Seconds / metres. */
export interface OsrmTableResponse {
  code: 'Ok';
  durations?: (number | null)[][];
  distances?: (number | null)[][];
  sources: OsrmWaypoint[];
  destinations: OsrmWaypoint[];
}

export interface OsrmNearestResponse { code: 'Ok'; waypoints: OsrmWaypoint[] }

export interface OsrmErrorResponse { code: Exclude<OsrmCode, 'Ok'> | string; message: string }
