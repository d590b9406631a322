// Encoded polyline format (precision 5 or 6) as OSRM uses for `geometries=polyline|polyline6` and `polyline(…)` coordinates.

/** Encodes [lat, lon] pairs. */
export function encodePolyline(latLons: readonly (readonly [number, number])[], precision: 5 | 6 = 5): string {
  const factor = 10 ** precision;
  let out = '';
  let prevLat = 0, prevLon = 0;
  for (const [lat, lon] of latLons) {
    const iLat = Math.round(lat * factor), iLon = Math.round(lon * factor);
    out += encodeSigned(iLat - prevLat) + encodeSigned(iLon - prevLon);
    prevLat = iLat;
    prevLon = iLon;
  }
  return out;
}

function encodeSigned(value: number): string {
  let v = value < 0 ? ~(value * 2) : value * 2;
  let out = '';
  while (v >= 0x20) {
    out += String.fromCharCode((0x20 | (v & 0x1f)) + 63);
    v = Math.floor(v / 32);
  }
  return out + String.fromCharCode(v + 63);
}

/** Decodes to [lat, lon] pairs; null when the string is not a valid polyline. */
export function decodePolyline(text: string, precision: 5 | 6 = 5): [number, number][] | null {
  const factor = 10 ** precision;
  const points: [number, number][] = [];
  let index = 0, lat = 0, lon = 0;
  const next = (): number | null => {
    let result = 0, shift = 1, byte: number;
    do {
      if (index >= text.length) return null;
      byte = text.charCodeAt(index++) - 63;
      if (byte < 0 || byte > 0x3f) return null;
      result += (byte & 0x1f) * shift;
      shift *= 32;
    } while (byte >= 0x20);
    return result % 2 === 1 ? -(result + 1) / 2 : result / 2;
  };
  while (index < text.length) {
    const dLat = next(), dLon = next();
    if (dLat === null || dLon === null) return null;
    lat += dLat;
    lon += dLon;
    points.push([lat / factor, lon / factor]);
  }
  return points;
}
