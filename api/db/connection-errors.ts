// Tells a lost or refused database connection (server down, restarting, restarted under an open session, pool
// unable to connect) from every other database error: those requests are answered 503 and may be retried.

/** Socket-level failures reaching the database server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of a server going away or not accepting sessions: class 08, admin/crash shutdown, starting up, too many connections. */
const SERVER_GONE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** pg's own messages for a connection that ended or could not be made (these errors carry no code). */
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/** True when `error` (or its cause, or one of an AggregateError's errors) is a lost or refused database connection. */
export function isConnectionLost(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE.test(code))) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some(isConnectionLost)) return true;
  }
  return false;
}

/** Marks an error thrown by COMMIT itself: the transaction may or may not have committed. */
export class CommitOutcomeUnknown extends Error {
  override readonly name = 'CommitOutcomeUnknown';
  constructor(override readonly cause: unknown) {
    super(`the connection was lost during COMMIT: ${(cause as Error)?.message ?? String(cause)}`);
  }
}
