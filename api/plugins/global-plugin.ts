// Marks a plugin as not encapsulated (its decorators and hooks reach the whole app), like fastify-plugin does.
import type { FastifyPluginAsync } from 'fastify';

/** Returns `plugin` flagged with fastify's `skip-override` symbol and a display name for errors and logs. */
export function globalPlugin<Options extends Record<string, unknown> = Record<string, unknown>>(
  name: string,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  const marked = plugin as FastifyPluginAsync<Options> & Record<symbol, unknown>;
  marked[Symbol.for('skip-override')] = true;
  marked[Symbol.for('fastify.display-name')] = name;
  return marked;
}
