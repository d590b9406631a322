// OsrmHttpClient: GETs OSRM v5 service URLs over undici with timeouts; returns the JSON or throws EngineErrors.
import type { Agent } from 'undici';
import { osrmAnswerError, osrmUnavailable } from './osrm-errors.js';

export interface OsrmHttpClientOptions {
  /** Whole-request deadline (connect + headers + body), ms. Default 10,000. */
  readonly timeoutMs?: number;
  /** TCP connect deadline, ms. Default 3,000. */
  readonly connectTimeoutMs?: number;
  /** Sockets per origin (requests in flight at once). Default 8. */
  readonly connections?: number;
  /**
   * Keep sockets open between requests. Default false: osrm-routed writes a reply's headers and body in two
   * segments without TCP_NODELAY, so on a reused (interactive) connection the body waits for the client's delayed
   * ACK, about 40 ms per request; a fresh connection per request answers in well under a millisecond on loopback.
   */
  readonly reuseConnections?: boolean;
  /**
   * Requests sent on one kept-alive socket before the first answer arrives (HTTP/1.1 pipelining; implies
   * `reuseConnections`). Default 1 (none). With several requests queued, each new request carries the ACK the
   * osrm-routed stall waits for; a lone request still waits.
   */
  readonly pipelining?: number;
}

/** Socket-level failures worth one retry (not timeouts, not refused connections). */
function isStaleSocket(cause: unknown): boolean {
  const code = (cause as NodeJS.ErrnoException)?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}

/** A transport failure in words: "no answer within 5000 ms" rather than DOMException's "23: The operation was aborted". */
export function transportReason(cause: unknown, timeoutMs: number): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as NodeJS.ErrnoException).code;
  if (cause.name === 'TimeoutError' || cause.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return `no answer within ${timeoutMs} ms`;
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connection not accepted in time';
  return code ? `${code}: ${cause.message}` : cause.message;
}

/** undici, loaded with the first request (about 0.15 CPU-s that a server without OSRM never needs to spend). */
let undici: Promise<typeof import('undici')> | null = null;

/** Low-level OSRM v5 transport: one connection pool per client (made with its first request). */
export class OsrmHttpClient {
  readonly baseUrl: string;
  private agent: Agent | null = null;
  private closed = false;
  private readonly agentOptions: ConstructorParameters<typeof Agent>[0];
  private readonly timeoutMs: number;
  private readonly reuse: boolean;

  constructor(baseUrl: string, options: OsrmHttpClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const pipelining = options.pipelining ?? 1;
    this.reuse = (options.reuseConnections ?? false) || pipelining > 1;
    this.agentOptions = {
      connections: options.connections ?? 8,
      pipelining,
      keepAliveTimeout: 4_000, // below common server idle timeouts (nginx 75 s, node 5 s)
      connect: { timeout: options.connectTimeoutMs ?? 3_000 },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    };
  }

  /** GET `/{service}/v1/{profile}/{coordinates}?{query}` and return the parsed `Ok` body. */
  async get<T>(service: string, profile: string, coordinates: string, query: Readonly<Record<string, string>> = {}, version = 'v1'): Promise<T> {
    const search = new URLSearchParams(query).toString().replace(/%3B/gi, ';').replace(/%2C/gi, ',');
    const url = `${this.baseUrl}/${service}/${version}/${encodeURIComponent(profile)}/${coordinates}${search ? `?${search}` : ''}`;
    let statusCode = 0;
    let text = '';
    const { Agent: UndiciAgent, request } = await (undici ??= import('undici'));
    if (this.closed) throw osrmUnavailable(this.baseUrl, 'the client is closed');
    this.agent ??= new UndiciAgent(this.agentOptions);
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await request(url, { method: 'GET', dispatcher: this.agent, reset: !this.reuse, signal: AbortSignal.timeout(this.timeoutMs) });
        statusCode = response.statusCode;
        text = await response.body.text();
        break;
      } catch (cause) {
        // A pooled keep-alive socket the server closed while idle fails at once: retry a GET once on a fresh one.
        if (attempt === 1 && isStaleSocket(cause)) continue;
        throw osrmUnavailable(this.baseUrl, transportReason(cause, this.timeoutMs), cause);
      }
    }
    let body: { code?: unknown; message?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch (cause) {
      throw osrmUnavailable(this.baseUrl, `HTTP ${statusCode} with a non-JSON body`, cause);
    }
    if (body && body.code === 'Ok' && statusCode === 200) return body as T;
    if (body && typeof body.code === 'string') throw osrmAnswerError(body.code, typeof body.message === 'string' ? body.message : '', url, statusCode);
    throw osrmUnavailable(this.baseUrl, `HTTP ${statusCode} without an OSRM code`);
  }

  /** Closes the pooled sockets. */
  async close(): Promise<void> {
    this.closed = true;
    await this.agent?.close();
  }
}
