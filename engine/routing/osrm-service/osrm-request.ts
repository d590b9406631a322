// Typed OSRM v5 requests (already parsed from the URL) and the OSRM-coded error the service answers with.
import type { LonLat } from '../routing-provider.js';

/** OSRM refuses or fails a request with one of its codes (HTTP 400 unless said otherwise). */
export class OsrmCodeError extends Error {
  override readonly name = 'OsrmCodeError';
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
  }
}

export type OsrmApproach = 'curb' | 'opposite' | 'unrestricted';
export type OsrmGeometryFormat = 'polyline' | 'polyline6' | 'geojson';
export type OsrmOverviewMode = 'simplified' | 'full' | 'false';
export type OsrmAnnotation = 'duration' | 'distance' | 'speed' | 'nodes' | 'weight' | 'datasources';

/** Per-coordinate options every service takes; each list, when given, has one entry per coordinate (null: default). */
export interface OsrmPointOptions {
  readonly coordinates: readonly LonLat[];
  /** Snapping radius, metres; null = unlimited. */
  readonly radiuses?: readonly (number | null | undefined)[];
  /** [bearing 0..360, range 0..180] in degrees the snapped road must run in. */
  readonly bearings?: readonly (readonly [number, number] | null | undefined)[];
  readonly approaches?: readonly (OsrmApproach | null | undefined)[];
  /** Opaque hints from an earlier answer of this server ('' or null: none). */
  readonly hints?: readonly (string | null | undefined)[];
  /** Answer without a waypoints array. */
  readonly skipWaypoints?: boolean;
  /** Road classes to avoid (from the profile's excludable classes). */
  readonly exclude?: readonly string[];
  /** Add a hint to each waypoint (default true). */
  readonly generateHints?: boolean;
}

export interface OsrmRouteOptions {
  readonly geometries?: OsrmGeometryFormat;
  readonly overview?: OsrmOverviewMode;
  readonly steps?: boolean;
  readonly annotations?: readonly OsrmAnnotation[];
  /** Forbid u-turns at via waypoints. */
  readonly continueStraight?: boolean;
  /** jejaring extension: adds `maneuver.instruction` in this language ('id' Bahasa Indonesia, 'en' English) to each step. */
  readonly language?: 'id' | 'en';
}

export interface OsrmRouteRequest extends OsrmPointOptions, OsrmRouteOptions {
  /** How many alternative routes were asked for (0: none; `true` is 1), found by the via-node method. */
  readonly alternatives?: number;
  /** Indices of the coordinates that are leg ends (first and last included); the others are passed through. */
  readonly waypoints?: readonly number[];
}

export interface OsrmTableRequest extends OsrmPointOptions {
  readonly sources?: readonly number[];
  readonly destinations?: readonly number[];
  readonly annotations?: readonly ('duration' | 'distance')[];
  /** Fill unreachable cells with the crow-fly distance at this speed (m/s). */
  readonly fallbackSpeedMs?: number;
  readonly fallbackCoordinate?: 'input' | 'snapped';
  /** Multiply every duration by this (> 0). */
  readonly scaleFactor?: number;
}

export interface OsrmNearestRequest extends OsrmPointOptions {
  readonly number?: number;
}

export interface OsrmTripRequest extends OsrmPointOptions, OsrmRouteOptions {
  readonly roundtrip?: boolean;
  readonly source?: 'any' | 'first';
  readonly destination?: 'any' | 'last';
}

export interface OsrmMatchRequest extends OsrmPointOptions, OsrmRouteOptions {
  /** Unix seconds per coordinate. */
  readonly timestamps?: readonly number[];
  /** Split the trace where consecutive timestamps are more than 60 s apart ('split', the default) or never ('ignore'). */
  readonly gaps?: 'split' | 'ignore';
  /** Treat the whole trace as one leg list without splitting into legs per tracepoint. */
  readonly tidy?: boolean;
}
