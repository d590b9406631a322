// Path keys: one float64 that orders paths by duration first and distance second, so every search picks the same path.

/**
 * A path key is `durationDs * DISTANCE_SPAN + distanceDm`, an exact integer below 2^53. Comparing keys compares
 * durations and breaks ties by distance, so CH and Dijkstra agree on both numbers. Valid while a path is shorter
 * than DISTANCE_SPAN decimetres (6,710 km) and faster than 2^27 deciseconds (155 days).
 */
export const DISTANCE_SPAN = 2 ** 26;

/** The key of a path or edge with this duration (deciseconds) and length (decimetres). */
export function pathKey(durationDs: number, distanceDm: number): number {
  return durationDs * DISTANCE_SPAN + distanceDm;
}

/** Duration part of a finite key, deciseconds. */
export function keyDurationDs(key: number): number {
  return Math.floor(key / DISTANCE_SPAN);
}

/** Distance part of a finite key, decimetres. */
export function keyDistanceDm(key: number): number {
  return key - Math.floor(key / DISTANCE_SPAN) * DISTANCE_SPAN;
}

/** Per edge of a CSR graph: its path key from `durationDs` and `distanceDm`. */
export function edgeKeys(durationDs: Uint32Array, distanceDm: Uint32Array): Float64Array {
  const keys = new Float64Array(durationDs.length); // per edge: path key
  for (let e = 0; e < keys.length; e++) keys[e] = durationDs[e] * DISTANCE_SPAN + distanceDm[e];
  return keys;
}

/** Seconds rounded to an integer from a key; Infinity stays Infinity. */
export function keyToSeconds(key: number): number {
  return key === Infinity ? Infinity : Math.round(keyDurationDs(key) / 10);
}

/** Metres rounded to an integer from a key; Infinity stays Infinity. */
export function keyToMetres(key: number): number {
  return key === Infinity ? Infinity : Math.round(keyDistanceDm(key) / 10);
}
