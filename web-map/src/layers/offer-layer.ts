// Pending offers: a countdown badge next to each offered courier, ticking every second until the offer's expiry, in
// its own pane above the map's labels.
import * as L from 'leaflet';
import { t } from '../i18n.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

export const secondsLeft = (expiresAtMs: number, nowMs: number): number => Math.max(0, Math.ceil((expiresAtMs - nowMs) / 1000));

/** The pane of offer badges: above Leaflet's tooltip pane (650), where market labels and waiting tags live. */
export const OFFER_PANE = 'offers';
const OFFER_PANE_Z = '700';

export class OfferLayer extends L.LayerGroup {
  constructor(private readonly store: DispatchStore, private readonly view: ViewState) { super(); }

  override onAdd(map: L.Map): this {
    if (!map.getPane(OFFER_PANE)) map.createPane(OFFER_PANE).style.zIndex = OFFER_PANE_Z;
    return super.onAdd(map);
  }

  redraw(nowMs = Date.now()): void {
    this.clearLayers();
    for (const offer of this.store.offers.values()) {
      if (offer.state !== 'pending' || offer.expiresAtMs <= nowMs) continue;
      const courier = this.store.couriers.get(offer.courierId);
      if (!courier || !Number.isFinite(courier.lat) || !this.view.courierVisible(courier)) continue;
      const icon = L.divIcon({ className: 'offer-badge', html: `<span>${t('offer.countdown', { s: secondsLeft(offer.expiresAtMs, nowMs) })}</span>`, iconSize: [0, 0] });
      L.marker([courier.lat, courier.lon], { icon, interactive: true, keyboard: false, pane: OFFER_PANE })
        .on('click', () => this.view.select('courier', courier.id)).addTo(this);
    }
  }
}
