// Opaque waypoint hints: where a coordinate was placed (edge and fraction) plus the graph's fingerprint, base64url.
import type { RoadGraph } from '../../graph/road-graph.js';

const HINT_BYTES = 12;

/** A 32-bit fingerprint of a graph's shape and a sample of its coordinates: hints from another graph do not match. */
export function graphFingerprint(graph: RoadGraph): number {
  let h = 0x811c9dc5;
  const mix = (value: number): void => {
    h = Math.imul(h ^ (value | 0), 0x01000193) >>> 0;
  };
  mix(graph.nodeCount);
  mix(graph.edgeCount);
  const step = Math.max(1, Math.floor(graph.nodeCount / 64));
  for (let u = 0; u < graph.nodeCount; u += step) {
    mix(Math.round(graph.lon[u] * 1e7));
    mix(Math.round(graph.lat[u] * 1e7));
  }
  return h >>> 0;
}

/** A placement as a hint. */
export function encodeHint(fingerprint: number, edge: number, fraction: number): string {
  const bytes = Buffer.alloc(HINT_BYTES);
  bytes.writeUInt32LE(fingerprint >>> 0, 0);
  bytes.writeUInt32LE(edge >>> 0, 4);
  bytes.writeFloatLE(fraction, 8);
  return bytes.toString('base64url');
}

/** True when `text` has a hint's form, base64url of at least 12 bytes (malformed hints are InvalidQuery, as in OSRM). */
export function isWellFormedHint(text: string): boolean {
  return /^[A-Za-z0-9_-]{16,}={0,2}$/.test(text);
}

/** The placement a hint names, or null when it belongs to another graph or points nowhere (then the coordinate is snapped). */
export function decodeHint(text: string, fingerprint: number, edgeCount: number): { edge: number; fraction: number } | null {
  if (!/^[A-Za-z0-9_-]{16}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== HINT_BYTES || bytes.readUInt32LE(0) !== fingerprint) return null;
  const edge = bytes.readUInt32LE(4), fraction = bytes.readFloatLE(8);
  if (edge >= edgeCount || !(fraction >= 0 && fraction <= 1)) return null;
  return { edge, fraction };
}
