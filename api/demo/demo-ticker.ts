// The demo's quiet console: one line per minute saying what happened (orders, offers, deliveries, COD, couriers).
import type { FastifyInstance } from 'fastify';
import type { EventRecord } from '../store/events-store.js';

/** What one minute of committed events adds up to. */
export interface MinuteTally {
  ordersCreated: number;
  offersCreated: number;
  offersAccepted: number;
  offersDeclined: number;
  offersExpired: number;
  delivered: number;
  codCollectedRp: number;
  failed: number;
}

export const emptyTally = (): MinuteTally => ({ ordersCreated: 0, offersCreated: 0, offersAccepted: 0, offersDeclined: 0, offersExpired: 0, delivered: 0, codCollectedRp: 0, failed: 0 });

/** Adds one committed event to the tally. */
export function tallyEvent(tally: MinuteTally, record: Pick<EventRecord, 'type' | 'payload'>): void {
  switch (record.type) {
    case 'order.created': tally.ordersCreated++; break;
    case 'offer.created': tally.offersCreated++; break;
    case 'offer.accepted': tally.offersAccepted++; break;
    case 'offer.declined': tally.offersDeclined++; break;
    case 'offer.expired': tally.offersExpired++; break;
    case 'order.failed': tally.failed++; break;
    case 'order.delivered':
      tally.delivered++;
      tally.codCollectedRp += Number(record.payload.cod_collected_rp ?? 0);
      break;
  }
}

const rupiah = (rp: number): string => `Rp ${Math.round(rp).toLocaleString('id-ID')}`;

/** One console line: `06:12 · 19 orders · 21 offers (18 accepted, 2 declined, 1 expired) · 14 delivered, COD Rp 1.234.500 · couriers 12 on route, 18 free`. */
export function minuteLine(at: Date, t: MinuteTally, couriers: Record<string, number>): string {
  const hhmm = at.toTimeString().slice(0, 5);
  const offers = `${t.offersCreated} offers (${t.offersAccepted} accepted, ${t.offersDeclined} declined, ${t.offersExpired} expired)`;
  const done = `${t.delivered} delivered, COD ${rupiah(t.codCollectedRp)}${t.failed > 0 ? `, ${t.failed} failed` : ''}`;
  const crew = `couriers ${couriers.on_route ?? 0} on route, ${couriers.offered ?? 0} with an offer, ${couriers.idle ?? 0} free`;
  return `${hhmm} · last minute: ${t.ordersCreated} orders · ${offers} · ${done} · ${crew}`;
}

/** Writes one line per `everyMs` to `write` until the returned stop is called. */
export function startDemoTicker(app: FastifyInstance, write: (line: string) => void, everyMs = 60_000): () => void {
  let tally = emptyTally();
  const unsubscribe = app.events.subscribe((records) => { for (const r of records) tallyEvent(tally, r); });
  const timer = setInterval(() => {
    const done = tally;
    tally = emptyTally();
    void app.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM couriers GROUP BY status')
      .then((found) => write(minuteLine(new Date(), done, Object.fromEntries(found.rows.map((r) => [r.status, Number(r.n)])))))
      .catch(() => write(minuteLine(new Date(), done, {})));
  }, everyMs);
  timer.unref();
  return () => { clearInterval(timer); unsubscribe(); };
}
