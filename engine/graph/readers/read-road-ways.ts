// Picks the reader for a road file by its extension and turns every read failure into an EngineError naming the file.
import { stat } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import type { RoadWaySet } from '../road-way.js';
import { readGeoJsonRoads } from './read-geojson-roads.js';
import { readOsmPbf } from './read-osm-pbf.js';
import { readOsmXml } from './read-osm-xml.js';

type Reader = (path: string) => Promise<RoadWaySet>;

/** Extensions (lower case, longest first) and their readers. */
const READERS: readonly (readonly [string, Reader])[] = [
  ['.osm.pbf', readOsmPbf],
  ['.pbf', readOsmPbf],
  ['.osm.xml', readOsmXml],
  ['.osm', readOsmXml],
  ['.geojson', readGeoJsonRoads],
  ['.json', readGeoJsonRoads],
];

/** The road file formats jejaring reads, for help texts. */
export const ROAD_FILE_EXTENSIONS: readonly string[] = READERS.map(([ext]) => ext);

/**
 * Reads the `highway` ways of a road file (.osm.pbf, .osm XML, GeoJSON lines).
 * Errors: `graph_unknown_format` (extension), `graph_unreadable` (missing, unreadable or corrupt file).
 */
export async function readRoadWays(path: string): Promise<RoadWaySet> {
  const lower = path.toLowerCase();
  const reader = READERS.find(([ext]) => lower.endsWith(ext))?.[1];
  if (!reader) {
    throw new InputError('graph_unknown_format', `road file ${path}: unknown format, expected one of ${ROAD_FILE_EXTENSIONS.join(', ')}`, 'file');
  }
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size === 0) throw new Error('the file is empty');
    return await reader(path);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new InputError('graph_unreadable', `road file ${path} cannot be read: ${reason}`, 'file', { cause });
  }
}
