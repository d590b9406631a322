// All stores bound to one Queryable: `app.store` (autocommit) or the `tx` argument of `app.tx(fn)` (one transaction).
import type { Queryable } from '../db/database.js';
import type { EventRecord } from './events-store.js';
import { EventsStore } from './events-store.js';
import { FleetsStore } from './fleets-store.js';
import { IdempotencyStore } from './idempotency-store.js';
import { MarketsStore } from './markets-store.js';
import { TokensStore } from './tokens-store.js';

export interface Stores {
  /** The Queryable the stores run on: raw SQL inside the same transaction. */
  readonly q: Queryable;
  readonly markets: MarketsStore;
  readonly fleets: FleetsStore;
  readonly events: EventsStore;
  readonly idempotency: IdempotencyStore;
  readonly tokens: TokensStore;
}

/** Binds every store to `q`; `onAppend` hears every event appended through them. */
export function createStores(q: Queryable, onAppend?: (record: EventRecord) => void): Stores {
  return {
    q,
    markets: new MarketsStore(q),
    fleets: new FleetsStore(q),
    events: new EventsStore(q, onAppend),
    idempotency: new IdempotencyStore(q),
    tokens: new TokensStore(q),
  };
}
