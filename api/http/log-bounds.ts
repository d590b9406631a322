// Log lines stay bounded: error messages, stacks and request URLs (which can echo a caller's field, e.g. a 1 MB
// courier_id in a refusal) are cut to a fixed length before they reach the log.
import type { FastifyServerOptions } from 'fastify';

/** Characters of a message or URL kept in a log line. */
export const MAX_LOGGED_CHARS = 500;

/** `text` cut to `max` characters, saying how long it was. */
export function clip(text: string, max = MAX_LOGGED_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

/** An error as a bounded log object (message, code, stack, and the same for its cause). */
export function boundedError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: clip(String(error)) };
  const e = error as Error & { code?: unknown; statusCode?: unknown };
  return {
    type: e.name, message: clip(e.message),
    ...(e.code !== undefined ? { code: clip(String(e.code), 100) } : {}),
    ...(e.statusCode !== undefined ? { statusCode: e.statusCode } : {}),
    stack: clip(e.stack ?? '', 4 * MAX_LOGGED_CHARS),
    ...(e.cause !== undefined && depth < 2 ? { cause: boundedError(e.cause, depth + 1) } : {}),
  };
}

interface LoggedRequest { method?: string; url?: string; id?: string; ip?: string }

/** The logger configuration with bounded `err` and `req` serializers; a logger instance or `false` is left alone. */
export function boundedLogger(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return logger;
  const config = (logger === true ? {} : logger) as Record<string, unknown>;
  if (typeof config.info === 'function') return logger;
  return {
    ...config,
    serializers: {
      ...(config.serializers as Record<string, unknown> | undefined),
      err: (error: unknown) => boundedError(error),
      req: (request: LoggedRequest) => ({ method: request.method, url: clip(String(request.url ?? ''), 300), id: request.id, remoteAddress: request.ip }),
    },
  } as unknown as FastifyServerOptions['logger'];
}
