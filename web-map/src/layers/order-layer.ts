// Orders on the map: waiting orders at their delivery point with their waiting time, active ones as small pins.
import * as L from 'leaflet';
import { ACTIVE_STATES, WAITING_STATES } from '../model.js';
import { t } from '../i18n.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

export const waitingMinutes = (createdAtMs: number, nowMs: number): number => Math.max(0, Math.floor((nowMs - createdAtMs) / 60_000));

export class OrderLayer extends L.LayerGroup {
  constructor(private readonly store: DispatchStore, private readonly view: ViewState) { super(); }

  redraw(nowMs = Date.now()): void {
    this.clearLayers();
    for (const order of this.store.orders.values()) {
      if (!this.view.orderVisible(order) || !Number.isFinite(order.lat)) continue;
      const waiting = WAITING_STATES.has(order.state);
      if (!waiting && !ACTIVE_STATES.has(order.state)) continue;
      const marker = L.circleMarker([order.lat, order.lon], waiting
        ? { radius: 6, color: '#d93025', weight: 2, fillColor: '#fce8e6', fillOpacity: 1, className: 'order-waiting' }
        : { radius: 4, color: '#1a73e8', weight: 1.5, fillColor: '#e8f0fe', fillOpacity: 1, className: 'order-active' });
      if (waiting && order.createdAtMs > 0) {
        marker.bindTooltip(t('waiting.for', { min: waitingMinutes(order.createdAtMs, nowMs) }), { permanent: true, direction: 'right', className: 'waiting-label' });
      }
      marker.on('click', () => this.view.select('order', order.id)).addTo(this);
    }
  }
}
