// ClipRegion against a brute-force answer (point in polygon, distance to every edge) on the real Kota Malang boundary.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boundaryFromGeoJson, parseBbox } from '../../../../engine/graph/readers/clip-boundary.js';
import { ClipRegion } from '../../../../engine/graph/readers/clip-region.js';
import type { WayPoint } from '../../../../engine/graph/road-way.js';
import { Prng } from '../../../../engine/random/prng.js';

const MALANG = boundaryFromGeoJson(JSON.parse(readFileSync('fixtures/boundaries/kota-malang.geojson', 'utf8')), 'Kota Malang');

/** Haversine-free local metres: the same flat-earth model at city scale, computed independently per edge. */
function bruteForce(rings: readonly (readonly WayPoint[])[], lon: number, lat: number, marginM: number): boolean {
  const kx = 111_320 * Math.cos(lat * Math.PI / 180), ky = 110_574;
  let inside = false, nearest = Infinity;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [x1, y1] = ring[i], [x2, y2] = ring[(i + 1) % ring.length];
      if ((y1 > lat) !== (y2 > lat) && x1 + ((lat - y1) / (y2 - y1)) * (x2 - x1) > lon) inside = !inside;
      const ax = (x1 - lon) * kx, ay = (y1 - lat) * ky, bx = (x2 - lon) * kx, by = (y2 - lat) * ky;
      const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
      nearest = Math.min(nearest, Math.hypot(ax + t * dx, ay + t * dy));
    }
  }
  return inside || nearest <= marginM;
}

describe('ClipRegion', () => {
  it('agrees with brute force on 2,500 random points around Kota Malang (margin 1 km), except within 2 m of the margin line', () => {
    const region = new ClipRegion(MALANG.rings, 1000);
    const rng = new Prng(7), random = () => rng.next();
    let inside = 0, disagreements = 0;
    for (let i = 0; i < 2_500; i++) {
      const lon = 112.54 + random() * 0.19, lat = -8.08 + random() * 0.2;
      const got = region.contains(lon, lat);
      if (got !== bruteForce(MALANG.rings, lon, lat, 1000)) {
        // Only the projection's latitude differs (region centre vs the point): allow that sliver at the margin line.
        if (bruteForce(MALANG.rings, lon, lat, 1002) === bruteForce(MALANG.rings, lon, lat, 998)) disagreements++;
      }
      if (got) inside++;
    }
    expect(disagreements).toBe(0);
    expect(inside).toBeGreaterThan(600);
    expect(inside).toBeLessThan(2_400);
  });

  it('grows a box by its margin and honours holes (even-odd)', () => {
    const box = parseBbox('112.60,-7.99,112.62,-7.97')!;
    const region = new ClipRegion(box.rings, 500);
    expect(region.contains(112.61, -7.98)).toBe(true);
    expect(region.contains(112.6240, -7.98)).toBe(true); // ~440 m east of the box
    expect(region.contains(112.6260, -7.98)).toBe(false); // ~660 m east
    expect(region.contains(112.61, -7.9655)).toBe(true); // ~500 m north, just inside the margin
    expect(region.contains(112.61, -7.9640)).toBe(false);
    const hole: WayPoint[] = [[112.605, -7.985], [112.615, -7.985], [112.615, -7.975], [112.605, -7.975]];
    const withHole = new ClipRegion([box.rings[0], hole], 0);
    expect(withHole.contains(112.61, -7.98)).toBe(false);
    expect(withHole.contains(112.602, -7.98)).toBe(true);
  });

  it('refuses a bad box and a boundary without polygons', () => {
    expect(() => parseBbox('112.7,-7.9,112.6,-7.8')).toThrow(/min < max/);
    expect(parseBbox('not-a-box.geojson')).toBeUndefined();
    expect(() => boundaryFromGeoJson({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } }] }, 'x'))
      .toThrow(/no Polygon/);
  });
});
