// Messages between the API's thread and the thread that runs PGlite (pglite-thread.ts), and database errors across them.

/** What the API's thread asks; `tx` names an open transaction (the id of the `begin` that opened it). */
export type ThreadRequest =
  | { readonly id: number; readonly op: 'query'; readonly sql: string; readonly params?: readonly unknown[]; readonly tx?: number }
  | { readonly id: number; readonly op: 'exec'; readonly sql: string; readonly tx?: number }
  | { readonly id: number; readonly op: 'begin' }
  | { readonly id: number; readonly op: 'end'; readonly tx: number; readonly commit: boolean }
  | { readonly id: number; readonly op: 'close' };

/** The answer to request `id`: its value, or the error it failed with. Id 0 answers the start (the database is open). */
export type ThreadReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedDbError };

/** An error as it crosses the thread: its message, name and own fields (a database error's code, constraint, detail…). */
export interface SerializedDbError {
  readonly message: string;
  readonly name: string;
  readonly fields: Record<string, unknown>;
}

/** The thread-safe form of a database error; fields that cannot be cloned are left out. */
export function serializeDbError(error: unknown): SerializedDbError {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error', fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === 'function') continue;
    try {
      structuredClone(value);
      fields[key] = value;
    } catch {
      // not cloneable: dropped
    }
  }
  return { message: error.message, name: error.name, fields };
}

/** An Error carrying the message, name and fields of a serialized one, so `code`, `constraint` and `detail` read as before. */
export function deserializeDbError(error: SerializedDbError): Error {
  const rebuilt = Object.assign(new Error(error.message), error.fields);
  if (error.name !== 'Error') Object.defineProperty(rebuilt, 'name', { value: error.name, configurable: true, writable: true });
  return rebuilt;
}
