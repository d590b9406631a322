// Encoded polylines against the format's published example, so the codec is checked against the outside world.
import { describe, expect, it } from 'vitest';
import { decodePolyline, encodePolyline } from '../../../engine/routing/osrm-polyline.js';

/** The example published with the encoded polyline algorithm: three [lat, lon] points and their encoding (precision 5). */
const PUBLISHED_POINTS: [number, number][] = [[38.5, -120.2], [40.7, -120.95], [43.252, -126.453]];
const PUBLISHED_ENCODING = '_p~iF~ps|U_ulLnnqC_mqNvxq`@';

describe('encoded polyline, published example', () => {
  it('encodes the example points to the published string', () => {
    expect(encodePolyline(PUBLISHED_POINTS)).toBe(PUBLISHED_ENCODING);
  });

  it('decodes the published string to the example points', () => {
    const decoded = decodePolyline(PUBLISHED_ENCODING);
    expect(decoded).not.toBeNull();
    decoded!.forEach(([lat, lon], i) => {
      expect(lat).toBeCloseTo(PUBLISHED_POINTS[i][0], 5);
      expect(lon).toBeCloseTo(PUBLISHED_POINTS[i][1], 5);
    });
  });
});
