// Test helper: road ways from an ASCII node map, e.g. "a---b\n    |\n    c" with ways ["ab", "bc"] (one letter per node).
import type { RoadWay } from '../../../engine/graph/road-way.js';

export interface AsciiWay {
  /** Node letters in drawing order, e.g. 'abc'. */
  readonly nodes: string;
  /** OSM tags; `highway` defaults to 'residential'. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface AsciiMapOptions {
  /** Metres per character column and per text row. Default 10. */
  readonly gridM?: number;
  /** [lon, lat] of the top-left character. Default central Jakarta. */
  readonly origin?: readonly [number, number];
}

/** The ways of an ASCII map plus the coordinate of each node letter. Node letters are [a-zA-Z0-9]. */
export function asciiRoadMap(map: string, ways: readonly AsciiWay[], options: AsciiMapOptions = {}): { ways: RoadWay[]; at(node: string): [number, number] } {
  const gridM = options.gridM ?? 10;
  const [lon0, lat0] = options.origin ?? [106.8, -6.2];
  const metresPerDegLat = 111_195.08;
  const metresPerDegLon = metresPerDegLat * Math.cos((lat0 * Math.PI) / 180);
  const positions = new Map<string, [number, number]>();
  map.split('\n').forEach((line, row) => {
    for (let col = 0; col < line.length; col++) {
      const ch = line[col];
      if (!/[a-zA-Z0-9]/.test(ch)) continue;
      if (positions.has(ch)) throw new Error(`node ${ch} appears twice in the map`);
      positions.set(ch, [lon0 + (col * gridM) / metresPerDegLon, lat0 - (row * gridM) / metresPerDegLat]);
    }
  });
  const at = (node: string): [number, number] => {
    const p = positions.get(node);
    if (!p) throw new Error(`node ${node} is not on the map`);
    return p;
  };
  return {
    ways: ways.map((w) => ({ coordinates: [...w.nodes].map(at), tags: { highway: 'residential', ...w.tags } })),
    at,
  };
}
