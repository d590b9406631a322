// Parses an OSRM v5 URL (`/{service}/v1/{profile}/{coordinates}[.json]?{options}`) into a typed request, refusing
// what osrm-routed refuses with its codes: InvalidUrl, InvalidService, InvalidVersion, InvalidQuery, InvalidValue.
import {
  isValidLonLat, OsrmCodeError, parseCoordinates,
  type OsrmMatchRequest, type OsrmNearestRequest, type OsrmRouteRequest, type OsrmTableRequest, type OsrmTripRequest,
} from '../../engine/index.js';

export type OsrmServiceName = 'route' | 'table' | 'nearest' | 'trip' | 'match';

export type ParsedOsrmRequest =
  | { service: 'route'; request: OsrmRouteRequest }
  | { service: 'table'; request: OsrmTableRequest }
  | { service: 'nearest'; request: OsrmNearestRequest }
  | { service: 'trip'; request: OsrmTripRequest }
  | { service: 'match'; request: OsrmMatchRequest };

const SERVICES = ['route', 'table', 'nearest', 'trip', 'match', 'tile'];
const COMMON = ['bearings', 'radiuses', 'generate_hints', 'hints', 'approaches', 'exclude', 'snapping', 'skip_waypoints'];
/** `language` is a jejaring extension (step instructions); osrm-routed would refuse it. */
const GEOMETRY = ['steps', 'annotations', 'geometries', 'overview', 'language'];
const ALLOWED: Readonly<Record<OsrmServiceName, readonly string[]>> = {
  route: [...COMMON, ...GEOMETRY, 'alternatives', 'continue_straight', 'waypoints'],
  table: [...COMMON, 'sources', 'destinations', 'annotations', 'fallback_speed', 'fallback_coordinate', 'scale_factor'],
  nearest: [...COMMON, 'number'],
  trip: [...COMMON, ...GEOMETRY, 'roundtrip', 'source', 'destination'],
  match: [...COMMON, ...GEOMETRY, 'timestamps', 'gaps', 'tidy', 'waypoints'],
};

const malformed = (key: string): OsrmCodeError => new OsrmCodeError('InvalidQuery', `Query string malformed close to parameter "${key}"`);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;

function bool(value: string, key: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw malformed(key);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], key: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw malformed(key);
  return value as T;
}

function number(value: string, key: string): number {
  if (!NUMBER.test(value)) throw malformed(key);
  return Number(value);
}

function indices(value: string, key: string): number[] | undefined {
  if (value === 'all') return undefined;
  const parts = value.split(';');
  if (!parts.every((p) => /^\d+$/.test(p))) throw malformed(key);
  return parts.map(Number);
}

/** `a;b;;c` with one parser per non-empty entry (empty: the default). */
function perCoordinate<T>(value: string, key: string, parse: (part: string) => T): (T | undefined)[] {
  return value.split(';').map((part) => (part === '' ? undefined : parse(part)));
}

/** Splits the raw query string; repeated keys are malformed, as in OSRM's grammar. */
function queryPairs(rawQuery: string): Map<string, string> {
  const pairs = new Map<string, string>();
  if (!rawQuery) return pairs;
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    let key: string, value: string;
    try {
      key = decodeURIComponent(eq < 0 ? piece : piece.slice(0, eq));
      value = decodeURIComponent(eq < 0 ? '' : piece.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      throw new OsrmCodeError('InvalidQuery', 'Query string malformed: bad percent-encoding');
    }
    if (pairs.has(key)) throw malformed(key);
    pairs.set(key, value);
  }
  return pairs;
}

/** Parses `path` (after the mount prefix, starting with '/') and the raw query string. */
export function parseOsrmRequest(path: string, rawQuery: string): ParsedOsrmRequest {
  const parts = path.replace(/^\/+/, '').split('/');
  if (parts.length < 4 || parts.slice(0, 4).some((p) => p === '')) throw new OsrmCodeError('InvalidUrl', `URL string malformed close to "${path.slice(-20)}"`);
  const [service, version, , ...rest] = parts;
  if (!SERVICES.includes(service)) throw new OsrmCodeError('InvalidService', `Service ${service} not found!`);
  if (version !== 'v1') throw new OsrmCodeError('InvalidVersion', `Service ${service} not found!`);
  if (service === 'tile') throw new OsrmCodeError('NotImplemented', 'The tile service is not served by jejaring');
  let coordinateText: string;
  try {
    coordinateText = decodeURIComponent(rest.join('/'));
  } catch {
    throw new OsrmCodeError('InvalidQuery', 'Query string malformed close to the coordinates');
  }
  if (coordinateText.endsWith('.json')) coordinateText = coordinateText.slice(0, -5);
  const coordinates = parseCoordinates(coordinateText);
  if (!coordinates) throw new OsrmCodeError('InvalidQuery', `Query string malformed close to "${coordinateText.slice(0, 40)}"`);
  coordinates.forEach(([lon, lat], i) => {
    if (!isValidLonLat(lon, lat)) throw new OsrmCodeError('InvalidValue', `Invalid coordinate value at index ${i}: ${lon},${lat}`);
  });
  const name = service as OsrmServiceName;
  const pairs = queryPairs(rawQuery);
  for (const key of pairs.keys()) if (!ALLOWED[name].includes(key)) throw malformed(key);
  const get = (key: string): string | undefined => pairs.get(key);
  const common = {
    coordinates,
    radiuses: map(get('radiuses'), (v) => perCoordinate(v, 'radiuses', (p) => {
      if (p === 'unlimited') return null;
      const r = number(p, 'radiuses');
      if (r < 0) throw malformed('radiuses');
      return r;
    })),
    bearings: map(get('bearings'), (v) => perCoordinate(v, 'bearings', (p) => {
      const m = /^(\d+),(\d+)$/.exec(p);
      if (!m) throw malformed('bearings');
      const value = Number(m[1]), range = Number(m[2]);
      if (value > 360 || range > 180) throw new OsrmCodeError('InvalidOptions', 'Bearings must be in the range 0-360 with a range of 0-180');
      return [value, range] as const;
    })),
    approaches: map(get('approaches'), (v) => perCoordinate(v, 'approaches', (p) => oneOf(p, ['curb', 'opposite', 'unrestricted'] as const, 'approaches'))),
    hints: map(get('hints'), (v) => perCoordinate(v, 'hints', (p) => {
      if (!/^[A-Za-z0-9_-]+={0,2}$/.test(p) || p.length < 16) throw malformed('hints');
      return p;
    })),
    exclude: map(get('exclude'), (v) => v.split(',').map((c) => { if (!/^[a-z_]+$/.test(c)) throw malformed('exclude'); return c; })),
    generateHints: map(get('generate_hints'), (v) => bool(v, 'generate_hints')),
    skipWaypoints: map(get('skip_waypoints'), (v) => bool(v, 'skip_waypoints')),
  };
  map(get('snapping'), (v) => oneOf(v, ['default', 'any'], 'snapping'));
  const geometry = {
    steps: map(get('steps'), (v) => bool(v, 'steps')),
    geometries: map(get('geometries'), (v) => oneOf(v, ['polyline', 'polyline6', 'geojson'] as const, 'geometries')),
    overview: map(get('overview'), (v) => oneOf(v, ['simplified', 'full', 'false'] as const, 'overview')),
    language: map(get('language'), (v) => oneOf(v, ['id', 'en'] as const, 'language')),
    annotations: map(get('annotations'), (v) => {
      if (v === 'true') return ['duration', 'distance', 'speed', 'nodes', 'weight', 'datasources'] as const;
      if (v === 'false') return [];
      return v.split(',').map((a) => oneOf(a, ['duration', 'distance', 'speed', 'nodes', 'weight', 'datasources'] as const, 'annotations'));
    }),
  };
  switch (name) {
    case 'route':
      return { service: name, request: {
        ...common, ...geometry,
        alternatives: map(get('alternatives'), (v) => (v === 'true' ? 1 : v === 'false' ? 0 : /^\d+$/.test(v) ? Number(v) : (() => { throw malformed('alternatives'); })())),
        continueStraight: map(get('continue_straight'), (v) => (v === 'default' ? undefined : bool(v, 'continue_straight'))),
        waypoints: map(get('waypoints'), (v) => indices(v, 'waypoints')),
      } };
    case 'table':
      return { service: name, request: {
        ...common,
        sources: map(get('sources'), (v) => indices(v, 'sources')),
        destinations: map(get('destinations'), (v) => indices(v, 'destinations')),
        annotations: map(get('annotations'), (v) => v.split(',').map((a) => oneOf(a, ['duration', 'distance'] as const, 'annotations'))),
        fallbackSpeedMs: map(get('fallback_speed'), (v) => number(v, 'fallback_speed')),
        fallbackCoordinate: map(get('fallback_coordinate'), (v) => oneOf(v, ['input', 'snapped'] as const, 'fallback_coordinate')),
        scaleFactor: map(get('scale_factor'), (v) => number(v, 'scale_factor')),
      } };
    case 'nearest':
      return { service: name, request: { ...common, number: map(get('number'), (v) => { if (!/^\d+$/.test(v)) throw malformed('number'); return Number(v); }) } };
    case 'trip':
      return { service: name, request: {
        ...common, ...geometry,
        roundtrip: map(get('roundtrip'), (v) => bool(v, 'roundtrip')),
        source: map(get('source'), (v) => oneOf(v, ['any', 'first'] as const, 'source')),
        destination: map(get('destination'), (v) => oneOf(v, ['any', 'last'] as const, 'destination')),
      } };
    case 'match':
      return { service: name, request: {
        ...common, ...geometry,
        timestamps: map(get('timestamps'), (v) => v.split(';').map((t) => { if (!/^\d+$/.test(t)) throw malformed('timestamps'); return Number(t); })),
        gaps: map(get('gaps'), (v) => oneOf(v, ['split', 'ignore'] as const, 'gaps')),
        tidy: map(get('tidy'), (v) => bool(v, 'tidy')),
      } };
  }
}

function map<T>(value: string | undefined, parse: (value: string) => T): T | undefined {
  return value === undefined ? undefined : parse(value);
}
