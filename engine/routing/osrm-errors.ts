// Maps OSRM answers and transport failures onto the engine's error vocabulary (stable snake_case codes).
import { type EngineError, InputError, RoutingError } from '../errors.js';

/** OSRM error code → engine error. Input-shaped codes become InputError; network-shaped ones RoutingError. */
const BY_OSRM_CODE: Readonly<Record<string, (message: string) => EngineError>> = {
  NoSegment: (m) => new RoutingError('no_segment', m, 'coordinates'),
  NoRoute: (m) => new RoutingError('no_route', m),
  NoTable: (m) => new RoutingError('no_route', m),
  TooBig: (m) => new InputError('too_many_coordinates', m, 'coordinates'),
  InvalidValue: (m) => new InputError('invalid_value', m),
  InvalidOptions: (m) => new InputError('invalid_options', m),
  InvalidQuery: (m) => new InputError('invalid_query', m),
  InvalidUrl: (m) => new InputError('invalid_url', m),
};

/** Longest URL quoted in an error message (a 10,000-point table URL is 200 kB). */
const URL_IN_MESSAGE = 160;

/** The engine error for an OSRM error body (`code`, `message`) received from `url` with HTTP `statusCode`. */
export function osrmAnswerError(code: string, message: string, url: string, statusCode = 400): EngineError {
  const shown = url.length > URL_IN_MESSAGE ? `${url.slice(0, URL_IN_MESSAGE)}…` : url;
  const text = `OSRM ${code}: ${message} (${shown})`;
  // 429 and 5xx: the server is overloaded or broken, whatever its body says.
  if (statusCode === 429 || statusCode >= 500) return new RoutingError('routing_unavailable', `${text}, HTTP ${statusCode}`);
  return BY_OSRM_CODE[code]?.(text) ?? new RoutingError('osrm_error', text);
}

/** Engine error codes that are a server's normal answer about the request (it is up): never a reason to fall back. */
export const ANSWER_ERROR_CODES: ReadonlySet<string> = new Set(['no_segment', 'no_route']);

/** RoutingError `routing_unavailable` for a server that cannot be reached, times out or answers garbage. */
export function osrmUnavailable(baseUrl: string, reason: string, cause?: unknown): RoutingError {
  return new RoutingError('routing_unavailable', `OSRM at ${baseUrl} is unavailable: ${reason}`, undefined, { cause });
}
