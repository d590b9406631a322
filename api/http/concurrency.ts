// Optimistic concurrency: versions travel as ETag `"<n>"`; `If-Match` states the version a change expects.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

/** The version an `If-Match: "3"` (or `W/"3"`, or bare `3`) header asks for; undefined without the header. */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) throw new ApiError('validation_failed', 'If-Match must be a version ETag like "3"', [{ path: '/headers/if-match', message: 'is not a version' }]);
  return Number(match[1]);
}

/** Like `expectedVersion` but the header is mandatory (428 without it). */
export function requiredVersion(request: FastifyRequest): number {
  const version = expectedVersion(request);
  if (version === undefined) throw new ApiError('precondition_required', 'send If-Match with the version you read');
  return version;
}

/** Sets the ETag of a versioned resource. */
export function setVersionTag(reply: FastifyReply, version: number): void {
  reply.header('etag', `"${version}"`);
}

/** 409 `version_conflict` carrying the current state, so the client can retry without another read. */
export function versionConflict(what: string, id: string, current: unknown): ApiError {
  return new ApiError('version_conflict', `${what} ${id} changed since you read it`, undefined, { current });
}

/** Throws `versionConflict` when `expected` is given and differs from the resource's version. */
export function assertVersion(expected: number | undefined, current: { id: string; version: number }, what: string): void {
  if (expected !== undefined && expected !== current.version) throw versionConflict(what, current.id, current);
}
