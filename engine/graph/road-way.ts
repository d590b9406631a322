// RoadWay: the reader-neutral shape every road source (.osm.pbf, .osm XML, GeoJSON) is turned into before graph building.

/** A WGS84 position, longitude first (degrees). */
export type WayPoint = readonly [lon: number, lat: number];

/** One road line: its vertices in drawing order plus OSM-style tags (`highway`, `name`, `oneway`, …). */
export interface RoadWay {
  /** Vertices in drawing order, [lon, lat] degrees; at least two for the way to be routable. */
  readonly coordinates: readonly WayPoint[];
  /** OSM tags, keys and values as strings. */
  readonly tags: Readonly<Record<string, string>>;
}

/** The road-relevant content of a source file. */
export interface RoadWaySet {
  readonly ways: readonly RoadWay[];
  /** The file the ways came from (for error messages), or a label for hand-built sets. */
  readonly source: string;
}
