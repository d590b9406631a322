// The one database contract the API uses, implemented by PostgreSQL (pg Pool) and PGlite (in-process) back ends.

/** Rows of one statement; `rowCount` counts affected rows for writes. */
export interface QueryResult<T> {
  readonly rows: T[];
  readonly rowCount: number;
}

/** Anything that runs SQL: the database itself or a transaction-scoped client. Parameters are `$1…$n`. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
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
