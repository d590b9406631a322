// The offer's preview for the card (GET /v1/offers/:id): fee, stalls, pickup → door distance and time, COD to
// collect, cash float to front, and the route line drawn on the card's map.
import type { ApiClient } from '../api-client.js';
import { camelize } from '../realtime/event-adapter.js';
import { getLocale, t } from '../i18n.js';

export interface OfferPreview {
  feeRp: number;
  orderCount: number;
  stallCount: number;
  stallNames: string[];
  distanceM: number;
  durationS: number;
  codToCollectRp: number;
  cashFloatRp: number;
  /** Flat [lon, lat, …] through the stops. */
  line: number[];
  /** Stop places in order, for the map markers. */
  stops: { kind: string; lon: number; lat: number }[];
}

type Row = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v) || 0);

/** The API's `preview` member → the card's preview (null when missing). */
export function parseOfferPreview(raw: unknown): OfferPreview | null {
  const offer = camelize(raw) as Row;
  const p = offer?.preview as Row | undefined;
  if (!p || typeof p !== 'object') return null;
  const stalls = Array.isArray(p.stalls) ? (p.stalls as Row[]) : [];
  const stops = Array.isArray(p.stops) ? (p.stops as Row[]) : [];
  return {
    feeRp: num(p.feeRp), orderCount: num(p.orderCount), stallCount: num(p.stallCount),
    stallNames: stalls.map((s) => [s.stallCode, s.name].filter(Boolean).join(' ')),
    distanceM: num(p.distanceM), durationS: num(p.durationS), codToCollectRp: num(p.codToCollectRp), cashFloatRp: num(p.cashFloatRp),
    line: Array.isArray(p.line) ? (p.line as number[]) : [],
    stops: stops.map((s) => { const at = (s.location ?? {}) as Row; return { kind: String(s.kind), lon: num(at.lon), lat: num(at.lat) }; }),
  };
}

export async function loadOfferPreview(api: ApiClient, offerId: string): Promise<OfferPreview | null> {
  return parseOfferPreview(await api.get(`/v1/offers/${offerId}`));
}

/** `3,4 km · 18 mnt` in the page's language. */
export function tripText(distanceM: number, durationS: number): string {
  const km = (distanceM / 1000).toLocaleString(getLocale() === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return t('offer.tripValue', { km, min: Math.max(1, Math.round(durationS / 60)) });
}
