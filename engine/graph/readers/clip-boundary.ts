// Reads a clip boundary: a "minLon,minLat,maxLon,maxLat" box or a GeoJSON (Multi)Polygon file, as rings of lon/lat points.
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import type { WayPoint } from '../road-way.js';

/** The rings of a boundary (outer rings and holes alike; the clip uses the even-odd rule) and a label for messages. */
export interface ClipBoundary {
  readonly rings: readonly (readonly WayPoint[])[];
  readonly label: string;
}

const BBOX = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*$/;

/** A "minLon,minLat,maxLon,maxLat" box, or undefined when `text` does not have that shape. */
export function parseBbox(text: string): ClipBoundary | undefined {
  const match = BBOX.exec(text);
  if (!match) return undefined;
  const [minLon, minLat, maxLon, maxLat] = match.slice(1).map(Number);
  const valid = [minLon, minLat, maxLon, maxLat].every(Number.isFinite) && minLon < maxLon && minLat < maxLat
    && minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90;
  if (!valid) throw new InputError('invalid_clip', `--clip ${text}: a box is minLon,minLat,maxLon,maxLat with min < max (e.g. 112.57,-8.06,112.70,-7.90)`, 'clip');
  return { rings: [[[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat]]], label: `box ${text.trim()}` };
}

function ringsOfGeometry(geometry: unknown, into: WayPoint[][]): void {
  if (geometry === null || typeof geometry !== 'object') return;
  const { type, coordinates, geometries } = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' && Array.isArray(coordinates) ? coordinates : [];
  if (type === 'GeometryCollection' && Array.isArray(geometries)) for (const g of geometries) ringsOfGeometry(g, into);
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    for (const ring of polygon) {
      if (!Array.isArray(ring)) continue;
      const points = ring.filter((p): p is [number, number] => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]))
        .map((p) => [p[0], p[1]] as const);
      if (points.length >= 3) into.push(points);
    }
  }
}

/** The polygons of a GeoJSON FeatureCollection, Feature or geometry. */
export function boundaryFromGeoJson(json: unknown, label: string): ClipBoundary {
  const rings: WayPoint[][] = [];
  const root = json as { type?: unknown; features?: unknown; geometry?: unknown };
  if (root?.type === 'FeatureCollection' && Array.isArray(root.features)) for (const f of root.features) ringsOfGeometry((f as { geometry?: unknown })?.geometry, rings);
  else if (root?.type === 'Feature') ringsOfGeometry(root.geometry, rings);
  else ringsOfGeometry(root, rings);
  if (rings.length === 0) throw new InputError('invalid_clip', `--clip ${label}: no Polygon or MultiPolygon with at least three points`, 'clip');
  return { rings, label };
}

/** `--clip` as given: a box, else a GeoJSON file path. Errors: `invalid_clip` (bad box, unreadable or polygon-less file). */
export async function readClipBoundary(spec: string): Promise<ClipBoundary> {
  const box = parseBbox(spec);
  if (box) return box;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(spec, 'utf8'));
  } catch (cause) {
    throw new InputError('invalid_clip', `--clip ${spec}: neither minLon,minLat,maxLon,maxLat nor a readable GeoJSON file (${(cause as Error).message})`, 'clip', { cause });
  }
  return boundaryFromGeoJson(json, spec);
}
