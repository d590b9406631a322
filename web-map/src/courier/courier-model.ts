// The courier page's view of its work: the pending offer and the current route with per-stall pick lists.
import { camelize, lonLatOf, toMs } from '../realtime/event-adapter.js';
import type { TokenClaims } from '../../../api/schemas/tokens.js';
import type { OfferPreview } from './offer-preview.js';

export interface PickItem { id: string; name: string; quantity: number; unit: string; unitPriceRp: number; outcome: string }
export interface CourierStop {
  id: string;
  kind: 'pickup' | 'delivery' | 'return';
  orderId: string;
  stallId: string;
  /** Stall name or customer name shown on the card. */
  title: string;
  note: string;
  lon: number;
  lat: number;
  etaMs: number;
  /** A pickup whose goods are ready only later: from when (epoch ms; 0 = ready). */
  readyAtMs: number;
  status: string;
  codTotalRp: number;
  items: PickItem[];
}
export interface CourierOffer { id: string; expiresAtMs: number; orderIds: string[]; stopCount: number; feeRp: number; preview?: OfferPreview | null }
export interface CourierRoute { id: string; stops: CourierStop[]; line: number[] }

type Row = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v) || 0);

/** Claims of a `jt_<payload>.<signature>` token, read without verifying (the server verifies). */
export function readTokenClaims(token: string): Partial<TokenClaims> {
  const dot = token.indexOf('.');
  if (!token.startsWith('jt_') || dot < 0) return {};
  try {
    const base64 = token.slice(3, dot).replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4))) as Partial<TokenClaims>;
  } catch {
    return {};
  }
}

export function parseStop(raw: unknown): CourierStop {
  const s = camelize(raw) as Row;
  const at = lonLatOf(s) ?? [NaN, NaN];
  const kind = str(s.kind);
  const stall = (s.stall ?? {}) as Row;
  const customer = (s.customer ?? {}) as Row;
  const items = Array.isArray(s.items) ? (s.items as Row[]) : [];
  return {
    id: str(s.id), kind: kind === 'pickup' || kind === 'return' ? kind : 'delivery',
    orderId: str(s.orderId), stallId: str(s.stallId),
    title: str(stall.name) || str(s.stallName) || str(customer.name) || str(s.customerName) || str(s.orderId),
    note: str(customer.landmark) || str(customer.deliveryNote) || str(s.deliveryNote) || str(s.note),
    lon: at[0], lat: at[1], etaMs: toMs(s.eta), readyAtMs: toMs(s.readyAt), status: str(s.status) || 'pending',
    codTotalRp: num(s.codTotalRp ?? s.codRp),
    items: items.map((i) => ({
      id: str(i.id), name: str(i.name), quantity: num(i.quantity), unit: str(i.unit) || 'pcs', unitPriceRp: num(i.unitPriceRp), outcome: str(i.outcome) || 'pending',
    })),
  };
}

/** `{ route: {...} }`, `{ id, stops }` or null → the route (null when the courier has none). */
export function parseRoute(raw: unknown): CourierRoute | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = camelize(raw) as Row;
  const r = (o.route && typeof o.route === 'object' ? o.route : o) as Row;
  if (!Array.isArray(r.stops)) return null;
  const stops = (r.stops as unknown[]).map(parseStop).filter((s) => s.id && (s.kind === 'pickup' || s.kind === 'delivery' || s.kind === 'return'));
  const geometry = r.geometry as Row | undefined;
  const line = Array.isArray(r.line) ? (r.line as number[]) : Array.isArray(geometry?.coordinates) ? (geometry.coordinates as number[][]).flat() : [];
  return { id: str(r.id), stops, line };
}

export function parseOffer(raw: unknown): CourierOffer | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = camelize(raw) as Row;
  const offer = (o.offer && typeof o.offer === 'object' ? o.offer : o) as Row;
  const id = str(offer.offerId ?? offer.id);
  if (!id) return null;
  return {
    id, expiresAtMs: toMs(offer.expiresAt),
    orderIds: Array.isArray(offer.orderIds) ? (offer.orderIds as string[]) : [],
    stopCount: Array.isArray(offer.stops) ? offer.stops.length : num(offer.stopCount),
    feeRp: num(offer.feeRp ?? offer.feeTotalRp),
  };
}

/** The first stop not finished yet: where the courier is heading. */
export function currentStop(route: CourierRoute, localStatus: ReadonlyMap<string, string>): CourierStop | undefined {
  return route.stops.find((s) => !isFinished(localStatus.get(s.id) ?? s.status));
}

export function isFinished(status: string): boolean {
  return status === 'completed' || status === 'done' || status === 'failed' || status === 'skipped' || status === 'delivered' || status === 'picked';
}
