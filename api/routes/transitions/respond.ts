// Shared tail of every transition route: ETag from the new version, the `{ id, status, version }` body.
import type { FastifyReply } from 'fastify';
import { setVersionTag } from '../../http/concurrency.js';
import type { TransitionResult } from '../../schemas/transitions.js';

/** Sends the entity's new state; the version doubles as the ETag for the next If-Match. */
export function sendState(reply: FastifyReply, row: { id: string; status: string; version: number }): TransitionResult {
  const version = Number(row.version);
  setVersionTag(reply, version);
  return { id: row.id, status: row.status, version };
}
