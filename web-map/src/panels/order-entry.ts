// Coordinator order entry (orders by phone or WhatsApp): customer, delivery point by map click, items from the market's
// stalls, the COD total; posted to /v1/orders like any partner's order.
import { h, render } from '../dom.js';
import { formatRp, t } from '../i18n.js';
import type { ApiClient } from '../api-client.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

interface ItemDraft { stallId: string; name: string; quantity: number; unitPriceRp: number }

/** Goods total of the drafted items, whole rupiah. */
export function goodsTotalRp(items: readonly ItemDraft[]): number {
  let total = 0;
  for (const item of items) total += Math.round(item.quantity * item.unitPriceRp);
  return total;
}

export class OrderEntryPanel {
  private point: { lon: number; lat: number } | null = null;
  private items: ItemDraft[] = [];
  private status = '';
  /** Typed-in fields, kept across re-renders (a map click or new stalls redraw the form). */
  private readonly fields = { customer: '', phone: '', note: '' };

  constructor(private readonly el: HTMLElement, private readonly store: DispatchStore, private readonly view: ViewState, private readonly api: ApiClient) {}

  /** Called by the map on click while the form is open. */
  setPoint(lon: number, lat: number): void {
    this.point = { lon, lat };
    this.render();
  }

  private marketId(): string {
    return this.view.marketId || this.store.markets.keys().next().value || '';
  }

  render(): void {
    const marketId = this.marketId();
    const stalls = [...this.store.stalls.values()].filter((s) => s.marketId === marketId);
    if (this.items.length === 0 && stalls.length > 0) this.items.push({ stallId: stalls[0].id, name: '', quantity: 1, unitPriceRp: 0 });
    const field = (id: string, name: keyof OrderEntryPanel['fields'], key: Parameters<typeof t>[0], attrs: Record<string, string> = {}) =>
      h('label', {}, t(key), h('input', { id, name: id, value: this.fields[name], oninput: (e: Event) => { this.fields[name] = (e.target as HTMLInputElement).value; }, ...attrs }));
    const itemRow = (item: ItemDraft, i: number) => h('div', { class: 'item-row' },
      h('select', { 'aria-label': t('entry.stall'), onchange: (e: Event) => { item.stallId = (e.target as HTMLSelectElement).value; } },
        ...stalls.map((s) => h('option', { value: s.id, selected: s.id === item.stallId }, `${s.code} ${s.name}`))),
      h('input', { 'aria-label': t('entry.item'), placeholder: t('entry.item'), value: item.name, class: 'item-name', oninput: (e: Event) => { item.name = (e.target as HTMLInputElement).value; } }),
      h('input', { 'aria-label': t('entry.qty'), type: 'number', min: '0.1', step: '0.1', value: item.quantity, class: 'item-qty', oninput: (e: Event) => { item.quantity = Number((e.target as HTMLInputElement).value); this.renderTotal(); } }),
      h('input', { 'aria-label': t('entry.price'), type: 'number', min: '0', step: '500', value: item.unitPriceRp, class: 'item-price', oninput: (e: Event) => { item.unitPriceRp = Number((e.target as HTMLInputElement).value); this.renderTotal(); } }),
      h('button', { type: 'button', 'aria-label': t('common.remove'), onclick: () => { this.items.splice(i, 1); this.render(); } }, '×'));
    render(this.el, h('h2', {}, t('panel.newOrder')), h('form', { id: 'order-entry', onsubmit: (e: Event) => { e.preventDefault(); void this.submit(); } },
      field('entry-customer', 'customer', 'entry.customer', { required: 'true' }),
      field('entry-phone', 'phone', 'entry.phone', { type: 'tel', required: 'true', pattern: '\\+?[0-9]{8,15}' }),
      field('entry-note', 'note', 'entry.note'),
      h('p', { class: 'muted', id: 'entry-point' }, this.point ? t('entry.pointSet', { lat: this.point.lat.toFixed(5), lon: this.point.lon.toFixed(5) }) : t('entry.point')),
      h('fieldset', {}, h('legend', {}, t('entry.items')), ...this.items.map(itemRow),
        h('button', { type: 'button', onclick: () => { this.items.push({ stallId: stalls[0]?.id ?? '', name: '', quantity: 1, unitPriceRp: 0 }); this.render(); } }, t('entry.addItem'))),
      h('p', {}, `${t('cod.total')}: `, h('strong', { id: 'entry-total' }, formatRp(goodsTotalRp(this.items)))),
      h('button', { type: 'submit', disabled: !marketId }, t('entry.submit')),
      h('p', { class: 'muted', id: 'entry-status' }, this.status)));
  }

  private renderTotal(): void {
    const el = this.el.querySelector('#entry-total');
    if (el) el.textContent = formatRp(goodsTotalRp(this.items));
  }

  private async submit(): Promise<void> {
    const note = this.fields.note.trim();
    const market = this.store.markets.get(this.marketId());
    const point = this.point ?? (market ? { lon: market.lon, lat: market.lat } : null);
    if (!point) return;
    const body = {
      market_id: this.marketId(),
      customer: { name: this.fields.customer.trim(), phone: this.fields.phone.trim(), address: point, ...(note ? { landmark: note } : {}) },
      ...(note ? { delivery_note: note } : {}),
      // pasar goods are sold by the kilo: the quantity is also the line's weight
      items: this.items.filter((i) => i.name && i.quantity > 0).map((i) => ({
        stall_id: i.stallId, name: i.name, quantity: i.quantity, unit: 'kg', unit_price_rp: Math.round(i.unitPriceRp), weight_kg: i.quantity,
      })),
    };
    try {
      const created = await this.api.post<{ id: string }>('/v1/orders', body);
      this.status = t('entry.created', { id: created.id });
      this.items = [];
      this.point = null;
      this.fields.customer = this.fields.phone = this.fields.note = '';
    } catch (error) {
      this.status = t('action.failed', { reason: (error as Error).message });
    }
    this.render();
  }
}
