// Table chunk plans cover every cell exactly once within the coordinate budget; polyline and coordinate codecs round-trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePolyline, encodePolyline } from '../../../engine/routing/osrm-polyline.js';
import { planTableChunks } from '../../../engine/routing/osrm-table-chunks.js';
import { formatCoordinates, parseCoordinates } from '../../../engine/routing/osrm-url.js';

describe('planTableChunks', () => {
  it('covers every cell once and never sends more than the budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 260 }), fc.integer({ min: 1, max: 260 }), fc.boolean(), fc.integer({ min: 2, max: 120 }), (rows, cols, square, max) => {
        const n = square ? rows : cols;
        const seen = new Uint8Array(rows * n);
        for (const c of planTableChunks(rows, n, square, max)) {
          const sent = c.shared ? c.sourceEnd - c.sourceStart : c.sourceEnd - c.sourceStart + c.destinationEnd - c.destinationStart;
          expect(sent).toBeLessThanOrEqual(max);
          for (let i = c.sourceStart; i < c.sourceEnd; i++) for (let j = c.destinationStart; j < c.destinationEnd; j++) seen[i * n + j]++;
        }
        expect(seen.every((v) => v === 1)).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('sends a small square table in one request and gives a short side all its coordinates', () => {
    expect(planTableChunks(100, 100, true, 100)).toEqual([{ sourceStart: 0, sourceEnd: 100, destinationStart: 0, destinationEnd: 100, shared: true }]);
    const oneToMany = planTableChunks(1, 1000, false, 100);
    expect(oneToMany).toHaveLength(Math.ceil(1000 / 99));
    expect(planTableChunks(1000, 1000, true, 100)).toHaveLength(400);
  });
});

describe('OSRM URL codecs', () => {
  it('round-trips polylines at precision 5 and 6', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true })), { minLength: 1, maxLength: 30 }), (points) => {
        for (const precision of [5, 6] as const) {
          const decoded = decodePolyline(encodePolyline(points, precision), precision)!;
          expect(decoded).toHaveLength(points.length);
          decoded.forEach(([lat, lon], i) => {
            expect(Math.abs(lat - points[i][0])).toBeLessThanOrEqual(0.5 / 10 ** precision + 1e-9);
            expect(Math.abs(lon - points[i][1])).toBeLessThanOrEqual(0.5 / 10 ** precision + 1e-9);
          });
        }
      }),
      { numRuns: 200, seed: 11 },
    );
    expect(encodePolyline([[38.5, -120.2], [40.7, -120.95], [43.252, -126.453]])).toBe('_p~iF~ps|U_ulLnnqC_mqNvxq`@'); // the format's published example
    expect(decodePolyline('_p~iF~ps|U_', 5)).toBeNull();
  });

  it('formats and parses coordinate lists', () => {
    expect(formatCoordinates([[106.8442, -6.1737], [106.83400001, -6.1628]])).toBe('106.8442,-6.1737;106.834,-6.1628');
    expect(parseCoordinates('106.8442,-6.1737;106.834,-6.1628')).toEqual([[106.8442, -6.1737], [106.834, -6.1628]]);
    for (const bad of ['', '1,2;', '1;2', '1,2,3', 'a,b', '1,2;;3,4']) expect(parseCoordinates(bad), bad).toBeNull();
  });
});
