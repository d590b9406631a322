// Reads road lines from a GeoJSON FeatureCollection of LineString/MultiLineString features with a road-class property.
import { readFile } from 'node:fs/promises';
import type { RoadWay, RoadWaySet, WayPoint } from '../road-way.js';

/** Property names of GIS road layers (the Jakarta layer: TYPE, NAME, ONEWAY, LANES) mapped to OSM tag keys. */
const PROPERTY_TO_TAG: Readonly<Record<string, string>> = { TYPE: 'highway', NAME: 'name', ONEWAY: 'oneway', LANES: 'lanes' };

interface Feature {
  type?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

/** OSM-style tags from feature properties: mapped GIS names plus any other string/number/boolean (yes/no) property under its own key. */
function tagsOf(properties: Record<string, unknown> | null | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const tagKey = PROPERTY_TO_TAG[key] ?? key;
    const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    if (tags[tagKey] === undefined || PROPERTY_TO_TAG[key] === undefined) tags[tagKey] = text;
  }
  return tags;
}

function toLine(raw: unknown): WayPoint[] {
  if (!Array.isArray(raw)) return [];
  const line: WayPoint[] = [];
  for (const p of raw) {
    if (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number') line.push([p[0], p[1]]);
  }
  return line;
}

/** Road ways of a GeoJSON file; features without a `highway`/`TYPE` property or a line geometry are skipped. */
export async function readGeoJsonRoads(path: string): Promise<RoadWaySet> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as { type?: unknown; features?: unknown };
  if (parsed === null || typeof parsed !== 'object' || parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw new Error('not a GeoJSON FeatureCollection');
  }
  const ways: RoadWay[] = [];
  for (const feature of parsed.features as Feature[]) {
    const tags = tagsOf(feature?.properties);
    if (tags.highway === undefined || !feature.geometry) continue;
    const { type, coordinates } = feature.geometry;
    const lines = type === 'LineString' ? [toLine(coordinates)] : type === 'MultiLineString' && Array.isArray(coordinates) ? coordinates.map(toLine) : [];
    for (const line of lines) if (line.length >= 2) ways.push({ coordinates: line, tags });
  }
  return { ways, source: path };
}
