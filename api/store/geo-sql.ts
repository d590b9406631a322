// SQL fragments for geography columns: `{ lon, lat }` in, `{ lon, lat }` out; GeoJSON only for polygons.

/** SQL making a geography point from parameters `$lon`, `$lat` (1-based indices). */
export function pointParam(lonIndex: number, latIndex: number): string {
  return `ST_SetSRID(ST_MakePoint($${lonIndex}::float8, $${latIndex}::float8), 4326)::geography`;
}

/** Select list items `<alias>_lon, <alias>_lat` for a geography point column (NULL stays NULL). */
export function pointColumns(column: string, alias: string = column): string {
  return `ST_X(${column}::geometry) AS ${alias}_lon, ST_Y(${column}::geometry) AS ${alias}_lat`;
}

/** A point from `<alias>_lon/_lat` row fields, or null. */
export function pointOf(row: Record<string, unknown>, alias: string): { lon: number; lat: number } | null {
  const lon = row[`${alias}_lon`];
  const lat = row[`${alias}_lat`];
  return lon === null || lon === undefined ? null : { lon: Number(lon), lat: Number(lat) };
}

/** ISO string of a timestamp column value (Date on both back ends), or null. */
export function isoOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}
