// Transition POSTs whose body is optional: a request without a body is validated (and hashed for idempotency) as `{}`.
import type { FastifyInstance } from 'fastify';

/** Adds the hook to the routes of `app` (an encapsulated route plugin). */
export function treatMissingBodyAsEmpty(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && request.body === undefined) request.body = {};
  });
}
