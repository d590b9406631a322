// Socket.IO origin check: a browser handshake must come from the page's own host or an allow-listed origin (the
// REST CORS list); clients without an Origin header (couriers' apps, servers) pass and authenticate with tokens.
import type { IncomingMessage } from 'node:http';

/** True when a handshake with these headers may proceed. */
export function originAllowed(request: Pick<IncomingMessage, 'headers'>, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return typeof request.headers.host === 'string' && host === request.headers.host.toLowerCase();
}

/** A Socket.IO `allowRequest` refusing disallowed origins with `origin not allowed`. */
export function originGuard(allowed: readonly string[]): (req: IncomingMessage, fn: (err: string | null | undefined, success: boolean) => void) => void {
  return (req, fn) => (originAllowed(req, allowed) ? fn(null, true) : fn('origin not allowed', false));
}
