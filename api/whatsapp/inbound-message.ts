// What one WhatsApp message adds to its customer's draft: a text is parsed into catalogue items, address and landmark;
// a location gives the door; a shared contact and any other kind (image, voice note…) are kept as notes, so nothing
// a customer sends is lost on the way to the coordinator.
import type { ShoppingListParser } from '../../engine/index.js';
import type { InboundMessage } from '../schemas/whatsapp.js';
import type { DraftAddition } from '../store/drafts-store.js';

/** `6281234567890` → `+6281234567890` (the API's phone format). */
export function e164(waId: string): string {
  const digits = waId.replace(/\D/g, '');
  return `+${digits}`;
}

export function draftAddition(marketId: string, message: InboundMessage, profileName: string | null, parser: ShoppingListParser): DraftAddition {
  const base = {
    messageId: message.id, marketId, fromPhone: e164(message.from), kind: message.type, body: message, customerName: profileName,
    sentAt: message.timestamp && /^\d{1,12}$/.test(message.timestamp) ? new Date(Number(message.timestamp) * 1000) : null,
    items: [] as unknown[], unparsed: [] as string[], address: null as string | null, landmark: null as string | null, location: null as { lon: number; lat: number } | null, text: '',
  };
  if (message.type === 'text' && message.text) {
    const parsed = parser.parse(message.text.body);
    return {
      ...base, text: message.text.body, address: parsed.address, landmark: parsed.landmark, unparsed: parsed.unparsed,
      items: parsed.items.map((i) => ({ catalogue_item_id: i.catalogueItemId, name: i.name, quantity: i.quantity, unit: i.unit, budget_rp: i.budgetRp, text: i.text, confidence: i.confidence,
        candidates: i.candidates.map((c) => ({ catalogue_item_id: c.catalogueItemId, name: c.name })) })),
    };
  }
  if (message.type === 'location' && message.location) {
    const l = message.location;
    const where = [l.name, l.address].filter(Boolean).join(', ');
    return { ...base, location: { lon: l.longitude, lat: l.latitude }, address: where || null, text: `[lokasi] ${where || `${l.latitude}, ${l.longitude}`}` };
  }
  if (message.type === 'contacts' && message.contacts) {
    const cards = message.contacts.map((c) => [c.name?.formatted_name, ...(c.phones ?? []).map((p) => p.phone ?? p.wa_id)].filter(Boolean).join(' '));
    return { ...base, text: `[kontak] ${cards.join('; ')}`, unparsed: cards.map((c) => `kontak: ${c}`) };
  }
  return { ...base, text: `[${message.type}]`, unparsed: [`pesan ${message.type} — buka WhatsApp untuk melihatnya`] };
}
