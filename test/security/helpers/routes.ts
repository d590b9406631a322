// The app's routes as the fuzzers and the authorisation matrix see them: read from its OpenAPI document, with the
// body schema, the query parameter names, and a path builder that fills `{param}` slots.
import type { FastifyInstance } from 'fastify';

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** OpenAPI path, e.g. `/v1/orders/{id}/cancel`. */
  readonly path: string;
  readonly params: readonly string[];
  readonly query: readonly string[];
  readonly body: Record<string, unknown> | null;
}

/** Every documented operation of `app` (after `ready()`), sorted for stable seeds. */
export function routesOf(app: FastifyInstance): RouteSpec[] {
  const spec = app.swagger() as { paths: Record<string, Record<string, any>> };
  const routes: RouteSpec[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const parameters = (op.parameters ?? []) as { in: string; name: string }[];
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      routes.push({
        method: method.toUpperCase() as RouteSpec['method'], path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body,
      });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** Lone surrogates cannot travel in a URL: they become U+FFFD, as a browser would send them. */
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** Fills each `{param}` with `value(param, resource)`, where resource is the path segment before the slot. */
export function fillPath(path: string, value: (param: string, resource: string) => string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string, offset: number) => {
    const before = path.slice(0, offset).split('/').filter(Boolean);
    return encodeURIComponent(wellFormed(value(name, before[before.length - 1] ?? '')));
  });
}

/** The counting statement per database: the project tables do not change while a test runs, so they are listed once. */
const countStatements = new WeakMap<FastifyInstance['db'], Promise<string | null>>();

async function countStatement(db: FastifyInstance['db']): Promise<string | null> {
  const tables = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') ORDER BY 1`,
  );
  if (tables.rows.length === 0) return null;
  return tables.rows.map((t) => `SELECT '${t.name}' AS name, count(*)::int AS n FROM "${t.name}"`).join(' UNION ALL ');
}

/** Rows of every project table (one query): unchanged when a request wrote nothing. */
export async function totalRows(app: FastifyInstance): Promise<Record<string, number>> {
  let pending = countStatements.get(app.db);
  if (!pending) countStatements.set(app.db, (pending = countStatement(app.db)));
  const sql = await pending;
  if (sql === null) return {};
  const counts = await app.db.query<{ name: string; n: number }>(sql);
  return Object.fromEntries(counts.rows.map((r) => [r.name, r.n]));
}
