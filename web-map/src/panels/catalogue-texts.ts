// Words of the catalogue, draft and stock panels, in Bahasa Indonesia and English (follows the page's locale).
import { getLocale } from '../i18n.js';

const TEXTS = {
  id: {
    catalogue: 'Katalog kios', stall: 'Kios', name: 'Barang', unit: 'Satuan', price: 'Harga (Rp)', weight: 'Berat (kg)', available: 'Ada',
    addRow: '+ barang', save: 'Simpan katalog', saved: 'Tersimpan: {created} baru, {updated} diubah, {unchanged} tetap', csv: 'Papan harga (CSV)', upload: 'Unggah CSV',
    drafts: 'Pesanan WhatsApp', noDrafts: 'Belum ada draf.', customer: 'Nama pelanggan', bookedFor: 'Antar mulai (bila pelanggan minta jam)', confirm: 'Konfirmasi pesanan', discard: 'Buang',
    door: 'Klik peta untuk titik antar', doorSet: 'Titik antar: {lat}, {lon}', unread: 'Belum terbaca', confirmed: 'Pesanan {order} dibuat, COD {cod}',
    stock: 'Stok paket', failed: 'Gagal: {reason}', qty: 'Jumlah', remove: 'hapus', choose: 'Pilih barang',
  },
  en: {
    catalogue: 'Stall catalogue', stall: 'Stall', name: 'Item', unit: 'Unit', price: 'Price (Rp)', weight: 'Weight (kg)', available: 'In stock',
    addRow: '+ item', save: 'Save catalogue', saved: 'Saved: {created} new, {updated} changed, {unchanged} unchanged', csv: 'Price board (CSV)', upload: 'Upload CSV',
    drafts: 'WhatsApp orders', noDrafts: 'No drafts yet.', customer: 'Customer name', bookedFor: 'Deliver from (when the customer asks for an hour)', confirm: 'Confirm order', discard: 'Discard',
    door: 'Click the map for the door', doorSet: 'Door: {lat}, {lon}', unread: 'Not understood', confirmed: 'Order {order} created, COD {cod}',
    stock: 'Package stock', failed: 'Failed: {reason}', qty: 'Qty', remove: 'remove', choose: 'Choose the item',
  },
} as const;

export type CatalogueTextKey = keyof (typeof TEXTS)['id'];

export function ct(key: CatalogueTextKey, params: Record<string, string | number> = {}): string {
  const table = getLocale() === 'en' ? TEXTS.en : TEXTS.id;
  return table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
