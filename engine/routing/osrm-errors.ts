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

/** The engine error for an OSRM error body (`code`, `message`) received from `url`. */
export function osrmAnswerError(code: string, message: string, url: string): EngineError {
  const text = `OSRM ${code}: ${message} (${url})`;
  return BY_OSRM_CODE[code]?.(text) ?? new RoutingError('osrm_error', text);
}

/** RoutingError `routing_unavailable` for a server that cannot be reached, times out or answers garbage. */
export function osrmUnavailable(baseUrl: string, reason: string, cause?: unknown): RoutingError {
  return new RoutingError('routing_unavailable', `OSRM at ${baseUrl} is unavailable: ${reason}`, undefined, { cause });
}
