// WhatsApp draft orders on the dispatcher map: each open draft shows the customer's messages, the items the parser
// matched (quantities editable; a name several goods match equally offers them in a list), what it could not read, and the door (shared location or a map click); the
// coordinator confirms it into an order (POST /v1/drafts/:id/confirm) or discards it.
import type { ApiClient } from '../api-client.js';
import { h, render } from '../dom.js';
import { formatRp, t } from '../i18n.js';
import { problemText } from './catalogue-panel.js';

interface DraftItem {
  catalogue_item_id: string; name: string; quantity: number; unit: string; confidence: string;
  candidates?: { catalogue_item_id: string; name: string }[];
}
interface Draft {
  id: string; version: number; customer_phone: string; customer_name: string | null; message_text: string; items: DraftItem[]; unparsed: string[];
  address_text: string | null; landmark: string | null; location: { lon: number; lat: number } | null;
}

export class DraftsPanel {
  private drafts: Draft[] = [];
  /** The draft a map click sets the door of (the first one by default). */
  private activeId = '';
  /** What the coordinator changed; `bookedFor` is a `datetime-local` value in the browser's zone ('' = at once). */
  private readonly edits = new Map<string, { name: string; items: DraftItem[]; door: { lon: number; lat: number } | null; bookedFor: string }>();
  private status = '';

  constructor(private readonly el: HTMLElement, private readonly api: ApiClient, private readonly marketId: () => string) {}

  async load(): Promise<void> {
    const marketId = this.marketId();
    this.drafts = marketId ? (await this.api.get<{ data: Draft[] }>(`/v1/markets/${marketId}/drafts?status=open`)).data : [];
    for (const d of this.drafts) {
      if (!this.edits.has(d.id)) this.edits.set(d.id, { name: d.customer_name ?? '', items: d.items.map((i) => ({ ...i })), door: d.location, bookedFor: '' });
      else if (d.items.length > this.edits.get(d.id)!.items.length) this.edits.get(d.id)!.items.push(...d.items.slice(this.edits.get(d.id)!.items.length).map((i) => ({ ...i })));
    }
    if (!this.drafts.some((d) => d.id === this.activeId)) this.activeId = this.drafts[0]?.id ?? '';
    this.render();
  }

  /** A map click: the door of the active draft. */
  setPoint(lon: number, lat: number): void {
    const edit = this.edits.get(this.activeId);
    if (!edit) return;
    edit.door = { lon, lat };
    this.render();
  }

  render(): void {
    render(this.el, h('h2', {}, t('drafts.title')),
      this.drafts.length === 0 ? h('p', { class: 'muted' }, t('drafts.none')) : null,
      ...this.drafts.map((d) => this.draftEl(d)),
      h('p', { class: 'muted', id: 'drafts-status' }, this.status));
  }

  private draftEl(d: Draft): HTMLElement {
    const edit = this.edits.get(d.id)!;
    const choices = (item: DraftItem) => {
      const options = [{ catalogue_item_id: item.catalogue_item_id, name: item.name }, ...(item.candidates ?? []).filter((c) => c.catalogue_item_id !== item.catalogue_item_id)];
      return h('select', { class: 'draft-choice', 'aria-label': t('drafts.choose'), onchange: (e: Event) => {
        const picked = options.find((o) => o.catalogue_item_id === (e.target as HTMLSelectElement).value)!;
        item.candidates = options.filter((o) => o !== picked);
        item.catalogue_item_id = picked.catalogue_item_id;
        item.name = picked.name;
        item.confidence = 'high';
        this.render();
      } }, ...options.map((o) => h('option', { value: o.catalogue_item_id, selected: o.catalogue_item_id === item.catalogue_item_id }, o.name)));
    };
    const itemEl = (item: DraftItem, i: number) => h('li', { 'data-confidence': item.confidence },
      item.candidates?.length ? choices(item) : `${item.name} `,
      h('input', { type: 'number', min: '0.001', step: 'any', value: String(item.quantity), 'aria-label': t('drafts.qty'), class: 'draft-qty', oninput: (e: Event) => { item.quantity = Number((e.target as HTMLInputElement).value); } }),
      ` ${item.unit} `,
      h('button', { type: 'button', 'aria-label': t('common.remove'), onclick: () => { edit.items.splice(i, 1); this.render(); } }, '×'));
    return h('form', {
      class: `draft${d.id === this.activeId ? ' active' : ''}`, 'data-draft': d.id,
      onclick: () => { if (this.activeId !== d.id) { this.activeId = d.id; this.render(); } },
      onsubmit: (e: Event) => { e.preventDefault(); void this.confirm(d); },
    },
      h('strong', {}, d.customer_phone), h('pre', { class: 'draft-text' }, d.message_text),
      h('ul', { class: 'draft-items' }, ...edit.items.map(itemEl)),
      d.unparsed.length ? h('p', { class: 'draft-unparsed' }, `${t('drafts.unread')}: ${d.unparsed.join(' · ')}`) : null,
      d.address_text ? h('p', { class: 'muted' }, [d.address_text, d.landmark].filter(Boolean).join(' · ')) : null,
      h('label', {}, t('drafts.customer'), h('input', { class: 'draft-name', value: edit.name, required: 'true', oninput: (e: Event) => { edit.name = (e.target as HTMLInputElement).value; } })),
      h('label', {}, t('drafts.bookedFor'), h('input', { type: 'datetime-local', class: 'draft-booked', value: edit.bookedFor, oninput: (e: Event) => { edit.bookedFor = (e.target as HTMLInputElement).value; } })),
      h('p', { class: 'muted draft-door' }, edit.door ? t('drafts.doorSet', { lat: edit.door.lat.toFixed(5), lon: edit.door.lon.toFixed(5) }) : t('drafts.door')),
      h('button', { type: 'submit', disabled: !edit.door || edit.items.length === 0 }, t('drafts.confirm')),
      h('button', { type: 'button', onclick: () => { void this.discard(d); } }, t('drafts.discard')));
  }

  private async confirm(d: Draft): Promise<void> {
    const edit = this.edits.get(d.id)!;
    try {
      const result = await this.api.post<{ order: { id: string; cod_total_rp: number } }>(`/v1/drafts/${d.id}/confirm`, {
        items: edit.items.map((i) => ({ catalogue_item_id: i.catalogue_item_id, quantity: i.quantity })),
        customer_name: edit.name, delivery_location: edit.door, ...(d.landmark ? { landmark: d.landmark.slice(0, 300) } : {}),
        ...(edit.bookedFor ? { booked_for: new Date(edit.bookedFor).toISOString() } : {}),
      }, { headers: { 'if-match': `"${d.version}"` } });
      this.status = t('drafts.confirmed', { order: result.order.id, cod: formatRp(result.order.cod_total_rp) });
      this.edits.delete(d.id);
      await this.load();
    } catch (error) {
      this.status = t('action.failed', { reason: problemText(error) });
      this.render();
    }
  }

  private async discard(d: Draft): Promise<void> {
    try {
      await this.api.post(`/v1/drafts/${d.id}/discard`, {}, { headers: { 'if-match': `"${d.version}"` } });
      await this.load();
    } catch (error) {
      this.status = t('action.failed', { reason: problemText(error) });
      this.render();
    }
  }
}
