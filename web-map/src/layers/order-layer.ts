// Orders on the map: waiting orders at their delivery point (a tag only once the wait gets long; red only when late),
// active ones as small pins.
import * as L from 'leaflet';
import { ACTIVE_STATES, WAITING_STATES, waitStartMs } from '../model.js';
import { t } from '../i18n.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

export const waitingMinutes = (createdAtMs: number, nowMs: number): number => Math.max(0, Math.floor((nowMs - createdAtMs) / 60_000));

/** How a waiting order reads: just in (< 1 min), waiting, long (≥ 10 min, amber) or late (≥ 20 min, red). */
export type WaitingLevel = 'new' | 'waiting' | 'long' | 'late';
export const LONG_WAIT_MIN = 10;
export const LATE_WAIT_MIN = 20;
/** Below this wait the map shows no permanent tag (the queue lists every order). */
export const TAG_FROM_MIN = 5;

export function waitingLevel(minutes: number): WaitingLevel {
  if (minutes >= LATE_WAIT_MIN) return 'late';
  if (minutes >= LONG_WAIT_MIN) return 'long';
  return minutes < 1 ? 'new' : 'waiting';
}

/** "just in" or "waiting N min", in the current language. */
export function waitingText(minutes: number): string {
  return minutes < 1 ? t('waiting.new') : t('waiting.for', { min: minutes });
}

const MARKER_STYLE: Record<WaitingLevel, L.CircleMarkerOptions> = {
  new: { radius: 6, color: '#5f6368', weight: 2, fillColor: '#fff', fillOpacity: 1 },
  waiting: { radius: 6, color: '#5f6368', weight: 2, fillColor: '#fff', fillOpacity: 1 },
  long: { radius: 6, color: '#e37400', weight: 2, fillColor: '#fef7e0', fillOpacity: 1 },
  late: { radius: 7, color: '#d93025', weight: 2.5, fillColor: '#fce8e6', fillOpacity: 1 },
};

export class OrderLayer extends L.LayerGroup {
  constructor(private readonly store: DispatchStore, private readonly view: ViewState) { super(); }

  redraw(nowMs = Date.now()): void {
    this.clearLayers();
    for (const order of this.store.orders.values()) {
      if (!this.view.orderVisible(order) || !Number.isFinite(order.lat)) continue;
      const waiting = WAITING_STATES.has(order.state);
      if (!waiting && !ACTIVE_STATES.has(order.state)) continue;
      if (!waiting) {
        L.circleMarker([order.lat, order.lon], { radius: 4, color: '#1a73e8', weight: 1.5, fillColor: '#e8f0fe', fillOpacity: 1, className: 'order-active' })
          .on('click', () => this.view.select('order', order.id)).addTo(this);
        continue;
      }
      const fromMs = waitStartMs(order);
      const minutes = fromMs > 0 ? waitingMinutes(fromMs, nowMs) : 0;
      const level = waitingLevel(minutes);
      const marker = L.circleMarker([order.lat, order.lon], { ...MARKER_STYLE[level], className: `order-waiting order-waiting-${level}` });
      if (fromMs > 0 && fromMs <= nowMs) {
        const permanent = minutes >= TAG_FROM_MIN;
        marker.bindTooltip(waitingText(minutes), { permanent, direction: 'right', className: `waiting-label waiting-${level}` });
      }
      marker.on('click', () => this.view.select('order', order.id)).addTo(this);
    }
  }
}
