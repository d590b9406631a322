// Courier page cards: the offer with its countdown and preview (fee, stalls, trip, COD, cash float), and the route as
// stop cards (pick list per stall, COD on delivery).
import { h, render } from '../dom.js';
import { formatClock, formatRp, formatWhen, t } from '../i18n.js';
import type { CourierActions, ItemOutcome } from './courier-actions.js';
import { currentStop, isFinished, type CourierOffer, type CourierRoute, type CourierStop } from './courier-model.js';
import { tripText, type OfferPreview } from './offer-preview.js';

export interface CourierViewState {
  offer: CourierOffer | null;
  route: CourierRoute | null;
  /** Per stop id: status reached locally (queued, maybe not yet sent): 'arrived' | 'completed' | 'failed'. */
  localStatus: Map<string, string>;
  /** Per item id: outcome chosen on the pick list. */
  outcomes: Map<string, ItemOutcome>;
  message: string;
}

type Act = (run: () => void) => void;

export function renderOfferCard(el: HTMLElement, state: CourierViewState, actions: CourierActions, act: Act): void {
  const offer = state.offer;
  const leftS = offer ? Math.max(0, Math.ceil((offer.expiresAtMs - Date.now()) / 1000)) : 0;
  if (!offer || leftS <= 0) {
    render(el, h('h2', {}, t('offer.title')), h('p', { class: 'muted' }, t('offer.none')));
    el.dataset.offer = '';
    return;
  }
  const countdown = el.querySelector<HTMLElement>('.countdown');
  if (el.dataset.offer === offer.id && countdown) { // same offer: only the seconds change, the buttons stay put
    countdown.textContent = t('offer.countdown', { s: leftS });
    countdown.dataset.seconds = String(leftS);
    return;
  }
  el.dataset.offer = offer.id;
  el.dataset.preview = offer.preview ? '1' : '';
  render(el, h('h2', {}, t('offer.title')),
    h('div', { class: 'countdown', 'data-seconds': leftS }, t('offer.countdown', { s: leftS })),
    offer.preview ? previewFacts(offer.preview) : h('p', {}, t('offer.orders', { n: offer.orderIds.length }), offer.feeRp ? ` · ${formatRp(offer.feeRp)}` : ''),
    h('div', { class: 'buttons' },
      h('button', { id: 'offer-accept', class: 'primary', type: 'button', onclick: () => act(() => { actions.accept(offer.id); state.offer = null; }) }, t('offer.accept')),
      h('button', { id: 'offer-decline', type: 'button', onclick: () => act(() => { actions.decline(offer.id); state.offer = null; }) }, t('offer.decline'))));
}

/** Fee first (what the courier earns), then the work: stalls, trip, cash in and out. */
function previewFacts(p: OfferPreview): HTMLElement {
  const row = (key: string, label: string, value: string, extra?: string) =>
    h('div', { class: 'fact', 'data-fact': key }, h('dt', {}, label), h('dd', {}, value, extra ? h('small', {}, extra) : ''));
  return h('dl', { class: 'offer-facts' },
    row('fee', t('offer.fee'), formatRp(p.feeRp), ` · ${t('offer.orders', { n: p.orderCount })}`),
    row('stalls', t('offer.stalls', { n: p.stallCount }), p.stallNames.join(', ')),
    row('trip', t('offer.trip'), tripText(p.distanceM, p.durationS)),
    row('cod', t('offer.cod'), formatRp(p.codToCollectRp)),
    row('float', t('offer.float'), formatRp(p.cashFloatRp)));
}

function pickList(stop: CourierStop, state: CourierViewState): HTMLElement {
  return h('div', { class: 'pick-list' }, ...stop.items.map((item) => {
    const chosen = state.outcomes.get(item.id) ?? 'picked';
    const choice = (outcome: ItemOutcome, key: 'item.ok' | 'item.missing' | 'item.substituted') =>
      h('button', { type: 'button', 'aria-pressed': String(chosen === outcome), 'data-outcome': outcome, onclick: (e: Event) => {
        state.outcomes.set(item.id, outcome);
        const row = (e.currentTarget as HTMLElement).parentElement!;
        for (const b of Array.from(row.children)) b.setAttribute('aria-pressed', String((b as HTMLElement).dataset.outcome === outcome));
      } }, t(key));
    return h('div', { class: 'pick-item', 'data-item': item.id },
      h('span', {}, `${item.quantity} ${item.unit} ${item.name}`),
      h('span', { class: 'outcomes' }, choice('picked', 'item.ok'), choice('missing', 'item.missing'), choice('substituted', 'item.substituted')));
  }));
}

function stopButtons(stop: CourierStop, state: CourierViewState, actions: CourierActions, act: Act): HTMLElement {
  const status = state.localStatus.get(stop.id) ?? stop.status;
  const arrived = status === 'arrived';
  const buttons: HTMLElement[] = [];
  if (!arrived) {
    buttons.push(h('button', { class: 'primary', type: 'button', 'data-action': 'arrived', onclick: () => act(() => { actions.arrived(stop.id); state.localStatus.set(stop.id, 'arrived'); }) }, t('stop.arrived')));
  } else if ((stop.kind === 'pickup' || stop.kind === 'return') && stop.items.length > 0) {
    buttons.push(h('button', { class: 'primary', type: 'button', 'data-action': 'picked', onclick: () => act(() => {
      actions.picked(stop.id, stop.items.map((i) => ({ itemId: i.id, outcome: state.outcomes.get(i.id) ?? 'picked' })));
      state.localStatus.set(stop.id, 'completed');
    }) }, t('stop.picked')));
  } else {
    const cod = h('input', { type: 'number', min: '0', step: '500', value: stop.codTotalRp, id: `cod-${stop.id}`, 'aria-label': t('cod.amount') });
    buttons.push(h('label', {}, t('cod.amount'), cod));
    buttons.push(h('button', { class: 'primary', type: 'button', 'data-action': 'delivered', onclick: () => act(() => {
      actions.delivered(stop.id, Math.max(0, Math.round(Number(cod.value) || 0)));
      state.localStatus.set(stop.id, 'completed');
    }) }, t('stop.delivered')));
    if (stop.items.length > 0) buttons.push(h('button', { class: 'danger', type: 'button', 'data-action': 'refused', onclick: () => act(() => {
      actions.refused(stop.orderId, stop.items.map((i) => i.id), 0);
      state.localStatus.set(stop.id, 'failed');
    }) }, t('stop.refused')));
  }
  return h('div', { class: 'buttons' }, ...buttons);
}

export function renderRouteCards(el: HTMLElement, state: CourierViewState, actions: CourierActions, act: Act): void {
  const route = state.route;
  if (!route || route.stops.length === 0) { render(el, h('p', { class: 'muted' }, t('route.empty'))); return; }
  const current = currentStop(route, state.localStatus);
  render(el, h('ol', { class: 'list stops', id: 'stop-list' }, ...route.stops.map((stop, n) => {
    const status = state.localStatus.get(stop.id) ?? stop.status;
    const isCurrent = stop === current;
    const title = stop.kind === 'pickup' ? t('route.pickup', { stall: stop.title })
      : stop.kind === 'return' ? t('route.return', { stall: stop.title }) : t('route.delivery', { customer: stop.title });
    return h('li', { class: `stop-card panel ${isCurrent ? 'current' : ''} ${isFinished(status) ? 'done' : ''}`, 'data-stop': stop.id, 'data-status': status },
      h('div', {}, h('strong', {}, `${n + 1}. ${title}`),
        stop.etaMs ? h('span', { class: 'muted' }, ` · ${t('route.eta', { time: formatClock(stop.etaMs) })}`) : null,
        stop.readyAtMs > Date.now() ? h('span', { class: 'ready-at' }, ` · ${t('route.readyAt', { time: formatWhen(stop.readyAtMs) })}`) : null,
        stop.kind === 'delivery' ? h('span', { class: 'muted' }, ` · ${formatRp(stop.codTotalRp)}`) : null),
      stop.note ? h('p', { class: 'muted' }, stop.note) : null,
      isCurrent && stop.kind !== 'delivery' && stop.items.length > 0 ? pickList(stop, state) : null,
      isCurrent ? stopButtons(stop, state, actions, act) : null);
  })));
}
