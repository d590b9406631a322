// Reads a road file and builds its RoadGraph for one profile: the one call the CLI and the graph cache need.
import { buildRoadGraphWithStats, type RoadGraphStats } from './build-road-graph.js';
import { getProfile, type RoadProfile } from './profiles/index.js';
import { readRoadWays } from './readers/read-road-ways.js';
import type { RoadGraph } from './road-graph.js';

/**
 * The RoadGraph of a .osm.pbf, .osm or GeoJSON road file for `profile`.
 * Errors (EngineError codes): unknown_profile, graph_unknown_format, graph_unreadable, graph_empty.
 */
export async function loadRoadGraph(path: string, profile: RoadProfile | string = 'motorbike'): Promise<{ graph: RoadGraph; stats: RoadGraphStats }> {
  const resolved = typeof profile === 'string' ? getProfile(profile) : profile;
  const { ways, source } = await readRoadWays(path);
  return buildRoadGraphWithStats(ways, resolved, { source });
}
