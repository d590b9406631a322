// Side lists: the waiting-order queue, the courier list (with offer countdowns) and the event feed.
import { h, render } from '../dom.js';
import { eventText, formatClock, formatRp, formatWhen, t, type MessageKey } from '../i18n.js';
import { WAITING_STATES, waitStartMs } from '../model.js';
import { heldText } from './held-text.js';
import { STATE_COLOURS } from '../layers/courier-layer.js';
import { waitingLevel, waitingMinutes, waitingText } from '../layers/order-layer.js';
import { secondsLeft } from '../layers/offer-layer.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

const LIST_LIMIT = 150;

export function renderOrderQueue(el: HTMLElement, store: DispatchStore, view: ViewState, nowMs = Date.now()): void {
  const waiting = [...store.orders.values()]
    .filter((o) => WAITING_STATES.has(o.state) && view.orderVisible(o))
    .sort((a, b) => waitStartMs(a) - waitStartMs(b));
  render(el, h('h2', {}, `${t('panel.queue')} (${waiting.length})`), h('ul', { class: 'list', id: 'queue-list' },
    ...waiting.slice(0, LIST_LIMIT).map((o) => {
      const fromMs = waitStartMs(o);
      const minutes = waitingMinutes(fromMs, nowMs);
      // Two lines: the full customer name, then state, waiting time and COD (nothing cut, "Rp" kept with its amount).
      return h('li', { 'data-order': o.id, class: 'queue-item', onclick: () => view.select('order', o.id) },
        h('span', { class: 'queue-name' }, o.customerName || t('common.noData')),
        h('span', { class: 'queue-meta' },
          h('span', { class: `badge order-${o.state}` }, t(`order.${o.state}` as MessageKey)),
          fromMs > nowMs
            ? h('span', { class: 'muted booked' }, `${t('details.bookedFor')} ${formatWhen(fromMs, nowMs)}`)
            : h('span', { class: `muted waiting-${waitingLevel(minutes)}` }, waitingText(minutes)),
          h('span', { class: 'muted money' }, formatRp(o.codTotalRp))),
        o.heldCourierId ? h('span', { class: 'queue-held muted' }, heldText(store, o)) : null);
    }),
  ));
}

export function renderCourierList(el: HTMLElement, store: DispatchStore, view: ViewState, nowMs = Date.now()): void {
  const couriers = [...store.couriers.values()].filter((c) => view.courierVisible(c)).sort((a, b) => a.name.localeCompare(b.name));
  render(el, h('h2', {}, `${t('panel.couriers')} (${couriers.length})`), h('ul', { class: 'list', id: 'courier-list' },
    ...couriers.slice(0, LIST_LIMIT).map((c) => {
      const offer = store.offerOf(c.id);
      return h('li', { 'data-courier': c.id, 'data-state': c.state, onclick: () => view.select('courier', c.id) },
        h('span', { class: 'dot', style: `background:${STATE_COLOURS[c.state]}` }),
        h('span', { class: 'grow' }, c.name),
        h('span', { class: 'muted' }, t(`fleet.${c.fleetKind}`)),
        h('span', { class: 'muted state' }, t(`state.${c.state}`)),
        offer && offer.expiresAtMs > nowMs ? h('span', { class: 'badge offer' }, t('offer.countdown', { s: secondsLeft(offer.expiresAtMs, nowMs) })) : null);
    }),
  ));
}

/** A readable name for an event subject: an order's customer, a courier's name (also for an offer), a market's name; never a raw id. */
function subjectName(store: DispatchStore, id: string): string {
  const offerCourier = store.offers.get(id)?.courierId;
  return store.orders.get(id)?.customerName || store.couriers.get(id)?.name || (offerCourier && store.couriers.get(offerCourier)?.name)
    || store.markets.get(id)?.name || '';
}

export function renderFeed(el: HTMLElement, store: DispatchStore): void {
  render(el, h('h2', {}, t('panel.feed')), h('ul', { class: 'list feed', id: 'feed-list' },
    ...store.feed.slice(0, 60).map((e) => h('li', { 'data-seq': e.seq, 'data-type': e.type },
      h('span', { class: 'muted' }, formatClock(e.atMs)), h('span', { class: 'feed-text' }, eventText(e.type)),
      h('span', { class: 'grow muted' }, subjectName(store, e.subject)))),
  ));
}
