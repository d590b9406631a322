// Hilbert-curve order for node renumbering: nearby nodes get nearby ids, which keeps graph queries cache-friendly.

/** Grid side used for the Hilbert index (2^16 cells per axis). */
const SIDE = 1 << 16;

/** Position along a Hilbert curve over a SIDE×SIDE grid of the cell (x, y), both integers in [0, SIDE). */
export function hilbertIndex(x: number, y: number): number {
  let d = 0;
  for (let s = SIDE >>> 1; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/** Permutation of 0..n-1 listing points in Hilbert order over their bounding box (ties broken by input index). */
export function hilbertOrder(lon: Float64Array, lat: Float64Array): Uint32Array {
  const n = lon.length;
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (let i = 0; i < n; i++) {
    if (lon[i] < minLon) minLon = lon[i];
    if (lon[i] > maxLon) maxLon = lon[i];
    if (lat[i] < minLat) minLat = lat[i];
    if (lat[i] > maxLat) maxLat = lat[i];
  }
  const sx = (SIDE - 1) / Math.max(maxLon - minLon, 1e-12);
  const sy = (SIDE - 1) / Math.max(maxLat - minLat, 1e-12);
  /** Per input point: its Hilbert index. */
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = hilbertIndex(Math.round((lon[i] - minLon) * sx), Math.round((lat[i] - minLat) * sy));
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => key[a] - key[b] || a - b);
  return order;
}
