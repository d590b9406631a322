// Courier page entry: sign in with a courier token, see the current offer (accept / decline with countdown), the route
// with pick lists and a small map, and report stop events through the offline queue.
import 'leaflet/dist/leaflet.css';
import '../styles/courier.css';
import * as L from 'leaflet';
import { ApiClient, newIdempotencyKey } from './api-client.js';
import { loadConfig, resolveToken, type WebConfig } from './config.js';
import { h, byId, render } from './dom.js';
import { getLocale, onLocaleChange, setLocale, t } from './i18n.js';
import { basemapLayer } from './layers/basemap-layer.js';
import { connectRealtime } from './realtime/connection.js';
import { CourierActions } from './courier/courier-actions.js';
import { parseOffer, readTokenClaims, type CourierOffer, type CourierRoute } from './courier/courier-model.js';
import { loadCourierRoute } from './courier/route-loader.js';
import { loadDirections } from './courier/directions.js';
import { currentStop } from './courier/courier-model.js';
import { loadOfferPreview, type OfferPreview } from './courier/offer-preview.js';
import { fetchSender, OfflineQueue } from './courier/offline-queue.js';
import { renderOfferCard, renderRouteCards, type CourierViewState } from './courier/courier-views.js';

const TOKEN_KEY = 'jejaring.courierToken';

function signIn(app: HTMLElement): void {
  const input = h('input', { id: 'signin-token', autocomplete: 'off', placeholder: 'jt_…' });
  render(app, h('section', { class: 'panel' }, h('h2', {}, t('signin.title')),
    h('label', {}, t('signin.token'), input),
    h('button', { class: 'primary', id: 'signin-submit', type: 'button', onclick: () => {
      location.search = `?token=${encodeURIComponent(input.value.trim())}`; // saved by resolveToken
    } }, t('signin.submit'))));
}

async function main(): Promise<void> {
  const config: WebConfig = await loadConfig();
  const app = byId('app');
  byId('lang').textContent = t('lang.switch');
  byId('lang').addEventListener('click', () => setLocale(getLocale() === 'id' ? 'en' : 'id'));
  const token = resolveToken(TOKEN_KEY, config.demo?.courierTokens?.[0]?.token ?? '');
  const claims = readTokenClaims(token);
  if (!token || !claims.courier) { signIn(app); onLocaleChange(() => signIn(app)); return; }
  const courierId = claims.courier;
  byId('who').textContent = courierId;
  const api = new ApiClient(token);
  const queue = new OfflineQueue(localStorage, `jejaring.queue.${courierId}`, fetchSender(() => token), newIdempotencyKey);
  const actions = new CourierActions(queue);
  const state: CourierViewState = { offer: null, route: null, localStatus: new Map(), outcomes: new Map(), message: '' };

  const mapEl = h('div', { class: 'mini-map', id: 'mini-map' });
  const offerEl = h('section', { id: 'offer', class: 'panel offer-card' });
  const bannerEl = h('div', { id: 'queue-banner', class: 'queue-banner', hidden: true });
  const routeEl = h('section', { id: 'route', class: 'panel' });
  const directionsEl = h('ol', { id: 'directions', class: 'panel list directions' });
  render(app, bannerEl, offerEl, mapEl, routeEl, directionsEl);
  const map = L.map(mapEl, { zoomControl: false }).setView([config.center[0], config.center[1]], 14);
  basemapLayer(config, () => token).addTo(map);
  const routeLine = L.polyline([], { color: '#1a73e8', weight: 4 }).addTo(map);
  const stopMarkers = L.layerGroup().addTo(map);
  const previewLine = L.polyline([], { color: '#f9ab00', weight: 5, dashArray: '8 6' }).addTo(map);
  const previewMarkers = L.layerGroup().addTo(map);

  /** The offered route on the card's map (while the courier has no route of its own to show). */
  const drawPreview = (preview: OfferPreview | null | undefined): void => {
    previewMarkers.clearLayers();
    const points: L.LatLngTuple[] = [];
    if (preview && !(state.route && state.route.stops.length > 0)) {
      for (let k = 0; k + 1 < preview.line.length; k += 2) points.push([preview.line[k + 1], preview.line[k]]);
      preview.stops.forEach((s, n) => L.marker([s.lat, s.lon], { icon: L.divIcon({ className: `stop-icon stop-${s.kind}`, html: `<span style="border-color:#f9ab00">${n + 1}</span>`, iconSize: [18, 18] }) }).addTo(previewMarkers));
    }
    previewLine.setLatLngs(points);
    mapEl.dataset.preview = String(points.length);
    if (points.length > 0) map.fitBounds(L.latLngBounds(points).pad(0.2), { maxZoom: 16 });
  };
  /** Fetches the offer's preview once and shows it on the card and the map. */
  const attachPreview = (offer: CourierOffer | null): void => {
    if (!offer || offer.preview !== undefined) return;
    offer.preview = null;
    loadOfferPreview(api, offer.id).then((preview) => {
      if (state.offer?.id !== offer.id) return;
      offer.preview = preview;
      offerEl.dataset.offer = ''; // render the card again with its facts
      renderOfferCard(offerEl, state, actions, act);
      drawPreview(preview);
    }, () => { offer.preview = undefined; });
  };

  const drawMap = (route: CourierRoute | null): void => {
    stopMarkers.clearLayers();
    const points: L.LatLngTuple[] = [];
    if (route && route.line.length >= 4) for (let k = 0; k + 1 < route.line.length; k += 2) points.push([route.line[k + 1], route.line[k]]);
    route?.stops.forEach((s, n) => {
      if (!Number.isFinite(s.lat)) return;
      if (route.line.length < 4) points.push([s.lat, s.lon]);
      L.marker([s.lat, s.lon], { icon: L.divIcon({ className: `stop-icon stop-${s.kind}`, html: `<span style="border-color:#1a73e8">${n + 1}</span>`, iconSize: [18, 18] }) }).addTo(stopMarkers);
    });
    routeLine.setLatLngs(points);
    if (points.length > 0) map.fitBounds(L.latLngBounds(points).pad(0.2), { maxZoom: 16 });
  };

  const refreshBanner = (): void => {
    const n = queue.pending().length;
    bannerEl.hidden = n === 0 && !state.message;
    bannerEl.textContent = n > 0 ? t('net.offline', { n }) : state.message;
    bannerEl.dataset.pending = String(n);
  };
  const rerender = (): void => {
    renderOfferCard(offerEl, state, actions, act);
    renderRouteCards(routeEl, state, actions, act);
    refreshBanner();
  };
  api.get<{ name?: string }>(`/v1/couriers/${courierId}`).then((me) => { if (me.name) byId('who').textContent = me.name; }, () => undefined);
  const load = async (): Promise<void> => {
    try {
      state.route = await loadCourierRoute(api, courierId);
      drawMap(state.route);
      const directions = state.route ? await loadDirections(api, state.route, currentStop(state.route, state.localStatus), getLocale()) : [];
      render(directionsEl, ...directions.map((d) => h('li', {}, d.instruction, h('span', { class: 'muted' }, ` · ${Math.round(d.distanceM)} m`))));
    } catch { /* offline or no route yet: keep what we have */ }
    try {
      const offers = await api.getAll<unknown>('/v1/offers?status=pending');
      const pending = offers.map(parseOffer).find((o): o is CourierOffer => o !== null && o.expiresAtMs > Date.now());
      if (pending && pending.id !== state.offer?.id) state.offer = pending;
    } catch { /* same */ }
    if (state.offer && state.offer.expiresAtMs > Date.now()) attachPreview(state.offer); else drawPreview(null);
    rerender();
  };
  const flush = async (): Promise<void> => {
    const report = await queue.flush();
    if (report.sent > 0) state.message = t('net.replayed', { n: report.sent });
    if (report.rejected.length > 0) state.message = t('action.failed', { reason: report.rejected.map((r) => r.reason).join('; ') });
    if (report.sent > 0 || report.rejected.length > 0) void load();
    refreshBanner();
  };
  /** Runs a courier action: queued first (survives offline and reloads), then flushed at once when possible. */
  function act(run: () => void): void {
    run();
    rerender();
    void flush();
  }

  /** Last event sequence seen: a reconnect is sent what it missed (undefined before the first `ready`: live only). */
  let lastSeq: number | undefined;
  /** The banner shows the market's call to wait near it (cleared by the next offer, whatever the language). */
  let askedToWait = false;
  let loadTimer = 0;
  const scheduleLoad = (): void => { clearTimeout(loadTimer); loadTimer = window.setTimeout(() => void load(), 150); };
  const connection = byId('connection');
  connectRealtime({
    namespace: '/courier', token: () => token, lastSeq: () => lastSeq,
    onEvent: (event, envelope) => {
      lastSeq = Math.max(lastSeq ?? 0, envelope.seq);
      if (event === 'courier.staging') { // orders are coming: the market asks it to wait near
        state.message = t('courier.staging');
        askedToWait = true;
        refreshBanner();
      }
      if (event.startsWith('offer.') || event === 'dispatch.offer') {
        if (event === 'offer.created' && askedToWait) {
          state.message = '';
          askedToWait = false;
        }
        const offer = parseOffer(envelope.payload);
        if (event === 'offer.created' || event === 'dispatch.offer') {
          if (offer && offer.expiresAtMs > Date.now() && offer.id !== state.offer?.id) { state.offer = offer; attachPreview(offer); }
        } else if (offer && state.offer?.id === offer.id) { state.offer = null; drawPreview(null); }
        rerender();
      }
      if (event.startsWith('route.') || event.startsWith('stop.') || event.startsWith('offer.')) scheduleLoad();
    },
    onReady: (ready) => { lastSeq = Math.max(lastSeq ?? 0, ready.lastSeq); },
    onStatus: (connected) => {
      connection.textContent = connected ? t('net.online') : '✕';
      connection.dataset.connected = String(connected);
      if (connected) { void flush(); void load(); }
    },
  });
  window.addEventListener('online', () => void flush());
  setInterval(() => { if (queue.pending().length > 0) void flush(); }, 3000);
  setInterval(() => renderOfferCard(offerEl, state, actions, act), 1000);
  onLocaleChange(() => { byId('lang').textContent = t('lang.switch'); offerEl.dataset.offer = ''; rerender(); }); // the offer card again, in the new language
  await load();
  Object.assign(window, { jejaring: { queue, state } });
  document.body.dataset.ready = '1';
}

void main();
