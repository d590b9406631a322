// i18n: Bahasa Indonesia by default, English switchable; one dictionary per language with the same keys.

const id = {
  'app.title': 'Peta Dispatch jejaring', 'app.courierTitle': 'Kurir jejaring',
  'lang.switch': 'English',
  'panel.queue': 'Antrean pesanan', 'panel.couriers': 'Kurir', 'panel.feed': 'Kejadian', 'panel.kpi': 'Ringkasan',
  'panel.details': 'Detail', 'panel.newOrder': 'Pesanan baru',
  'kpi.waiting': 'Pesanan menunggu', 'kpi.onTime': 'Tepat waktu', 'kpi.clickToDoor': 'Rata-rata pesan→antar',
  'kpi.utilisation': 'Utilisasi kurir', 'kpi.cod': 'COD belum setor', 'kpi.booked': 'Pesanan untuk nanti',
  'filter.market': 'Pasar', 'filter.fleet': 'Armada', 'filter.state': 'Status', 'filter.all': 'Semua',
  'fleet.ojol': 'Ojol', 'fleet.pangkalan': 'Pangkalan',
  'state.offline': 'Offline', 'state.idle': 'Siaga', 'state.offered': 'Ditawari', 'state.on_route': 'Di jalan', 'state.paused': 'Jeda',
  'order.created': 'Baru', 'order.batched': 'Dikelompokkan', 'order.offered': 'Ditawarkan', 'order.assigned': 'Diterima',
  'order.picking': 'Mengambil', 'order.delivering': 'Mengantar', 'order.delivered': 'Terkirim', 'order.failed': 'Gagal',
  'order.cancelled': 'Batal', 'order.exchanged': 'Ditukar',
  'action.assign': 'Tugaskan', 'action.unassign': 'Lepas', 'action.pin': 'Sematkan', 'action.pause': 'Jeda kurir',
  'action.resume': 'Lanjutkan kurir', 'action.replan': 'Rencanakan ulang', 'action.done': 'Berhasil', 'action.failed': 'Gagal: {reason}',
  'action.pickCourier': 'Pilih kurir',
  'offer.countdown': 'Tawaran {s} dtk', 'offer.title': 'Tawaran rute', 'offer.accept': 'Terima', 'offer.decline': 'Tolak',
  'offer.none': 'Belum ada tawaran.', 'offer.orders': '{n} pesanan',
  'waiting.for': 'menunggu {min} mnt', 'waiting.new': 'baru masuk',
  'unit.minutes': '{n} mnt',
  'demo.speed': 'Demo: kurir melaju {factor}× lebih cepat dari waktu nyata',
  'event.order.created': 'Pesanan baru masuk', 'event.order.pending': 'Pesanan menunggu kurir', 'event.order.batched': 'Pesanan dikelompokkan',
  'event.order.assigned': 'Pesanan diterima kurir', 'event.order.unassigned': 'Pesanan dilepas dari kurir', 'event.order.pinned': 'Pesanan disematkan ke kurir',
  'event.order.unplanned': 'Pesanan belum masuk rencana', 'event.order.items_picked': 'Barang diambil di lapak', 'event.order.picked_up': 'Belanjaan sudah diambil',
  'event.order.delivering': 'Pesanan diantar', 'event.order.delivered': 'Pesanan terkirim', 'event.order.failed': 'Pesanan gagal',
  'event.order.cancelled': 'Pesanan dibatalkan', 'event.order.exchanged': 'Barang ditukar', 'event.order.rescheduled': 'Jam pesanan diubah', 'event.order.eta_changed': 'Perkiraan tiba berubah',
  'event.order.eta_told': 'Pelanggan diberi tahu jam tiba baru',
  'event.order.unroutable': 'Pesanan disisihkan: titiknya jauh dari jalan',
  'event.offer.created': 'Tawaran rute dikirim', 'event.offer.accepted': 'Tawaran diterima', 'event.offer.declined': 'Tawaran ditolak',
  'event.offer.expired': 'Tawaran habis waktu', 'event.offer.withdrawn': 'Tawaran ditarik',
  'event.plan.requested': 'Perencanaan ulang diminta', 'event.plan.updated': 'Rencana rute diperbarui', 'event.plan.failed': 'Perencanaan gagal',
  'event.route.updated': 'Rute kurir diperbarui', 'event.route.completed': 'Rute selesai', 'event.eta.updated': 'Perkiraan tiba diperbarui',
  'event.courier.idle': 'Kurir siaga', 'event.courier.moved': 'Kurir berpindah', 'event.courier.stale': 'Posisi kurir tidak diperbarui',
  'event.courier.staging': 'Kurir diminta menunggu di pasar',
  'event.courier.online': 'Kurir mulai bertugas', 'event.courier.offline': 'Kurir selesai bertugas', 'event.courier.paused': 'Kurir dijeda',
  'event.courier.created': 'Kurir baru terdaftar', 'event.market.created': 'Pasar baru terdaftar', 'event.market.updated': 'Data pasar diperbarui',
  'event.stall.created': 'Lapak baru terdaftar', 'event.catalogue.updated': 'Daftar harga lapak diperbarui',
  'event.order.picking': 'Belanjaan sedang diambil', 'event.stop.arrived': 'Kurir tiba di titik', 'event.stop.done': 'Titik selesai',
  'event.stop.picked': 'Barang diambil di lapak', 'event.stop.delivered': 'Pesanan diserahkan', 'event.stop.refused': 'Pelanggan menolak, barang ditukar',
  'event.stop': 'Pembaruan titik rute', 'event.order': 'Pembaruan pesanan', 'event.offer': 'Pembaruan tawaran', 'event.courier': 'Pembaruan kurir', 'event.route': 'Pembaruan rute',
  'event.plan': 'Pembaruan rencana', 'event.other': 'Pembaruan sistem',
  'route.stop': 'Titik {n}', 'route.pickup': 'Ambil di {stall}', 'route.delivery': 'Antar ke {customer}', 'route.return': 'Kembalikan ke {stall}',
  'route.empty': 'Tidak ada rute aktif.', 'route.eta': 'perkiraan {time}', 'route.readyAt': 'barang siap {time}',
  'held.commit_horizon': 'Disimpan untuk {courier} (masih mengantar), ke lapak ±{time}', 'held.goods_not_ready': 'Menunggu barang siap; {courier} ke lapak ±{time}',
  'details.heldFor': 'Rencana',
  'stop.arrived': 'Sampai', 'stop.picked': 'Sudah diambil', 'stop.delivered': 'Terkirim', 'stop.refused': 'Pelanggan menolak → tukar',
  'item.ok': 'Ada', 'item.missing': 'Kosong', 'item.substituted': 'Diganti',
  'cod.amount': 'Jumlah COD (Rp)', 'cod.total': 'Total COD', 'cod.short': 'COD kurang (belum disetor)',
  'entry.customer': 'Nama pelanggan', 'entry.phone': 'Telepon', 'entry.note': 'Catatan alamat / patokan',
  'entry.point': 'Titik antar: klik peta', 'entry.pointSet': 'Titik antar: {lat}, {lon}', 'entry.items': 'Barang',
  'entry.stall': 'Lapak', 'entry.item': 'Barang', 'entry.qty': 'Jumlah (kg)', 'entry.price': 'Harga (Rp)', 'entry.addItem': '+ Barang',
  'entry.submit': 'Kirim pesanan', 'entry.created': 'Pesanan {id} dibuat',
  'catalogue.title': 'Katalog kios', 'catalogue.stall': 'Kios', 'catalogue.name': 'Barang', 'catalogue.unit': 'Satuan',
  'catalogue.price': 'Harga (Rp)', 'catalogue.weight': 'Berat (kg)', 'catalogue.available': 'Ada', 'catalogue.addRow': '+ barang',
  'catalogue.save': 'Simpan katalog', 'catalogue.saved': 'Tersimpan: {created} baru, {updated} diubah, {unchanged} tetap',
  'catalogue.csv': 'Papan harga (CSV)', 'catalogue.upload': 'Unggah CSV',
  'drafts.title': 'Pesanan WhatsApp', 'drafts.none': 'Belum ada draf.', 'drafts.customer': 'Nama pelanggan',
  'drafts.bookedFor': 'Antar mulai (bila pelanggan minta jam)', 'drafts.confirm': 'Konfirmasi pesanan', 'drafts.discard': 'Buang',
  'drafts.door': 'Klik peta untuk titik antar', 'drafts.doorSet': 'Titik antar: {lat}, {lon}', 'drafts.unread': 'Belum terbaca',
  'drafts.confirmed': 'Pesanan {order} dibuat, COD {cod}', 'drafts.qty': 'Jumlah', 'drafts.choose': 'Pilih barang',
  'common.remove': 'hapus',
  'offer.fee': 'Ongkos', 'offer.stalls': '{n} lapak', 'offer.trip': 'Pasar → pintu',
  'offer.cod': 'COD ditagih', 'offer.float': 'Modal talangan', 'offer.tripValue': '{km} km · {min} mnt',
  'signin.title': 'Masuk sebagai kurir', 'signin.token': 'Token kurir', 'signin.submit': 'Masuk', 'signin.out': 'Keluar',
  'net.online': 'Terhubung', 'net.offline': 'Offline: {n} aksi menunggu', 'net.replayed': '{n} aksi terkirim',
  'courier.staging': 'Pesanan akan segera masuk: tunggu di dekat pasar',
  'details.none': 'Klik kurir, pesanan, atau lapak untuk detail.',
  'details.orderNumber': 'Nomor pesanan', 'details.orderedAt': 'Dipesan', 'details.bookedFor': 'Dipesan untuk', 'details.positionAt': 'Posisi terakhir',
  'common.close': 'Tutup', 'common.noData': '—',
} as const;

export type MessageKey = keyof typeof id;

const en: Record<MessageKey, string> = {
  'app.title': 'jejaring Dispatch Map', 'app.courierTitle': 'jejaring Courier',
  'lang.switch': 'Bahasa Indonesia',
  'panel.queue': 'Order queue', 'panel.couriers': 'Couriers', 'panel.feed': 'Events', 'panel.kpi': 'Overview',
  'panel.details': 'Details', 'panel.newOrder': 'New order',
  'kpi.waiting': 'Orders waiting', 'kpi.onTime': 'On time', 'kpi.clickToDoor': 'Mean click-to-door',
  'kpi.utilisation': 'Courier utilisation', 'kpi.cod': 'COD outstanding', 'kpi.booked': 'Booked for later',
  'filter.market': 'Market', 'filter.fleet': 'Fleet', 'filter.state': 'State', 'filter.all': 'All',
  'fleet.ojol': 'Ojol', 'fleet.pangkalan': 'Pangkalan',
  'state.offline': 'Offline', 'state.idle': 'Idle', 'state.offered': 'Offered', 'state.on_route': 'On route', 'state.paused': 'Paused',
  'order.created': 'New', 'order.batched': 'Batched', 'order.offered': 'Offered', 'order.assigned': 'Assigned',
  'order.picking': 'Picking', 'order.delivering': 'Delivering', 'order.delivered': 'Delivered', 'order.failed': 'Failed',
  'order.cancelled': 'Cancelled', 'order.exchanged': 'Exchanged',
  'action.assign': 'Assign', 'action.unassign': 'Unassign', 'action.pin': 'Pin', 'action.pause': 'Pause courier',
  'action.resume': 'Resume courier', 'action.replan': 'Re-plan now', 'action.done': 'Done', 'action.failed': 'Failed: {reason}',
  'action.pickCourier': 'Choose a courier',
  'offer.countdown': 'Offer {s} s', 'offer.title': 'Route offer', 'offer.accept': 'Accept', 'offer.decline': 'Decline',
  'offer.none': 'No offer yet.', 'offer.orders': '{n} orders',
  'waiting.for': 'waiting {min} min', 'waiting.new': 'just in',
  'unit.minutes': '{n} min',
  'demo.speed': 'Demo: couriers ride {factor}× faster than real time',
  'event.order.created': 'New order', 'event.order.pending': 'Order waiting for a courier', 'event.order.batched': 'Order batched',
  'event.order.assigned': 'Order taken by a courier', 'event.order.unassigned': 'Order released from its courier', 'event.order.pinned': 'Order pinned to a courier',
  'event.order.unplanned': 'Order not planned yet', 'event.order.items_picked': 'Items picked at the stall', 'event.order.picked_up': 'Shopping picked up',
  'event.order.delivering': 'Order on its way', 'event.order.delivered': 'Order delivered', 'event.order.failed': 'Order failed',
  'event.order.cancelled': 'Order cancelled', 'event.order.exchanged': 'Goods exchanged', 'event.order.rescheduled': 'Order hour moved', 'event.order.eta_changed': 'Expected arrival moved',
  'event.order.eta_told': 'Customer told a new arrival hour',
  'event.order.unroutable': 'Order set aside: its point is off the road network',
  'event.offer.created': 'Route offered', 'event.offer.accepted': 'Offer accepted', 'event.offer.declined': 'Offer declined',
  'event.offer.expired': 'Offer timed out', 'event.offer.withdrawn': 'Offer withdrawn',
  'event.plan.requested': 'Re-plan requested', 'event.plan.updated': 'Route plan updated', 'event.plan.failed': 'Planning failed',
  'event.route.updated': 'Courier route updated', 'event.route.completed': 'Route completed', 'event.eta.updated': 'Arrival times updated',
  'event.courier.idle': 'Courier idle', 'event.courier.moved': 'Courier moved', 'event.courier.stale': 'Courier position not updated',
  'event.courier.staging': 'Courier asked to wait at the market',
  'event.courier.online': 'Courier on duty', 'event.courier.offline': 'Courier off duty', 'event.courier.paused': 'Courier paused',
  'event.courier.created': 'New courier registered', 'event.market.created': 'New market registered', 'event.market.updated': 'Market details updated',
  'event.stall.created': 'New stall registered', 'event.catalogue.updated': 'Stall price board updated',
  'event.order.picking': 'Shopping being picked', 'event.stop.arrived': 'Courier arrived at a stop', 'event.stop.done': 'Stop done',
  'event.stop.picked': 'Items picked at the stall', 'event.stop.delivered': 'Order handed over', 'event.stop.refused': 'Customer refused, goods exchanged',
  'event.stop': 'Route stop update', 'event.order': 'Order update', 'event.offer': 'Offer update', 'event.courier': 'Courier update', 'event.route': 'Route update',
  'event.plan': 'Plan update', 'event.other': 'System update',
  'route.stop': 'Stop {n}', 'route.pickup': 'Pick up at {stall}', 'route.delivery': 'Deliver to {customer}', 'route.return': 'Return to {stall}',
  'route.empty': 'No active route.', 'route.eta': 'ETA {time}', 'route.readyAt': 'goods ready {time}',
  'held.commit_horizon': 'Kept for {courier} (still delivering), at the stall ~{time}', 'held.goods_not_ready': 'Goods not ready yet; {courier} at the stall ~{time}',
  'details.heldFor': 'Plan',
  'stop.arrived': 'Arrived', 'stop.picked': 'Picked up', 'stop.delivered': 'Delivered', 'stop.refused': 'Customer refused → exchange',
  'item.ok': 'OK', 'item.missing': 'Missing', 'item.substituted': 'Substituted',
  'cod.amount': 'COD amount (Rp)', 'cod.total': 'COD total', 'cod.short': 'COD short (unsettled)',
  'entry.customer': 'Customer name', 'entry.phone': 'Phone', 'entry.note': 'Address note / landmark',
  'entry.point': 'Delivery point: click the map', 'entry.pointSet': 'Delivery point: {lat}, {lon}', 'entry.items': 'Items',
  'entry.stall': 'Stall', 'entry.item': 'Item', 'entry.qty': 'Qty (kg)', 'entry.price': 'Price (Rp)', 'entry.addItem': '+ Item',
  'entry.submit': 'Submit order', 'entry.created': 'Order {id} created',
  'catalogue.title': 'Stall catalogue', 'catalogue.stall': 'Stall', 'catalogue.name': 'Item', 'catalogue.unit': 'Unit',
  'catalogue.price': 'Price (Rp)', 'catalogue.weight': 'Weight (kg)', 'catalogue.available': 'In stock', 'catalogue.addRow': '+ item',
  'catalogue.save': 'Save catalogue', 'catalogue.saved': 'Saved: {created} new, {updated} changed, {unchanged} unchanged',
  'catalogue.csv': 'Price board (CSV)', 'catalogue.upload': 'Upload CSV',
  'drafts.title': 'WhatsApp orders', 'drafts.none': 'No drafts yet.', 'drafts.customer': 'Customer name',
  'drafts.bookedFor': 'Deliver from (when the customer asks for an hour)', 'drafts.confirm': 'Confirm order', 'drafts.discard': 'Discard',
  'drafts.door': 'Click the map for the door', 'drafts.doorSet': 'Door: {lat}, {lon}', 'drafts.unread': 'Not understood',
  'drafts.confirmed': 'Order {order} created, COD {cod}', 'drafts.qty': 'Qty', 'drafts.choose': 'Choose the item',
  'common.remove': 'remove',
  'offer.fee': 'Fee', 'offer.stalls': '{n} stalls', 'offer.trip': 'Market → door',
  'offer.cod': 'COD to collect', 'offer.float': 'Cash float needed', 'offer.tripValue': '{km} km · {min} min',
  'signin.title': 'Sign in as a courier', 'signin.token': 'Courier token', 'signin.submit': 'Sign in', 'signin.out': 'Sign out',
  'net.online': 'Connected', 'net.offline': 'Offline: {n} actions queued', 'net.replayed': '{n} actions sent',
  'courier.staging': 'Orders are coming: please wait near the market',
  'details.none': 'Click a courier, order or stall for details.',
  'details.orderNumber': 'Order number', 'details.orderedAt': 'Ordered', 'details.bookedFor': 'Booked for', 'details.positionAt': 'Last position',
  'common.close': 'Close', 'common.noData': '—',
};

export type Locale = 'id' | 'en';
const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { id, en };

/** Every message of `lang` by key (both tables hold the same keys; tests check none is left untranslated). */
export function messagesOf(lang: Locale): Readonly<Record<MessageKey, string>> {
  return DICTIONARIES[lang];
}
const LOCALE_KEY = 'jejaring.locale';

let locale: Locale = readSavedLocale();
const listeners = new Set<() => void>();

function readSavedLocale(): Locale {
  try { return globalThis.localStorage?.getItem(LOCALE_KEY) === 'en' ? 'en' : 'id'; } catch { return 'id'; }
}

export function getLocale(): Locale { return locale; }

export function setLocale(next: Locale): void {
  locale = next;
  try { globalThis.localStorage?.setItem(LOCALE_KEY, next); } catch { /* storage disabled: keep in memory */ }
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current language with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return DICTIONARIES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Whether `key` names a message (for keys built from data, such as event types). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(id, key);
}

/** A feed line for an event type: its own message, else its entity's (`order.…` → order update), never the raw type. */
export function eventText(type: string): string {
  const own = `event.${type}`;
  if (isMessageKey(own)) return t(own);
  const entity = `event.${type.split('.')[0]}`;
  return t(isMessageKey(entity) ? entity : 'event.other');
}

/** Rupiah without decimals, grouped the Indonesian way (Rp 12.500). */
export function formatRp(amountRp: number): string {
  return `Rp ${Math.round(amountRp).toLocaleString('id-ID')}`;
}

export function formatClock(atMs: number): string {
  return new Date(atMs).toLocaleTimeString(locale === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** A time of day, with its date when it is not on the day of `nowMs` (an order booked for another day). */
export function formatWhen(atMs: number, nowMs = Date.now()): string {
  if (new Date(atMs).toDateString() === new Date(nowMs).toDateString()) return formatClock(atMs);
  return new Date(atMs).toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
