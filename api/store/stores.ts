// All stores bound to one Queryable: `app.store` (autocommit) or the `tx` argument of `app.tx(fn)` (one transaction).
import type { Queryable } from '../db/database.js';
import { CouriersStore } from './couriers-store.js';
import { CustomersStore } from './customers-store.js';
import { EventsStore, type EventRecord } from './events-store.js';
import { FleetsStore } from './fleets-store.js';
import { IdempotencyStore } from './idempotency-store.js';
import { MarketsStore } from './markets-store.js';
import { OrdersStore } from './orders-store.js';
import { PlansStore } from './plans-store.js';
import { StallsStore } from './stalls-store.js';
import { TokensStore } from './tokens-store.js';

export interface Stores {
  /** The Queryable the stores run on: raw SQL inside the same transaction. */
  readonly q: Queryable;
  readonly markets: MarketsStore;
  readonly stalls: StallsStore;
  readonly customers: CustomersStore;
  readonly orders: OrdersStore;
  readonly fleets: FleetsStore;
  readonly couriers: CouriersStore;
  readonly plans: PlansStore;
  readonly events: EventsStore;
  readonly idempotency: IdempotencyStore;
  readonly tokens: TokensStore;
}

/** Binds every store to `q`; `onAppend` hears every event appended through them. */
export function createStores(q: Queryable, onAppend?: (record: EventRecord) => void): Stores {
  return {
    q,
    markets: new MarketsStore(q),
    stalls: new StallsStore(q),
    customers: new CustomersStore(q),
    orders: new OrdersStore(q),
    fleets: new FleetsStore(q),
    couriers: new CouriersStore(q),
    plans: new PlansStore(q),
    events: new EventsStore(q, onAppend),
    idempotency: new IdempotencyStore(q),
    tokens: new TokensStore(q),
  };
}
