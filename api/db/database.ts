// The one database contract the API uses, implemented by PostgreSQL (pg Pool) and PGlite (in-process) back ends.

/** Rows of one statement; `rowCount` counts affected rows for writes. */
export interface QueryResult<T> {
  readonly rows: T[];
  readonly rowCount: number;
}

/** Per-statement options. */
export interface QueryOptions {
  /**
   * Prepare the statement under this name (PostgreSQL: once per pooled connection, then only bind + execute, no
   * parse and plan per call). The same name must always carry the same text (`preparedName(sql)` derives it).
   * Hot paths only; PGlite ignores it.
   */
  readonly name?: string;
}

/** Anything that runs SQL: the database itself or a transaction-scoped client. Parameters are `$1…$n`. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  /** Runs several `;`-separated statements without parameters (migrations, truncation). */
  exec(sql: string): Promise<void>;
}

export type BackendKind = 'postgres' | 'pglite';

/** A database: one SQL dialect (PostgreSQL 15+ with PostGIS) on either back end. */
export interface Database extends Queryable {
  readonly kind: BackendKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws (the error is rethrown). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Releases connections; the database is unusable afterwards. */
  close(): Promise<void>;
}

const preparedNames = new Map<string, string>();

/** A stable statement name for `sql` (for `QueryOptions.name`): the same text always gets the same name. Only for
 * the few fixed texts of hot paths (the names are remembered for the process's life). */
export function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) {
    let h = 2166136261; // FNV-1a over the text: names differ when texts differ (collisions checked below)
    for (let i = 0; i < sql.length; i++) h = Math.imul(h ^ sql.charCodeAt(i), 16777619) >>> 0;
    name = `jj_${h.toString(36)}_${sql.length}`;
    if ([...preparedNames.values()].includes(name)) name = `${name}_${preparedNames.size}`;
    preparedNames.set(sql, name);
  }
  return name;
}
