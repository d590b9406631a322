// Opaque cursors: base64url JSON of the last key seen; lists fetch limit + 1 rows to know whether a next page exists.
import { ApiError } from '../errors.js';

/** The position after which the next page starts: the last row's id (or seq, as a string). */
interface CursorBody {
  readonly a: string;
}

export function encodeCursor(after: string | number): string {
  return Buffer.from(JSON.stringify({ a: String(after) } satisfies CursorBody)).toString('base64url');
}

/** The key a cursor points after, or undefined without a cursor; a tampered cursor → 400 `bad_cursor`. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
    if (typeof body.a !== 'string' || body.a.length === 0 || body.a.length > 200) throw new Error('shape');
    return body.a;
  } catch {
    throw new ApiError('bad_cursor', 'the cursor was not issued by this API', [{ path: '/querystring/cursor', message: 'is not a valid cursor' }]);
  }
}

/** Cuts `rows` (fetched with limit + 1) to a page and its next cursor. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => string | number): { data: T[]; next_cursor: string | null } {
  if (rows.length <= limit) return { data: rows, next_cursor: null };
  const data = rows.slice(0, limit);
  return { data, next_cursor: encodeCursor(keyOf(data[data.length - 1])) };
}
