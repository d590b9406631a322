// A RoutingProvider that degrades instead of failing: calls go to the primary (e.g. OSRM over HTTP); when it fails,
// the fallback answers (the embedded router, or straight lines) and the provider reports itself degraded until
// the primary answers again (retried at most every `retryAfterMs`).
import { ANSWER_ERROR_CODES } from './osrm-errors.js';
import type { LonLat, Route, RoutingProvider, SnappedPoint, TableRequest, TravelTable } from './routing-provider.js';

export interface RoutingHealth {
  /** The provider answering now. */
  readonly active: string;
  readonly primary: string;
  readonly fallback: string;
  readonly degraded: boolean;
  /** Why the primary was left (its last error), null when healthy. */
  readonly reason: string | null;
  /** When the provider degraded (ISO 8601), null when healthy. */
  readonly since: string | null;
  /** True when the answers are straight-line estimates, not road travel times. */
  readonly estimated: boolean;
}

export interface FallbackOptions {
  /** How long to stay on the fallback before the primary is tried again (ms, default 30 s). */
  readonly retryAfterMs?: number;
  /** The fallback answers straight-line estimates (flagged in the health). */
  readonly fallbackIsEstimate?: boolean;
  readonly onChange?: (health: RoutingHealth) => void;
}

export class FallbackRoutingProvider implements RoutingProvider {
  readonly name: string;
  private degradedAtMs: number | null = null;
  private lastTryMs = 0;
  private reason: string | null = null;

  constructor(readonly primary: RoutingProvider, readonly fallback: RoutingProvider, private readonly options: FallbackOptions = {}) {
    this.name = `${primary.name} (fallback ${fallback.name})`;
  }

  health(): RoutingHealth {
    const degraded = this.degradedAtMs !== null;
    return {
      active: degraded ? this.fallback.name : this.primary.name, primary: this.primary.name, fallback: this.fallback.name, degraded,
      reason: this.reason, since: degraded ? new Date(this.degradedAtMs!).toISOString() : null, estimated: degraded && (this.options.fallbackIsEstimate ?? false),
    };
  }

  table(request: TableRequest): Promise<TravelTable> {
    return this.call((p) => p.table(request));
  }

  route(waypoints: readonly LonLat[]): Promise<Route> {
    return this.call((p) => p.route(waypoints));
  }

  nearest(point: LonLat, count?: number): Promise<SnappedPoint[]> {
    return this.call((p) => p.nearest(point, count));
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.primary.close?.(), this.fallback.close?.()]);
  }

  private recovered(): void {
    if (this.degradedAtMs === null) return;
    this.degradedAtMs = null;
    this.reason = null;
    this.options.onChange?.(this.health());
  }

  private async call<T>(fn: (provider: RoutingProvider) => Promise<T>): Promise<T> {
    const nowMs = Date.now();
    if (this.degradedAtMs !== null && nowMs - this.lastTryMs < (this.options.retryAfterMs ?? 30_000)) return fn(this.fallback);
    this.lastTryMs = nowMs;
    try {
      const answer = await fn(this.primary);
      this.recovered();
      return answer;
    } catch (error) {
      const { kind, code } = error as { kind?: unknown; code?: unknown };
      if (kind === 'input') throw error; // the request's fault, not the provider's
      if (typeof code === 'string' && ANSWER_ERROR_CODES.has(code)) { // NoSegment / NoRoute: an answer, so the primary is up
        this.recovered();
        throw error;
      }
      const first = this.degradedAtMs === null;
      this.degradedAtMs ??= nowMs;
      this.reason = error instanceof Error ? error.message : String(error);
      if (first) this.options.onChange?.(this.health());
      return fn(this.fallback);
    }
  }
}
