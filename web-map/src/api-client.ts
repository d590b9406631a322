// REST client for the browser: bearer token, JSON bodies, an Idempotency-Key on every POST, problem+json as ProblemError.

/** An RFC 9457 problem answered by the API. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(readonly status: number, readonly code: string, detail: string, readonly problem: Record<string, unknown> = {}) {
    super(detail);
  }
}

/** A fresh idempotency key (random UUID; falls back to time + random where crypto.randomUUID is missing). */
export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export interface PostOptions { idempotencyKey?: string; headers?: Record<string, string> }

export class ApiClient {
  constructor(public token: string, private readonly base = '') {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { accept: 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...extra };
  }

  private async parse<T>(response: Response): Promise<T> {
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const problem = (body ?? {}) as Record<string, unknown>;
      throw new ProblemError(response.status, String(problem.code ?? `http_${response.status}`), String(problem.detail ?? response.statusText), problem);
    }
    return body as T;
  }

  async get<T>(path: string): Promise<T> {
    return this.parse<T>(await fetch(this.base + path, { headers: this.headers() }));
  }

  /** Follows cursor pages (`{ data, next_cursor }` or `{ items, nextCursor }`) up to `maxPages`. */
  async getAll<T>(path: string, maxPages = 20): Promise<T[]> {
    const out: T[] = [];
    let cursor = '';
    for (let page = 0; page < maxPages; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const body = await this.get<unknown>(cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
      if (Array.isArray(body)) return body as T[];
      const o = body as Record<string, unknown>;
      const items = (o.data ?? o.items ?? []) as T[];
      out.push(...items);
      const next = o.next_cursor ?? o.nextCursor ?? (o.page as Record<string, unknown> | undefined)?.next_cursor;
      if (typeof next !== 'string' || next === '') break;
      cursor = next;
    }
    return out;
  }

  async post<T>(path: string, body: unknown = {}, options: PostOptions = {}): Promise<T> {
    const response = await fetch(this.base + path, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json', 'idempotency-key': options.idempotencyKey ?? newIdempotencyKey(), ...options.headers }),
      body: JSON.stringify(body),
    });
    return this.parse<T>(response);
  }
}
