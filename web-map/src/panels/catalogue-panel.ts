// A stall's price board on the dispatcher map: pick a stall, edit its items (name, unit, price, weight, in stock) and
// save them (POST /v1/stalls/:id/catalogue), or upload the morning price board as CSV for the whole market.
import { ProblemError, type ApiClient } from '../api-client.js';
import { h, render } from '../dom.js';
import { t } from '../i18n.js';

interface Row { name: string; unit: string; price_rp: number; weight_kg: number; available: boolean }
interface StallOption { id: string; code: string; name: string }

/** A problem's field errors as one line (`/body/line/3: no stall ZZ-99 …`). */
export function problemText(error: unknown): string {
  if (error instanceof ProblemError) {
    const errors = (error.problem.errors as { path: string; message: string }[] | undefined) ?? [];
    return [error.message, ...errors.map((e) => `${e.path}: ${e.message}`)].join(' · ');
  }
  return (error as Error).message;
}

export class CataloguePanel {
  private stallId = '';
  private rows: Row[] = [];
  private status = '';

  constructor(private readonly el: HTMLElement, private readonly api: ApiClient, private readonly marketId: () => string, private readonly stalls: () => StallOption[]) {}

  async load(stallId = this.stallId || this.stalls()[0]?.id || ''): Promise<void> {
    this.stallId = stallId;
    if (stallId) {
      const body = await this.api.get<{ data: Row[] }>(`/v1/stalls/${stallId}/catalogue`);
      this.rows = body.data.map((r) => ({ name: r.name, unit: r.unit, price_rp: r.price_rp, weight_kg: r.weight_kg, available: r.available }));
    }
    this.render();
  }

  render(): void {
    const input = (row: Row, key: keyof Row, attrs: Record<string, string>) =>
      h('input', {
        ...attrs, value: String(row[key]), class: `catalogue-${key}`,
        oninput: (e: Event) => { const v = (e.target as HTMLInputElement).value; (row as unknown as Record<string, unknown>)[key] = attrs.type === 'number' ? Number(v) : v; },
      });
    const rowEl = (row: Row, i: number) => h('tr', {},
      h('td', {}, input(row, 'name', { 'aria-label': t('catalogue.name'), required: 'true' })),
      h('td', {}, input(row, 'unit', { 'aria-label': t('catalogue.unit'), size: '5', required: 'true' })),
      h('td', {}, input(row, 'price_rp', { 'aria-label': t('catalogue.price'), type: 'number', min: '0', step: '1' })),
      h('td', {}, input(row, 'weight_kg', { 'aria-label': t('catalogue.weight'), type: 'number', min: '0', step: 'any' })),
      h('td', {}, h('input', { type: 'checkbox', 'aria-label': t('catalogue.available'), class: 'catalogue-available', checked: row.available, onchange: (e: Event) => { row.available = (e.target as HTMLInputElement).checked; } })),
      h('td', {}, h('button', { type: 'button', 'aria-label': t('common.remove'), onclick: () => { this.rows.splice(i, 1); this.render(); } }, '×')));
    render(this.el, h('h2', {}, t('catalogue.title')),
      h('form', { id: 'catalogue-form', onsubmit: (e: Event) => { e.preventDefault(); void this.save(); } },
        h('label', {}, t('catalogue.stall'), h('select', { id: 'catalogue-stall', onchange: (e: Event) => { void this.load((e.target as HTMLSelectElement).value); } },
          ...this.stalls().map((s) => h('option', { value: s.id, selected: s.id === this.stallId }, `${s.code} ${s.name}`)))),
        h('table', { class: 'catalogue' }, h('thead', {}, h('tr', {}, ...(['catalogue.name', 'catalogue.unit', 'catalogue.price', 'catalogue.weight', 'catalogue.available'] as const).map((k) => h('th', {}, t(k))), h('th', {}))),
          h('tbody', {}, ...this.rows.map(rowEl))),
        h('button', { type: 'button', id: 'catalogue-add', onclick: () => { this.rows.push({ name: '', unit: 'kg', price_rp: 0, weight_kg: 1, available: true }); this.render(); } }, t('catalogue.addRow')),
        h('button', { type: 'submit', disabled: !this.stallId }, t('catalogue.save'))),
      h('form', { id: 'catalogue-csv-form', onsubmit: (e: Event) => { e.preventDefault(); void this.upload(); } },
        h('label', {}, t('catalogue.csv'), h('input', { type: 'file', id: 'catalogue-csv', accept: '.csv,text/csv' })),
        h('button', { type: 'submit' }, t('catalogue.upload'))),
      h('p', { class: 'muted', id: 'catalogue-status' }, this.status));
  }

  private show(result: { created: number; updated: number; unchanged: number }): void {
    this.status = t('catalogue.saved', result);
  }

  private async save(): Promise<void> {
    try {
      this.show(await this.api.post(`/v1/stalls/${this.stallId}/catalogue`, { items: this.rows }));
      await this.load();
    } catch (error) {
      this.status = t('action.failed', { reason: problemText(error) });
      this.render();
    }
  }

  private async upload(): Promise<void> {
    const file = (this.el.querySelector('#catalogue-csv') as HTMLInputElement | null)?.files?.[0];
    if (!file) return;
    try {
      const response = await fetch(`/v1/markets/${this.marketId()}/catalogue/csv`, {
        method: 'POST', headers: { 'content-type': 'text/csv', accept: 'application/json', authorization: `Bearer ${this.api.token}` }, body: await file.text(),
      });
      const body = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new ProblemError(response.status, String(body.code), String(body.detail), body);
      this.show(body as { created: number; updated: number; unchanged: number });
      await this.load();
    } catch (error) {
      this.status = t('action.failed', { reason: problemText(error) });
      this.render();
    }
  }
}
