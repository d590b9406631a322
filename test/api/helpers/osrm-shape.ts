// Compares the JSON shape of two OSRM answers: same types, same key sets (a few keys OSRM itself omits at times are
// optional), same lengths where a list's length is part of the contract (waypoints, legs, table rows and columns).

/** Keys OSRM leaves out in some positions: `in` at a depart intersection, `out` at arrive, a maneuver's `modifier`. */
const OPTIONAL_KEYS = new Set(['in', 'out', 'modifier']);
/** Lists whose length must match: one entry per coordinate, leg or table row/column. */
const SAME_LENGTH = new Set(['waypoints', 'legs', 'durations', 'distances', 'sources', 'destinations', 'tracepoints', 'trips']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Every difference in shape between `expected` (real OSRM) and `actual`, as "path: what" lines; empty when equal. */
export function shapeDifferences(expected: unknown, actual: unknown, path = '$'): string[] {
  const te = typeOf(expected), ta = typeOf(actual);
  if (te !== ta) return [`${path}: ${ta} instead of ${te}`];
  if (te === 'array') {
    const e = expected as unknown[], a = actual as unknown[];
    const key = path.slice(path.lastIndexOf('.') + 1);
    const out: string[] = [];
    if (SAME_LENGTH.has(key) && e.length !== a.length) out.push(`${path}: ${a.length} entries instead of ${e.length}`);
    if (e.length === 0 || a.length === 0) return out;
    for (let i = 0; i < a.length && out.length < 5; i++) out.push(...shapeDifferences(e[Math.min(i, e.length - 1)], a[i], `${path}[${i}]`));
    return out;
  }
  if (te === 'object') {
    const e = expected as Record<string, unknown>, a = actual as Record<string, unknown>;
    const out: string[] = [];
    for (const k of Object.keys(e)) if (!(k in a) && !OPTIONAL_KEYS.has(k)) out.push(`${path}.${k}: missing`);
    for (const k of Object.keys(a)) if (!(k in e) && !OPTIONAL_KEYS.has(k)) out.push(`${path}.${k}: not in OSRM's answer`);
    for (const k of Object.keys(a)) if (k in e) out.push(...shapeDifferences(e[k], a[k], `${path}.${k}`));
    return out;
  }
  return [];
}
