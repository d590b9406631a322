// Applies the operation catalogue (operation-docs.ts) to the OpenAPI document: description with the roles that may
// call, declared headers, request body examples and problem+json error responses. Documentation only: the route
// schemas that validate requests are left untouched.
import { ProblemSchema } from './common.js';
import { OPERATION_DOCS, type DocumentedHeader, type OperationDoc } from './operation-docs.js';

/** The catalogue key of a route: `METHOD /url` as fastify spells it (`/v1/markets/:id`), without a trailing slash. */
export const operationKey = (method: string, url: string): string => `${method.toUpperCase()} ${url.length > 1 ? url.replace(/\/$/, '') : url}`;

const HEADER_SCHEMAS: Record<DocumentedHeader, { type: 'string'; description: string }> = {
  'idempotency-key': { type: 'string', description: 'Any unique string (a UUID) per intended write. Repeats within 24 h replay the first answer (`idempotent-replayed: true`); the same key with another body is 422 `idempotency_key_reused`.' },
  'if-match': { type: 'string', description: 'The version (ETag) you read, e.g. `"3"`. When the resource has moved on the answer is 409 `version_conflict` and nothing changes.' },
  'x-occurred-at': { type: 'string', description: 'ISO 8601 time the action really happened, for actions taken offline and replayed later (not in the future, at most 24 h back).' },
};

const STATUS_WORDS: Record<number, string> = {
  400: 'The request does not validate (`validation_failed`, with `errors[].path`)',
  401: 'No credential, or an unknown, expired or revoked one',
  403: 'The caller\'s role or scope does not allow this',
  404: 'No such resource, or one the caller may not see',
  409: 'The resource\'s state or version does not allow this now (`illegal_transition` with `current_state`, `version_conflict`)',
  422: 'Well-formed but not acceptable (unknown references, a reused Idempotency-Key, business rules)',
  429: 'Too many requests for this credential; wait `Retry-After` seconds',
};

type RouteLike = { readonly method: string | readonly string[]; readonly url: string; readonly config?: unknown };
type Schema = Record<string, any>;

/** The roles line of a description: who may call (from the route's `config.roles`), or public. */
function rolesOf(route: RouteLike): readonly string[] {
  const config = (route.config ?? {}) as { roles?: readonly string[]; public?: boolean };
  return config.roles && config.roles.length > 0 && !config.public ? config.roles : [];
}

function headersOf(method: string, doc: OperationDoc): DocumentedHeader[] {
  const headers = new Set<DocumentedHeader>(doc.headers ?? []);
  if (method === 'POST') headers.add('idempotency-key');
  return [...headers];
}

/** problem+json for every error status the route declares, with the catalogue's extra words. */
function errorResponses(response: Schema | undefined, doc: OperationDoc): Schema | undefined {
  if (!response) return response;
  const out: Schema = {};
  for (const [status, schema] of Object.entries(response)) {
    const code = Number(status);
    if (code < 400) { out[status] = schema; continue; }
    const words = [STATUS_WORDS[code] ?? 'Error', doc.errors?.[code]].filter(Boolean).join('; ');
    out[status] = { description: `${words} (RFC 9457 problem+json with a stable \`code\`)`, content: { 'application/problem+json': { schema: ProblemSchema } } };
  }
  return out;
}

/** The documented schema of one route, for @fastify/swagger's `transform`; routes without an entry pass unchanged. */
export function documentOperation({ schema = {}, url, route }: { schema?: Schema; url: string; route: RouteLike }): { schema: Schema; url: string } {
  if (schema.hide) return { schema, url };
  const method = (typeof route.method === 'string' ? route.method : route.method[0]).toUpperCase();
  const doc = OPERATION_DOCS[operationKey(method, url)];
  if (!doc) return { schema, url };
  const roles = rolesOf(route);
  const rolesLine = roles.length > 0 ? `**Roles:** ${roles.join(', ')}.` : '**Roles:** public (no credential needed).';
  const headers = headersOf(method, doc);
  const documented: Schema = {
    ...schema,
    summary: schema.summary ?? doc.summary,
    description: `${doc.description}\n\n${rolesLine}`,
    'x-roles': roles.length > 0 ? [...roles] : ['public'],
    response: errorResponses(schema.response, doc),
  };
  if (headers.length > 0) {
    const declared: Schema = { ...(schema.headers?.properties ?? {}) };
    for (const h of headers) declared[h] = HEADER_SCHEMAS[h];
    documented.headers = { type: 'object', properties: declared };
  }
  if (schema.body && doc.example !== undefined) documented.body = { ...schema.body, examples: [doc.example] };
  return { schema: documented, url };
}
