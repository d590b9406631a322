// OsrmHttpClient: GETs OSRM v5 service URLs over a keep-alive undici Agent with timeouts; returns the JSON or throws EngineErrors.
import { Agent, request } from 'undici';
import { osrmAnswerError, osrmUnavailable } from './osrm-errors.js';

export interface OsrmHttpClientOptions {
  /** Whole-request deadline (connect + headers + body), ms. Default 10,000. */
  readonly timeoutMs?: number;
  /** TCP connect deadline, ms. Default 3,000. */
  readonly connectTimeoutMs?: number;
  /** Keep-alive sockets per origin. Default 8. */
  readonly connections?: number;
}

/** Socket-level failures worth one retry (not timeouts, not refused connections). */
function isStaleSocket(cause: unknown): boolean {
  const code = (cause as NodeJS.ErrnoException)?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}

/** Low-level OSRM v5 transport: one keep-alive connection pool per client. */
export class OsrmHttpClient {
  readonly baseUrl: string;
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, options: OsrmHttpClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.agent = new Agent({
      connections: options.connections ?? 8,
      keepAliveTimeout: 4_000, // below common server idle timeouts (nginx 75 s, node 5 s)
      connect: { timeout: options.connectTimeoutMs ?? 3_000 },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  /** GET `/{service}/v1/{profile}/{coordinates}?{query}` and return the parsed `Ok` body. */
  async get<T>(service: string, profile: string, coordinates: string, query: Readonly<Record<string, string>> = {}): Promise<T> {
    const search = new URLSearchParams(query).toString().replace(/%3B/gi, ';').replace(/%2C/gi, ',');
    const url = `${this.baseUrl}/${service}/v1/${encodeURIComponent(profile)}/${coordinates}${search ? `?${search}` : ''}`;
    let statusCode = 0;
    let text = '';
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await request(url, { method: 'GET', dispatcher: this.agent, signal: AbortSignal.timeout(this.timeoutMs) });
        statusCode = response.statusCode;
        text = await response.body.text();
        break;
      } catch (cause) {
        // A pooled keep-alive socket the server closed while idle fails at once: retry a GET once on a fresh one.
        if (attempt === 1 && isStaleSocket(cause)) continue;
        const reason = cause instanceof Error ? `${(cause as NodeJS.ErrnoException).code ?? cause.name}: ${cause.message}` : String(cause);
        throw osrmUnavailable(this.baseUrl, reason, cause);
      }
    }
    let body: { code?: unknown; message?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch (cause) {
      throw osrmUnavailable(this.baseUrl, `HTTP ${statusCode} with a non-JSON body`, cause);
    }
    if (body && body.code === 'Ok' && statusCode === 200) return body as T;
    if (body && typeof body.code === 'string') throw osrmAnswerError(body.code, typeof body.message === 'string' ? body.message : '', url);
    throw osrmUnavailable(this.baseUrl, `HTTP ${statusCode} without an OSRM code`);
  }

  /** Closes the pooled sockets. */
  async close(): Promise<void> {
    await this.agent.close();
  }
}
